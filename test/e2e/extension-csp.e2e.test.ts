/**
 * What a partner's Content-Security-Policy does to CryptoPro's extension script in Chromium, measured: the page's
 * policy (`script-src 'self'`, nothing for extensions) is not applied to a `chrome-extension:` script the page adds —
 * no `securitypolicyviolation`, the script runs. The extension's resource is stood in for through the DevTools
 * protocol (Fetch domain), because no extension with CryptoPro's id can be installed here. docs/plugin.md ("The CSP
 * a partner's page needs") rests on this.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from './helpers/browser.js';

const STRICT = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";
const PROBE = `
  window.events = [];
  document.addEventListener('securitypolicyviolation', (e) => events.push('violation ' + e.blockedURI + ' ' + e.effectiveDirective));
  const s = document.createElement('script');
  s.src = 'chrome-extension://pfhgbfnnjiafkhfdkmpiflachepdcjod/nmcades_plugin_api.js';
  s.onload = () => events.push('load ' + window.fromExtension);
  s.onerror = () => events.push('error');
  document.head.appendChild(s);
  const inline = document.createElement('script');
  inline.textContent = 'window.inlineRan = true';
  document.head.appendChild(inline);`;

let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/probe.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(PROBE);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT });
    res.end('<!doctype html><title>partner</title><script src="/probe.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe.skipIf(!existsSync(CHROMIUM))("Chromium and a page's strict CSP", () => {
  it('runs a chrome-extension: script the page adds without any CSP source for it, and reports no violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const intercepted: string[] = [];
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'chrome-extension://*' }] });
    cdp.on('Fetch.requestPaused', (event: { requestId: string; request: { url: string } }) => {
      intercepted.push(event.request.url);
      void cdp.send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'content-type', value: 'text/javascript' }],
        body: Buffer.from('window.fromExtension = "ran";').toString('base64'),
      });
    });
    await page.goto(`${origin}/`);
    await expect.poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events.length)).toBeGreaterThan(1);
    const events = await page.evaluate(() => (window as unknown as { events: string[] }).events);
    // The extension script ran; the only violation is the inline script, which the same policy does refuse.
    expect(events).toContain('load ran');
    expect(events.filter((e) => e.startsWith('violation'))).toEqual([expect.stringMatching(/^violation inline script-src/)]);
    expect(intercepted).toHaveLength(1);
    await context.close();
  });
});
