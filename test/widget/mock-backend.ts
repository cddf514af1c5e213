/**
 * The server side both widget worlds share, in process: the mock OFD behind the proxy, joined by `app.request`
 * instead of sockets, and the secret the test tickets are signed with.
 */
import { createMockOfd } from '../../src/mock-ofd/index.js';
import type { MockOfdOptions } from '../../src/mock-ofd/types.js';
import { createProxyApp, type ProxyOptions, type UpstreamFetch } from '../../src/proxy/index.js';

export const TICKET_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** The mock OFD on the given clock (tests move it on) and the proxy in front of it, with no rate limit or cache. */
export function createMockBackend(clock: () => number, mock?: MockOfdOptions, proxyOptions: Partial<ProxyOptions> = {}) {
  const { app: mockApp, control } = createMockOfd({ clock, ...mock });
  const upstream: UpstreamFetch = async (url, init) => {
    const res = await mockApp.request(url, { method: init.method, headers: init.headers, body: init.body ?? null, signal: init.signal });
    return { status: res.status, headers: res.headers, text: () => res.text(), body: res.body };
  };
  const proxy = createProxyApp({
    ofdBaseUrl: 'http://mock-ofd.test/api/integration',
    authToken: control.authToken,
    ticketSecret: TICKET_SECRET,
    allowedOrigins: [],
    upstream,
    logger: () => undefined,
    rateLimit: false,
    limits: { statusCacheMs: 0 },
    ...proxyOptions,
  });
  return { control, proxy };
}
