/**
 * Address rules shared by the configuration checks and the request path: what counts as loopback, and whether a
 * socket peer is one of the reverse proxies the operator listed (exact address or IPv4/IPv6 CIDR).
 */
import { BlockList, isIP } from 'node:net';

/** A host name or literal address that only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** An http(s) URL whose host is loopback. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Parses `10.0.0.5, 172.16.0.0/12, fd00::/8`; returns undefined for an entry that is neither an address nor a CIDR.
 * The answer tells whether a socket peer address (IPv4-mapped IPv6 included) is in the list.
 */
export function parseAddressList(entries: readonly string[]): ((address: string | undefined) => boolean) | { bad: string } {
  const list = new BlockList();
  for (const raw of entries) {
    const [address, bits] = raw.split('/') as [string, string | undefined];
    const family = isIP(address);
    if (family === 0) return { bad: raw };
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || prefix > (family === 4 ? 32 : 128)) return { bad: raw };
    list.addSubnet(address, prefix, type);
  }
  return (peer) => {
    if (!peer) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(peer)?.[1];
    const address = mapped ?? peer;
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
