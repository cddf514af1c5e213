import { describe, expect, it } from 'vitest';
import { createMemoryLedgerStore } from '../../src/proxy/ledger/memory-store.js';
import { createLinkCode } from '../../src/proxy/links/link-code.js';
import { createTestSigner } from './helpers/cms.js';
import { APP_ID, CONTENT, DOC_ID, SECRET, createHarness, errorCode } from './helpers/setup.js';

const METRICS_TOKEN = 'metrics-token-Zq3vN8pL1xR7tY2uK9wB4mC6eH0j';
const scrape = (h: ReturnType<typeof createHarness>, token: string | null = METRICS_TOKEN) =>
  h.app.request('/metrics', token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('health and readiness', () => {
  it('/healthz says the process answers; /readyz that the ledger answers too', async () => {
    const h = createHarness();
    expect((await h.app.request('/healthz')).status).toBe(200);
    const ready = await h.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ Status: 'Success', Data: { ready: true, ledger: 'memory' } });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('/readyz is 503 NOT_READY while the ledger store does not answer', async () => {
    const store = { ...createMemoryLedgerStore(), ping: () => Promise.reject(new Error('ECONNREFUSED')) };
    const h = createHarness({ store });
    const res = await h.app.request('/readyz');
    expect([res.status, await errorCode(res)]).toEqual([503, 'NOT_READY']);
    const hung = createHarness({ store: { ...createMemoryLedgerStore(), ping: () => new Promise<void>(() => undefined) } });
    expect((await hung.app.request('/readyz')).status).toBe(503);
  });
});

describe('Prometheus metrics', () => {
  it('are not served without a token configured, nor to a caller without it', async () => {
    expect((await scrape(createHarness())).status).toBe(404);
    const h = createHarness({ metricsToken: METRICS_TOKEN });
    expect((await scrape(h, null)).status).toBe(404);
    expect((await scrape(h, `${METRICS_TOKEN}x`)).status).toBe(404);
    expect((await scrape(h)).status).toBe(200);
  });

  it('count requests by route, time OFD by operation, count sign outcomes and link exchanges, show the ledger', async () => {
    const h = createHarness({ metricsToken: METRICS_TOKEN });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    const signer = createTestSigner();
    try {
      expect((await h.request(`/api/registration/${APP_ID}`)).status).toBe(200);
      const sign = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: JSON.stringify({ DocumentId: DOC_ID, Signature: signer.sign(CONTENT) }) });
      expect(sign.status).toBe(200);
    } finally {
      signer.dispose();
    }
    await h.request(`/api/registration/${APP_ID}/no-such-route-${'x'.repeat(20)}`);
    await h.request('/api/links/exchange', { method: 'POST', body: JSON.stringify({ Code: createLinkCode({ applicationId: APP_ID, secret: SECRET, now: h.now.value }) }), ticket: null });
    await h.request('/api/links/exchange', { method: 'POST', body: JSON.stringify({ Code: 'l1.x.y' }), ticket: null });
    const res = await scrape(h);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('ofd_signer_http_requests_total{route="status",method="GET",status="2xx"} 1');
    expect(text).toContain('ofd_signer_http_requests_total{route="sign",method="POST",status="2xx"} 1');
    expect(text).toContain('ofd_signer_http_requests_total{route="other",method="GET",status="4xx"} 1');
    expect(text).not.toContain('no-such-route');
    expect(text).toMatch(/ofd_signer_upstream_request_duration_seconds_count\{operation="sign",outcome="2xx"\} 1/);
    expect(text).toMatch(/ofd_signer_upstream_request_duration_seconds_bucket\{operation="status",outcome="2xx",le="\+Inf"\} \d+/);
    expect(text).toContain('ofd_signer_sign_outcomes_total{outcome="sent"} 1');
    expect(text).toContain('ofd_signer_link_exchanges_total{outcome="ok"} 1');
    expect(text).toContain('ofd_signer_link_exchanges_total{outcome="LINK_INVALID"} 1');
    expect(text).toContain('ofd_signer_ledger_up{store="memory"} 1');
    expect(text).toContain('ofd_signer_sign_in_flight 0');
    expect(text).not.toContain(SECRET);
  });
});
