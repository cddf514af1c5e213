import type { Context } from 'hono';
import { parseAddressList } from '../config/addresses.js';

export interface ClientAddressOptions {
  /** Reverse-proxy hops whose `X-Forwarded-For` entries are trusted; `true` is 1, `false`/0 none. */
  trustProxy?: boolean | number;
  /** Socket peers allowed to speak for the client (the balancer). Unset with `trustProxy`: any peer (library default). */
  trustedProxies?: readonly string[];
}

/** The TCP peer of the request (what the socket says, nothing a client can write). */
export function socketPeer(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

/**
 * Who the client is, and whether this request came through a hop the operator trusts. Only such a hop may say
 * who the client is (`X-Forwarded-For`) or carry a request id of its own (`X-Request-Id`).
 */
export function clientAddressing(options: ClientAddressOptions): {
  clientAddress: (c: Context) => string;
  fromTrustedHop: (c: Context) => boolean;
} {
  const hops = options.trustProxy === true ? 1 : typeof options.trustProxy === 'number' ? options.trustProxy : 0;
  const listed = options.trustedProxies && options.trustedProxies.length > 0 ? parseAddressList(options.trustedProxies) : undefined;
  if (listed && 'bad' in listed) throw new TypeError(`trustedProxies: "${listed.bad}" is not an IP address or CIDR`);
  const fromTrustedHop = listed ? (c: Context) => listed(socketPeer(c)) : () => hops > 0;
  const peer = (c: Context) => socketPeer(c) ?? 'unknown';
  if (hops === 0) return { clientAddress: peer, fromTrustedHop };
  return {
    fromTrustedHop,
    clientAddress: (c) => {
      if (!fromTrustedHop(c)) return peer(c);
      // Each trusted hop appended one entry; the one before them is what the first hop saw. Earlier entries are claims.
      const entries = c.req.header('x-forwarded-for')?.split(',').map((h) => h.trim()).filter(Boolean) ?? [];
      return entries.at(-hops) ?? entries[0] ?? peer(c);
    },
  };
}
