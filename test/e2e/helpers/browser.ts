/**
 * What the Chromium end-to-end tests share: the browser (Debian's Chromium in a throw-away profile), the demo it
 * talks to, and the keyboard-user helpers that look through the widget's shadow roots.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ensureBuilt, startDemo, type DemoOptions, type RunningDemo } from '../../../scripts/demo.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Every run saves its screenshots; `npm run screenshots` writes them where the README shows them.
const SHOTS = resolve(process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots');

export interface DemoBrowser {
  demo: RunningDemo;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Builds what the demo serves (if needed), starts the demo and a headless Chromium with its own profile. */
export async function launchDemoBrowser(options: { demo: DemoOptions; profilePrefix: string; width: number }): Promise<DemoBrowser> {
  ensureBuilt(() => undefined, { embed: true });
  const demo = await startDemo(options.demo);
  const profile = mkdtempSync(join(tmpdir(), options.profilePrefix));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'ru-RU',
      viewport: { width: options.width, height: 1000 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (e) {
    await demo.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    demo,
    context,
    async close() {
      await context.close();
      await demo.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Text and tag of the focused element, looking through shadow roots. */
export function focused(page: Page): Promise<{ tag: string; text: string }> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { tag: active?.tagName ?? '', text: (active?.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });
}

/** Presses Tab (at most `maxTabs` times) until the focused element's text matches, as a keyboard user would. */
export async function tabTo(page: Page, text: string | RegExp, tag?: string, maxTabs = 40): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if ((typeof text === 'string' ? f.text.includes(text) : text.test(f.text)) && (!tag || f.tag === tag)) return;
  }
  throw new Error(`Tab never reached "${text}"`);
}

/** Collects what the page must never show: CSP refusals in the console and uncaught errors. */
export function watchPage(page: Page): { violations: string[]; pageErrors: string[] } {
  const violations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { violations, pageErrors };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * One demo and one Chromium for a test file: started before its tests, closed after them. The getters answer once
 * `beforeAll` has run.
 */
export function useDemoBrowser(options: Parameters<typeof launchDemoBrowser>[0]): { demo(): RunningDemo; context(): BrowserContext } {
  let browser: DemoBrowser | undefined;
  beforeAll(async () => {
    browser = await launchDemoBrowser(options);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  return { demo: () => browser!.demo, context: () => browser!.context };
}

/** Waits until the step's heading (an h2 inside the element) has focus, as after every change of step. */
export async function headingFocused(page: Page, heading: string | RegExp, timeout = 30_000): Promise<void> {
  await expect
    .poll(async () => {
      const f = await focused(page);
      return f.tag === 'H2' && (typeof heading === 'string' ? f.text === heading : heading.test(f.text));
    }, { timeout })
    .toBe(true);
}
