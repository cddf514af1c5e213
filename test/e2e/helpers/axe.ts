/**
 * axe-core inside the page under test. The page's CSP (script-src 'self') would refuse an injected <script>, so
 * axe's source is evaluated through the DevTools protocol (Playwright's evaluate, which CSP does not govern) — the
 * page's own policy stays as strict as in production and the CSP watch of the tests stays meaningful.
 * axe walks open shadow roots, so the element's whole shadow content is checked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Every violation axe finds on the page as it is now (WCAG 2.x A/AA and best practices). */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** Tally of the axe runs of a test file: how many steps were checked and what was found (printed for the issue). */
export class AxeTally {
  runs = 0;
  found: { step: string; violations: AxeFinding[] }[] = [];

  async check(page: Page, step: string): Promise<AxeFinding[]> {
    const violations = await axeViolations(page);
    this.runs++;
    if (violations.length > 0) this.found.push({ step, violations });
    return violations;
  }
}
