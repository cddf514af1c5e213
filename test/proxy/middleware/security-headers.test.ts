import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../src/proxy/middleware/security-headers.js';
import { appWith } from './helpers.js';

describe('securityHeaders', () => {
  const app = appWith('*', securityHeaders());
  it('no-referrer everywhere; no-store on the API; a script-src self CSP on pages', async () => {
    const api = await app.request('/api/registration/x');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('cache-control')).toBe('no-store');
    const page = await app.request('/index.html');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
  });
});
