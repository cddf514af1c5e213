/**
 * The batch in a real browser: the demo's 12 cash registers (register 7 set up to be rejected by FNS) signed in one
 * sitting from the standalone page's `applications=…` link, keyboard only, under script-src 'self'; the final table
 * is checked and photographed (08-batch-review, 09-batch-table).
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_REJECT_REASON } from '../../scripts/demo-assets/batch-registers.js';
import { AxeTally } from './helpers/axe.js';
import { CHROMIUM, headingFocused, shot, tabTo as tabToWithin, useDemoBrowser, watchPage } from './helpers/browser.js';

const run = useDemoBrowser({
  demo: { port: 0, build: false, batch: 12, batchRejected: 7 },
  profilePrefix: 'ofd-signer-chromium-batch-',
  width: 1000,
});

// The batch review lists twelve registers: more stops on the way to a button.
function tabTo(page: Page, text: string | RegExp, tag?: string): Promise<void> {
  return tabToWithin(page, text, tag, 60);
}

function tableRows(page: Page): Promise<{ state: string; cells: string[]; reason: string }[]> {
  return page.evaluate(() =>
    [...document.querySelector('ofd-signer')!.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => ({
      state: tr.getAttribute('data-state') ?? '',
      cells: [...tr.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
      reason: (tr.querySelector('[data-reason]')?.textContent ?? '').trim(),
    })),
  );
}

describe('the demo batch in Chromium', () => {
  it('signs 12 cash registers in one sitting with the keyboard only; the table shows 11 signed and 1 rejected', async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    const started = Date.now();
    const axe = new AxeTally();
    const page = await run.context().newPage();
    const { violations, pageErrors } = watchPage(page);

    await page.goto(run.demo().batchUrl);
    await headingFocused(page, 'Выберите сертификат');
    expect(page.url()).not.toContain('ticket=');
    await tabTo(page, 'Романова Анна Сергеевна', 'BUTTON');
    await page.keyboard.press('Enter');

    await headingFocused(page, /^Проверьте, что подписываете: 12 касс$/);
    const review = await page.evaluate(() => document.querySelector('ofd-signer')!.shadowRoot!.textContent!.replace(/\s+/g, ' '));
    expect(review).toContain('К подписи 12 документов в 12 заявках.');
    expect(review).toContain('КриптоПро спросит PIN-код один раз');
    expect(review).toContain('Касса 12 из 12');
    expect(await axe.check(page, 'batch review')).toEqual([]);
    await shot(page, '08-batch-review');
    await tabTo(page, 'Подписать все', 'BUTTON');
    await page.keyboard.press('Enter');

    await headingFocused(page, 'Заявки');
    await expect
      .poll(async () => (await tableRows(page)).map((r) => r.state).join(','), { timeout: 60_000 })
      .toBe([...Array(6).fill('report'), 'rejected', ...Array(5).fill('report')].join(','));
    const rows = await tableRows(page);
    // Columns: register, РНМ, status, documents, what to do.
    expect(rows[6]!.cells[2]).toBe('Отклонена');
    expect(rows[6]!.reason).toBe(DEMO_REJECT_REASON);
    expect(rows[0]!.cells[2]).toBe('Нужен отчёт о регистрации');
    expect(rows.every((r) => r.cells[3]!.endsWith('подписано 1 из 1'))).toBe(true);
    expect(rows.filter((r) => r.state === 'report').every((r) => /^\d{16}$/.test(r.cells[1]!))).toBe(true);
    expect(await axe.check(page, 'batch table')).toEqual([]);
    await shot(page, '09-batch-table');
    const pinPrompts = await page.evaluate(() => (window as unknown as { ofdSignerDemoPlugin?: { pinPrompts?: number } }).ofdSignerDemoPlugin?.pinPrompts);
    console.log(`batch e2e: 12 registers signed in ${Date.now() - started} ms; PIN prompts: ${pinPrompts ?? 'n/a'}`);
    if (pinPrompts !== undefined) expect(pinPrompts).toBe(1);

    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
