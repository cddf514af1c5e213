import type { Context } from 'hono';
import { parseAddressList } from '../config/addresses.js';

export interface ClientAddressOptions {
  /** Reverse-proxy hops whose `X-Forwarded-For` entries are trusted; `true` is 1, `false`/0 none. */
  trustProxy?: boolean | number;
  /** Socket peers allowed to speak for the client (the balancer). Unset with `trustProxy`: any peer (library default). */
  trustedProxies?: readonly string[];
}

/**
 * The rules on plain values (socket peer, `X-Forwarded-For` as received), shared by the Hono middleware and the
 * status poll's node:http path.
 */
export interface ClientAddressRules {
  /** Whether a request from this socket peer came through a hop the operator trusts. */
  fromTrustedPeer(peer: string | undefined): boolean;
  /** Who the client of a request from `peer` carrying `forwardedFor` is. */
  clientOf(peer: string | undefined, forwardedFor: string | undefined): string;
  /** Whether `clientOf` reads `X-Forwarded-For` at all (no trusted hops: never). */
  readsForwardedFor: boolean;
}

/** The TCP peer of the request (what the socket says, nothing a client can write). */
export function socketPeer(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

/**
 * Who the client is, and whether a request came through a hop the operator trusts. Only such a hop may say who
 * the client is (`X-Forwarded-For`) or carry a request id of its own (`X-Request-Id`).
 */
export function clientAddressRules(options: ClientAddressOptions): ClientAddressRules {
  const hops = options.trustProxy === true ? 1 : typeof options.trustProxy === 'number' ? options.trustProxy : 0;
  const listed = options.trustedProxies && options.trustedProxies.length > 0 ? parseAddressList(options.trustedProxies) : undefined;
  if (listed && 'bad' in listed) throw new TypeError(`trustedProxies: "${listed.bad}" is not an IP address or CIDR`);
  const fromTrustedPeer = listed ? (peer: string | undefined) => listed(peer) : () => hops > 0;
  if (hops === 0) return { fromTrustedPeer, clientOf: (peer) => peer ?? 'unknown', readsForwardedFor: false };
  return {
    fromTrustedPeer,
    readsForwardedFor: true,
    clientOf: (peer, forwardedFor) => {
      if (!fromTrustedPeer(peer)) return peer ?? 'unknown';
      // Each trusted hop appended one entry; the one before them is what the first hop saw. Earlier entries are claims.
      const entries = forwardedFor?.split(',').map((h) => h.trim()).filter(Boolean) ?? [];
      return entries.at(-hops) ?? entries[0] ?? peer ?? 'unknown';
    },
  };
}

/** The same rules on a Hono context. */
export function clientAddressing(options: ClientAddressOptions): {
  clientAddress: (c: Context) => string;
  fromTrustedHop: (c: Context) => boolean;
  rules: ClientAddressRules;
} {
  const rules = clientAddressRules(options);
  return {
    rules,
    fromTrustedHop: (c) => rules.fromTrustedPeer(socketPeer(c)),
    clientAddress: rules.readsForwardedFor
      ? (c) => rules.clientOf(socketPeer(c), c.req.header('x-forwarded-for'))
      : (c) => rules.clientOf(socketPeer(c), undefined),
  };
}
