/**
 * The real thing in a real browser: Debian's Chromium, driven by playwright-core, opens the demo (mock OFD,
 * proxy in demo mode, standalone page with the plug-in emulator) under the proxy's strict CSP and signs the demo
 * application to Approved with the keyboard only. Screenshots of each step land in docs/screenshots/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../../scripts/demo.js';
import { AxeTally } from './helpers/axe.js';
import { CHROMIUM, focused, launchDemoBrowser, shot, tabTo, watchPage, type DemoBrowser } from './helpers/browser.js';

/** Every axe run of this file; printed at the end for the closing note. */
const axe = new AxeTally();

let browser: DemoBrowser | undefined;
let demo: RunningDemo | undefined;
let context: DemoBrowser['context'] | undefined;

beforeAll(async () => {
  browser = await launchDemoBrowser({ demo: { port: 0, build: false }, profilePrefix: 'ofd-signer-chromium-', width: 900 });
  ({ demo, context } = browser);
}, 120_000);

afterAll(async () => {
  console.log(`signing e2e axe: ${axe.runs} runs, ${axe.found.reduce((n, f) => n + f.violations.length, 0)} violations`);
  await browser?.close();
});

/** Presses Tab until the named form field of the element has focus. */
async function tabToField(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const isIt = await page.evaluate((n) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute('name') === n;
    }, name);
    if (isIt) return;
  }
  throw new Error(`Tab never reached the field ${name}`);
}

async function headingFocused(page: Page, heading: string): Promise<void> {
  await expect.poll(() => focused(page), { timeout: 20_000 }).toEqual({ tag: 'H2', text: heading });
}

describe('the demo in Chromium', () => {
  it('signs the demo application to Approved with the keyboard only, under script-src \'self\'', async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    const page = await context!.newPage();
    const { violations, pageErrors } = watchPage(page);

    const response = await page.goto(demo!.url);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");

    // 1–2. The plug-in answers (emulated); the certificate list takes focus. The ticket left the address bar.
    await headingFocused(page, 'Выберите сертификат');
    // Our loader, brought lazily by the widget, tried the old Chrome-store id and then found the emulated MV3 extension.
    expect(await page.evaluate(() => (window as unknown as { ofdSignerDemoPlugin: { extension: { scriptRequests: string[] } } }).ofdSignerDemoPlugin.extension.scriptRequests)).toEqual([
      'chrome-extension://iifchhfnnmpdbibifmljnfjhpififfog/nmcades_plugin_api.js',
      'chrome-extension://pfhgbfnnjiafkhfdkmpiflachepdcjod/nmcades_plugin_api.js',
    ]);
    expect(await page.evaluate(() => window.cadesplugin?.JSModuleVersion)).toBe('2.4.1');
    expect(page.url()).not.toContain('ticket=');
    expect(page.url()).toContain('#link=l1.');
    await expect.poll(() => page.locator('.demo-banner').textContent()).toContain('эмулируется');
    expect(await axe.check(page, 'certificates')).toEqual([]);
    await shot(page, '01-certificates');
    await tabTo(page, 'Романова Анна Сергеевна', 'BUTTON');
    await page.keyboard.press('Enter');

    // 3–5. The application is loaded, documents prepared with the certificate's name, and shown for review.
    await headingFocused(page, 'Проверьте, что подписываете');
    await expect.poll(() => page.locator('ofd-signer').textContent()).toBeDefined();
    const review = await page.evaluate(() => document.querySelector('ofd-signer')!.shadowRoot!.textContent!);
    expect(review).toContain('7701234560 / 770101001');
    expect(review).toContain('АТОЛ 30Ф');
    expect(await axe.check(page, 'review')).toEqual([]);
    await shot(page, '02-review');
    await tabTo(page, 'Подписать и отправить', 'BUTTON');
    await page.keyboard.press('Enter');

    // 6–8. Signed, checked, sent; FNS assigns the RNM and asks for the registration report.
    await headingFocused(page, 'Нужен отчёт о регистрации');
    // The РНМ the report asks the user to write into the cash register is on the screen (and in the context line).
    const rnm = await page.evaluate(() => document.querySelector('ofd-signer')!.shadowRoot!.querySelector('[data-rnm] .number')?.textContent ?? '');
    expect(rnm).toMatch(/^\d{16}$/);
    expect(await axe.check(page, 'report form')).toEqual([]);
    await shot(page, '03-registration-report');
    // An empty submit first: focus goes to the first field in error, and the screen still passes axe.
    await tabTo(page, 'Отправить отчёт и подписать', 'BUTTON');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.querySelector('ofd-signer')!.shadowRoot!.activeElement?.getAttribute('name'))).toBe('dateTime');
    expect(await axe.check(page, 'report form errors')).toEqual([]);
    await page.keyboard.press('Shift+Tab');
    await tabToField(page, 'dateTime');
    const today = new Date();
    const dd = String(today.getDate()).padStart(2, '0');
    const mm = String(today.getMonth() + 1).padStart(2, '0');
    await page.keyboard.type(`${dd}.${mm}.${today.getFullYear()} 00:01`);
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1234567890');
    await page.keyboard.press('Enter');

    // The report's documents: review again (under its own title), sign again.
    await headingFocused(page, 'Проверьте отчёт о регистрации и подпишите');
    expect(await page.evaluate(() => document.querySelector('ofd-signer')!.shadowRoot!.textContent!)).toContain('ФП="1234567890"');
    expect(await axe.check(page, 'review of the report')).toEqual([]);
    await shot(page, '04-review-registration-report');
    await tabTo(page, 'Подписать и отправить', 'BUTTON');
    await page.keyboard.press('Enter');

    await headingFocused(page, 'Касса зарегистрирована');
    const approved = await page.evaluate(() => document.querySelector('ofd-signer')!.shadowRoot!.textContent!);
    expect(approved).toContain('Карточка регистрации ККТ');
    expect(approved).toContain('Уведомление о присвоении РНМ');
    expect(approved).toContain(rnm);
    expect(await axe.check(page, 'approved')).toEqual([]);
    await shot(page, '05-approved');
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await axe.check(page, 'approved, 375 px')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('in English and the dark scheme: signing k of n with the PIN note, then the status', async () => {
    const page = await context!.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    const demo2 = await startDemo({ port: 0, build: false, speed: 200 });
    try {
      await page.goto(demo2.url.replace('/#link=', '/?lang=en#link='));
      await headingFocused(page, 'Choose a certificate');
      await tabTo(page, 'Романова Анна Сергеевна', 'BUTTON');
      await page.keyboard.press('Enter');
      await headingFocused(page, 'Check what you are signing');
      expect(await axe.check(page, 'review, dark, English')).toEqual([]);
      // A slow plug-in (300 ms a call), so that the signing step stays on screen long enough to be seen.
      await page.evaluate(() => (window as unknown as { ofdSignerDemoPlugin: { setLatency(ms: number): void } }).ofdSignerDemoPlugin.setLatency(300));
      await tabTo(page, 'Sign and send', 'BUTTON');
      await page.keyboard.press('Enter');
      await headingFocused(page, 'Signing');
      expect(await page.evaluate(() => document.querySelector('ofd-signer')!.shadowRoot!.textContent!)).toContain('Signing document 1 of 1');
      expect(await axe.check(page, 'signing, dark, English')).toEqual([]);
      await shot(page, '07-signing-dark-en');
      await headingFocused(page, 'The application has been sent');
      expect(await axe.check(page, 'status, dark, English')).toEqual([]);
      await shot(page, '06-status-dark-en');
    } finally {
      await page.close();
      await demo2.close();
    }
  }, 120_000);

  it('error screens pass axe: the plug-in checklist (chosen with the demo\'s scenario switch, also at 375 px) and a link that does not work', async () => {
    // A demo of its own: the first test's application is approved by now, and its link says so.
    const own = await startDemo({ port: 0, build: false, batch: 0 });
    const page = await context!.newPage();
    const { violations, pageErrors } = watchPage(page);
    try {
      await page.goto(own.url);
      await headingFocused(page, 'Выберите сертификат');
      // The demo's switch: no console needed to see the error paths.
      await page.selectOption('.demo-scenario select', 'plugin-missing');
      await headingFocused(page, 'Плагин КриптоПро недоступен');
      const checks = await page.evaluate(() => [...document.querySelector('ofd-signer')!.shadowRoot!.querySelectorAll('[data-check]')].map((e) => e.getAttribute('data-check')));
      expect(checks).toEqual(['os', 'browser', 'csp', 'plugin', 'certificate', 'roots']);
      expect(await axe.check(page, 'plug-in checklist')).toEqual([]);
      await shot(page, '13-plugin-checklist');
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await axe.check(page, 'plug-in checklist, 375 px')).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

      // A link whose code is not valid: the page's own screen, with its heading.
      await page.goto('about:blank');
      await page.goto(own.url.replace(/#link=.*/, '#link=l1.not-a-valid-code'));
      await expect.poll(() => page.locator('.page-message').textContent()).toBeTruthy();
      expect(await page.locator('h1').count()).toBe(1);
      expect(await axe.check(page, 'link not valid')).toEqual([]);
      expect(violations).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
      await own.close();
    }
  }, 120_000);

  it("works as the one-file embed on a partner's own page, across origins", async () => {
    // The partner's site: their page, and dist/embed served as /ofd-signer/. Listening first: the proxy admits its origin.
    let fresh: Awaited<ReturnType<typeof startDemo>> | undefined;
    const partner = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'self'" });
        res.end(`<!doctype html><html lang="ru"><head><title>Партнёр</title></head><body><main>
          <script type="module" src="/ofd-signer/ofd-signer.js"></script>
          <ofd-signer application-id="${fresh!.applicationId}" ticket="${fresh!.ticket}" api-base="${fresh!.origin}/api" partner-name="Касса-Сервис"></ofd-signer></main></body></html>`);
        return;
      }
      const file = resolve('dist/embed', url.pathname.replace(/^\/ofd-signer\//, ''));
      if (!file.startsWith(resolve('dist/embed')) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
    });
    await new Promise<void>((ok) => partner.listen(0, '127.0.0.1', ok));
    const partnerOrigin = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
    fresh = await startDemo({ port: 0, build: false, allowedOrigins: [partnerOrigin] });
    const page = await context!.newPage();
    try {
      await page.addInitScript({ path: resolve('dist/ofd-signer-emulator.iife.js') });
      await page.addInitScript(() => (globalThis as unknown as { OfdSignerTesting: { installCadesPluginMock(): unknown } }).OfdSignerTesting.installCadesPluginMock());
      await page.goto(`${partnerOrigin}/`);
      await headingFocused(page, 'Выберите сертификат');
      await tabTo(page, 'Романова Анна Сергеевна', 'BUTTON');
      await page.keyboard.press('Enter');
      // Loaded and prepared through the proxy from another origin (listed in the proxy's allowed origins).
      await headingFocused(page, 'Проверьте, что подписываете');
      expect(await axe.check(page, 'embedded on a partner page')).toEqual([]);

      // The same read by hand, with the ticket in the Authorization header (so the browser sends a real CORS
      // preflight first): the partner's origin gets the application; a third origin (localhost: another host name,
      // not on the list) is refused by the browser on the proxy's answer.
      const read = (p: Page) =>
        p.evaluate(async ([url, ticket]) => {
          try {
            const r = await fetch(url!, { headers: { authorization: `Bearer ${ticket}` } });
            return `status ${r.status}`;
          } catch (e) {
            return `refused: ${(e as Error).name}`;
          }
        }, [`${fresh.origin}/api/registration/${fresh.applicationId}`, fresh.ticket]);
      expect(await read(page)).toBe('status 200');
      const other = await context!.newPage();
      try {
        await other.goto(partnerOrigin.replace('127.0.0.1', 'localhost') + '/');
        expect(new URL(other.url()).hostname).toBe('localhost');
        expect(await read(other)).toBe('refused: TypeError');
      } finally {
        await other.close();
      }
    } finally {
      await page.close();
      // Chromium keeps connections alive: close() alone would wait for them.
      partner.closeAllConnections();
      await new Promise<void>((ok) => partner.close(() => ok()));
      await fresh?.close();
    }
  }, 60_000);
});
