/**
 * Two loaders on the emulated Manifest V3 extension in real Chromium, under a strict CSP: ours (the adapter's
 * default) and CryptoPro's own loader 2.4.1 served by the "partner" and passed as `loaderUrl` (the copy inside
 * ruscryptojs 2.8.1, unmodified). Each lists, signs, and OpenSSL verifies the signature; each found the MV3 id after
 * trying the old one. The adapter is the built `dist/lib/plugin.js`, the emulator the built IIFE (only the extension:
 * `loader: 'none'`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes, opensslCmsVerify } from '../testing/helpers/openssl.js';
import { CHROMIUM } from './helpers/browser.js';

const STRICT = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";
const LIB = resolve('dist/lib');
const IIFE = resolve('dist/ofd-signer-emulator.iife.js');
const CRYPTOPRO_LOADER = createRequire(import.meta.url).resolve('ruscryptojs/src/CryptoPro/cadesplugin_api.js');
const OLD = 'chrome-extension://iifchhfnnmpdbibifmljnfjhpififfog/nmcades_plugin_api.js';
const MV3 = 'chrome-extension://pfhgbfnnjiafkhfdkmpiflachepdcjod/nmcades_plugin_api.js';

const PAGE_MODULE = `
import { createCryptoProAdapter } from '/lib/plugin.js';
const loaderUrl = new URLSearchParams(location.search).get('loader') ?? undefined;
const adapter = createCryptoProAdapter({ loaderUrl, loadTimeoutMs: 10000 });
window.outcome = (async () => {
  const list = await adapter.listCertificates({ includeTokens: true });
  const chosen = list.find((c) => c.usable);
  const signature = await adapter.sign('PD94bWwgdmVyc2lvbj0iMS4wIj8+PNCk0LDQudC7Lz4=', { thumbprint: chosen.thumbprint });
  return {
    signature,
    listed: list.length,
    loaderVersion: window.cadesplugin.JSModuleVersion,
    ours: window.cadesplugin.ofd_signer_loader === true,
    requests: window.__mock.extension.scriptRequests,
    caPem: window.OfdSignerTesting.createDemoCertificates().ca.pem,
  };
})().catch((e) => ({ error: String(e && (e.code + ' ' + e.message)) }));
`;

let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'content-security-policy': STRICT });
      res.end(body);
    };
    if (url.pathname === '/') return send('text/html', '<!doctype html><title>partner</title><script type="module" src="/page.js"></script>');
    if (url.pathname === '/page.js') return send('text/javascript', PAGE_MODULE);
    if (url.pathname === '/vendor/cadesplugin_api.js') return send('text/javascript', readFileSync(CRYPTOPRO_LOADER));
    const file = normalize(join(LIB, url.pathname.replace(/^\/lib\//, '')));
    if (url.pathname.startsWith('/lib/') && file.startsWith(LIB) && existsSync(file)) return send('text/javascript', readFileSync(file));
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => server?.close(() => done()));
});

async function runPage(query: string) {
  const page = await browser.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript({ path: IIFE });
  await page.addInitScript(() => {
    const w = window as unknown as { __mock: unknown; OfdSignerTesting: { installCadesPluginMock(o: object): unknown } };
    w.__mock = w.OfdSignerTesting.installCadesPluginMock({ loader: 'none', latencyMs: 2 });
  });
  await page.goto(`${origin}/${query}`);
  await page.waitForFunction(() => (window as unknown as { outcome?: unknown }).outcome !== undefined);
  const outcome = await page.evaluate(() => (window as unknown as { outcome: Promise<Record<string, unknown>> }).outcome);
  await page.close();
  return { outcome, violations, errors };
}

describe.skipIf(!existsSync(CHROMIUM) || !existsSync(IIFE))('loaders on the emulated MV3 extension in Chromium, strict CSP', () => {
  const cases = [
    { name: "ours (the adapter's default)", query: '', ours: true },
    { name: "CryptoPro's loader 2.4.1 served by the partner (loaderUrl), unmodified", query: '?loader=/vendor/cadesplugin_api.js', ours: false },
  ];
  for (const { name, query, ours } of cases) {
    it(`${name}: old id, then MV3; lists and signs; OpenSSL verifies; no CSP violation`, async () => {
      const { outcome, violations, errors } = await runPage(query);
      expect(outcome.error).toBeUndefined();
      expect(outcome).toMatchObject({ loaderVersion: '2.4.1', ours, listed: 3, requests: [OLD, MV3] });
      const verify = opensslCmsVerify(base64ToBytes(outcome.signature as string), outcome.caPem as string);
      expect(verify.status, verify.stderr).toBe(0);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    }, 60_000);
  }
});
