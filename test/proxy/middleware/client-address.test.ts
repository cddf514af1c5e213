import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddressing } from '../../../src/proxy/middleware/client-address.js';

/** Issue 14, finding 6: X-Forwarded-For counts only when it comes through the balancer the operator named. */
function appFor(options: Parameters<typeof clientAddressing>[0]) {
  const { clientAddress, fromTrustedHop } = clientAddressing(options);
  const app = new Hono();
  app.get('*', (c) => c.json({ client: clientAddress(c), trusted: fromTrustedHop(c) }));
  return (peer: string, xff?: string) =>
    Promise.resolve(app.request('/', { headers: xff ? { 'x-forwarded-for': xff } : {} }, { incoming: { socket: { remoteAddress: peer } } })).then(
      (r) => r.json() as Promise<{ client: string; trusted: boolean }>,
    );
}

describe('client address', () => {
  it('without TRUST_PROXY: the socket peer, whatever the headers claim', async () => {
    const ask = appFor({});
    expect(await ask('203.0.113.9', '198.51.100.1')).toEqual({ client: '203.0.113.9', trusted: false });
  });

  it('one trusted hop: the entry the balancer added, only when the balancer is the peer', async () => {
    const ask = appFor({ trustProxy: 1, trustedProxies: ['172.28.0.10'] });
    expect(await ask('172.28.0.10', 'spoofed, 198.51.100.1')).toEqual({ client: '198.51.100.1', trusted: true });
    expect(await ask('::ffff:172.28.0.10', '198.51.100.1')).toEqual({ client: '198.51.100.1', trusted: true });
    // Reaching the proxy directly, a client cannot claim another address.
    expect(await ask('203.0.113.9', '198.51.100.1')).toEqual({ client: '203.0.113.9', trusted: false });
  });

  it('two hops, listed by CIDR', async () => {
    const ask = appFor({ trustProxy: 2, trustedProxies: ['10.0.0.0/8'] });
    expect(await ask('10.1.2.3', 'spoofed, 198.51.100.1, 10.9.9.9')).toEqual({ client: '198.51.100.1', trusted: true });
  });

  it('a bad entry is refused when the app is built', () => {
    expect(() => clientAddressing({ trustProxy: 1, trustedProxies: ['balancer'] })).toThrow(/not an IP address or CIDR/);
  });
});
