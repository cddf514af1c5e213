/** The client address rate limits and logs use: the socket's peer, or behind `trustProxy` the last X-Forwarded-For hop. */
export function socketAddress(incoming: { socket?: { remoteAddress?: string | undefined } } | undefined): string {
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The address our own reverse proxy appended last; earlier hops are whatever the client claimed. */
export function lastForwardedHop(forwardedFor: string | undefined): string | undefined {
  return forwardedFor
    ?.split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .at(-1);
}
