import { describe, expect, it } from 'vitest';
import { corsAllowlist } from '../../../src/proxy/middleware/cors-allowlist.js';
import { appWith } from './helpers.js';

describe('corsAllowlist', () => {
  const app = appWith('*', corsAllowlist(['https://shop.example', 'https://proxy.example']));

  it('answers a preflight from a listed origin', async () => {
    const res = await app.request('/x', { method: 'OPTIONS', headers: { origin: 'https://shop.example' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('refuses a foreign origin, preflight or not', async () => {
    for (const method of ['OPTIONS', 'GET', 'POST']) {
      const res = await app.request('/x', { method, headers: { origin: 'https://shop.example.evil' } });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('lets same-origin pages and origin-less clients through', async () => {
    expect((await app.request('/x', { headers: { origin: 'https://proxy.example' } })).status).toBe(200);
    expect((await app.request('/x')).status).toBe(200);
  });
});
