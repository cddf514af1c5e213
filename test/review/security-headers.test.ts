/**
 * Review: headers the proxy sends with the standalone signing page. A signing page must not be framed by anyone
 * (clickjacking), and its address carries a bearer ticket on the first load, so the answer must not be kept in
 * the browser's HTTP cache keyed by that address.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyApp, type ProxyApp } from '../../src/proxy/index.js';

let dir: string;
let app: ProxyApp;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ofd-review-headers-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta name="referrer" content="no-referrer"><title>Подпись</title>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'export {}');
  app = createProxyApp({
    ofdBaseUrl: 'http://ofd.test/api/integration',
    authToken: 'partner-token-0123456789',
    ticketSecret: 'review-secret-review-secret-0123456789',
    allowedOrigins: [],
    staticDir: dir,
    logger: () => undefined,
    upstream: async () => {
      throw new Error('no upstream in this test');
    },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the signing page cannot be framed and is not cached with its ticket', () => {
  it('the page (with a ticket in its address) forbids every frame ancestor and any caching', async () => {
    const res = await app.request('/?application=6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b&ticket=v1.abcdefgh.abcdefghijklmnopqrstuv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the single-page fallback is treated the same', async () => {
    const res = await app.request('/sign/anything');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toContain('no-store');
  });

  it('hashed assets stay cacheable (only pages are no-store)', async () => {
    const res = await app.request('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control') ?? '').not.toContain('no-store');
  });

  it('API answers cannot be framed or run as a document either', async () => {
    const res = await app.request('/api/nothing');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
