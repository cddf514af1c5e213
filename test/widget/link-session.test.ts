import { describe, expect, it } from 'vitest';
import { createLinkCode, createMemoryLinkRevocations, verifyLinkCode } from '../../src/proxy/index.js';
import { ProxyError } from '../../src/api/errors/index.js';
import { openLinkSession } from '../../src/widget/link-session.js';
import { createMockBackend, TICKET_SECRET } from './mock-backend.js';

/** The page's ticket lives minutes; the link days. The session renews the ticket from the code as needed. */
function world() {
  let now = Date.now();
  const revocations = createMemoryLinkRevocations({ clock: () => now });
  const backend = createMockBackend(() => now, undefined, { clock: () => now, linkRevocations: revocations });
  const exchanges: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/links/exchange')) exchanges.push(url);
    return backend.proxy.request(input instanceof Request ? input : new URL(url, 'http://proxy.test').href, init);
  }) as typeof globalThis.fetch;
  return { backend, revocations, exchanges, fetch, advance: (ms: number) => ((now += ms), backend.control.advance(ms)), now: () => now };
}

/** A demo application, a link for it, and a session opened from the link. */
async function opened() {
  const w = world();
  const app = w.backend.control.createDemoApplication();
  const code = createLinkCode({ applicationId: app.Id, secret: TICKET_SECRET, now: w.now() });
  const session = await openLinkSession({ apiBase: 'http://proxy.test/api', code, fetch: w.fetch });
  return { w, app, code, session };
}

describe('link session', () => {
  it('renews an expired ticket from the code and repeats the request once', async () => {
    const { w, app, code, session } = await opened();
    try {
      const firstTicket = session.latest.ticket;
      expect((await session.client.getApplication(app.Id)).Id).toBe(app.Id);
      // The laptop slept through the renewal timer: the next request finds the ticket expired.
      w.advance(20 * 60_000);
      expect((await session.client.getApplication(app.Id)).Id).toBe(app.Id);
      expect(w.exchanges).toHaveLength(2);
      expect(session.latest.ticket).not.toBe(firstTicket);
      expect(session.client.fileUrl(app.Id, 'application')).toContain(`/registration/${app.Id}/files/application`);
    } finally {
      session.close();
    }
  });

  it('a link revoked meanwhile ends the session with the proxy’s reason', async () => {
    const { w, app, code, session } = await opened();
    try {
      const link = verifyLinkCode(code, { secret: TICKET_SECRET, now: w.now() });
      await w.revocations.revoke(link.linkId, link.expiresAt);
      w.advance(20 * 60_000);
      const error = await session.client.getApplication(app.Id).catch((e: unknown) => e);
      // The proxy's typed error, with its sentence: what the element shows for any refusal.
      expect(error).toBeInstanceOf(ProxyError);
      expect((error as ProxyError).code).toBe('LINK_REVOKED');
      expect((error as ProxyError).userMessage('ru')).toContain('отозвала');
    } finally {
      session.close();
    }
  });
});
