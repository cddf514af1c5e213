/**
 * The API's security headers are set before the handler runs (the fast response path): every kind of answer must
 * still carry them, errors and refusals included.
 */
import { describe, expect, it } from 'vitest';
import { createProxyApp, createTicket } from '../../src/proxy/index.js';

const SECRET = 'headers-secret-headers-secret-0123456789';
const ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';
const TOKEN = 'partner-token-0123456789';

describe('API answers carry the security headers whatever happens', () => {
  const app = createProxyApp({
    ofdBaseUrl: 'http://ofd.test/api/integration',
    authToken: TOKEN,
    ticketSecret: SECRET,
    allowedOrigins: ['https://partner.example'],
    publicUrl: 'http://localhost',
    logger: false,
    limits: { statusCacheMs: 0 },
    upstream: async () => ({
      status: 200,
      headers: { get: () => 'application/json' },
      text: async () => JSON.stringify({ Data: { Id: ID, DownloadUri: `http://ofd.test/doc?AuthToken=${TOKEN}` }, Success: true }),
      body: null,
    }),
  });
  const ticket = createTicket({ applicationId: ID, expiresInSeconds: 60, secret: SECRET });
  const bearer = { authorization: `Bearer ${ticket}` };

  it.each([
    ['status poll', `/api/registration/${ID}`, { headers: bearer }, 200],
    ['no ticket', `/api/registration/${ID}`, {}, 401],
    ['bad id', '/api/registration/nope', { headers: bearer }, 400],
    ['unknown API path', '/api/nothing', {}, 404],
    ['wrong method', `/api/registration/${ID}`, { method: 'DELETE', headers: bearer }, 405],
    ['foreign origin', `/api/registration/${ID}`, { headers: { ...bearer, origin: 'https://evil.example' } }, 403],
    ['preflight', `/api/registration/${ID}`, { method: 'OPTIONS', headers: { origin: 'https://partner.example' } }, 204],
    ['health', '/healthz', {}, 200],
  ] as const)('%s', async (_name, path, init, status) => {
    const res = await app.request(path, init);
    expect(res.status).toBe(status);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-site');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-request-id')).toBeTruthy();
    if (status === 200 && path !== '/healthz') {
      const text = await res.text();
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(text).Data.DownloadUri).toBe(`http://localhost/api/registration/${ID}/files/application`);
      expect(text).not.toContain(TOKEN);
    }
  });
});
