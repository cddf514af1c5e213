import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, CONTENT, DOC_ID, createHarness, errorCode, type Harness } from './helpers/setup.js';

let dir: string;
let h: Harness;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ofd-proxy-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Подпись заявки</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("widget")');
  writeFileSync(join(dir, 'assets', 'app.js.map'), '{"version":3,"sourcesContent":["// internal comment"]}');
  h = createHarness({ staticDir: dir });
  h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the standalone page served by the proxy', () => {
  it('serves the page at / (with the ticket query) under a script-src self CSP and no-referrer', async () => {
    const res = await h.app.request(`/?application=${APP_ID}&ticket=v1.x.y`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Подпись заявки');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const js = await h.app.request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it('falls back to the page for other page paths, but /api stays the API', async () => {
    expect(await (await h.app.request('/sign/anything')).text()).toContain('Подпись заявки');
    const api = await h.app.request('/api/nothing');
    expect(api.status).toBe(404);
    expect(await errorCode(api)).toBe('NOT_FOUND');
  });

  it('never serves a source map, even one left in the directory (issue 14, finding 6)', async () => {
    for (const path of ['/assets/app.js.map', '/assets/app.js.map?x=1', '/assets/missing.js.map']) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('sourcesContent');
    }
  });

  it('does not serve files outside the directory', async () => {
    const res = await h.app.request('/../../../../etc/passwd');
    expect(await res.text()).not.toContain('root:');
    const encoded = await h.app.request('/%2e%2e/%2e%2e/etc/passwd');
    expect(await encoded.text()).not.toContain('root:');
  });

  it('the page calls the API same-origin without being listed in ALLOWED_ORIGINS', async () => {
    const res = await h.request(`/api/registration/${APP_ID}`, { headers: { origin: 'http://localhost' } });
    expect(res.status).toBe(200);
  });
});

describe('demo mode', () => {
  it('admits only its own page and the listed origins, not any other page on localhost (issue 14, finding 1)', async () => {
    const demo = createHarness({ demo: true, publicUrl: 'http://127.0.0.1:8787' });
    demo.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    expect((await demo.request(`/api/registration/${APP_ID}`, { headers: { origin: 'http://127.0.0.1:8787' } })).status).toBe(200);
    expect((await demo.request(`/api/registration/${APP_ID}`, { headers: { origin: 'http://127.0.0.1:5173' } })).status).toBe(403);
    expect((await demo.request(`/api/registration/${APP_ID}`, { headers: { origin: 'http://localhost:3000' } })).status).toBe(403);
    expect((await demo.request(`/api/registration/${APP_ID}`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });
});
