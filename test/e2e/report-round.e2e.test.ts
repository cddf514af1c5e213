/**
 * The batch's registration report round in a real browser, keyboard only: eleven cash registers signed in one sitting,
 * then each register's report typed into its own form on the table screen (the РНМ shown beside it), focus moving to
 * the next register after each Enter, the certificate never asked again, one "Подписать все", and the end table with
 * РНМ and FNS documents. axe-core checks every step (light, phone width, a form error). Prints the keystrokes and
 * presses for the closing note.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AxeTally } from './helpers/axe.js';
import { CHROMIUM, headingFocused, shot, tabTo, useDemoBrowser, watchPage } from './helpers/browser.js';

const REGISTERS = 11;
const run = useDemoBrowser({
  demo: { port: 0, build: false, batch: REGISTERS, batchRejected: 0 },
  profilePrefix: 'ofd-signer-chromium-report-round-',
  width: 1000,
});

/** The focused control inside the element: its name, the form it belongs to, whether it is "sign all". */
function focusedControl(page: Page): Promise<{ name: string; form: string; signAll: boolean; text: string }> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return {
      name: active?.getAttribute('name') ?? '',
      form: active?.closest('form')?.getAttribute('data-report-for') ?? '',
      signAll: active?.hasAttribute('data-sign-all') ?? false,
      text: (active?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    };
  });
}

function tableRows(page: Page): Promise<{ id: string; state: string; rnm: string; documents: string }[]> {
  return page.evaluate(() =>
    [...document.querySelector('ofd-signer')!.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => ({
      id: tr.getAttribute('data-application') ?? '',
      state: tr.getAttribute('data-state') ?? '',
      rnm: (tr.children[1]?.textContent ?? '').trim(),
      documents: (tr.children[3]?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
}

function formRnms(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelector('ofd-signer')!.shadowRoot!.querySelectorAll('form[data-report-for] [data-rnm] .number')].map((e) => e.textContent!.trim()),
  );
}

describe('the batch report round in Chromium', () => {
  it(`${REGISTERS} registers: reports typed row by row with the keyboard, the certificate kept, one "Подписать все", РНМ and documents in the end table`, async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    const page = await run.context().newPage();
    const { violations, pageErrors } = watchPage(page);
    const axe = new AxeTally();
    let presses = 0;
    let fields = 0;
    const press = async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    };

    await page.goto(run.demo().batchUrl);
    await headingFocused(page, 'Выберите сертификат');
    await page.evaluate(() => {
      const w = window as unknown as { certificateChoices: number };
      w.certificateChoices = 0;
      document.querySelector('ofd-signer')!.addEventListener('ofd-certificate-change', () => w.certificateChoices++);
    });
    expect(await axe.check(page, 'certificates')).toEqual([]);
    await tabTo(page, 'Романова Анна Сергеевна', 'BUTTON');
    await press('Enter');

    await headingFocused(page, new RegExp(`^Проверьте, что подписываете: ${REGISTERS} касс$`));
    expect(await axe.check(page, 'batch review')).toEqual([]);
    await tabTo(page, 'Подписать все', 'BUTTON', 80);
    await press('Enter');

    await headingFocused(page, 'Заявки');
    await expect.poll(async () => (await tableRows(page)).map((r) => r.state).join(','), { timeout: 60_000 }).toBe(Array(REGISTERS).fill('report').join(','));
    const rows = await tableRows(page);
    // The РНМ the tax service assigned: in the table and in each register's form.
    expect(rows.every((r) => /^\d{16}$/.test(r.rnm))).toBe(true);
    expect(await formRnms(page)).toEqual(rows.map((r) => r.rnm));
    expect(await axe.check(page, 'report round')).toEqual([]);
    await shot(page, '10-batch-report-round');
    // The same screen on a phone and in the dark scheme.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe.check(page, 'report round, 375 px, dark')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1000, height: 1000 });

    // Into the first form with the keyboard.
    for (let i = 0; i < 200 && (await focusedControl(page)).name !== 'dateTime'; i++) await page.keyboard.press('Tab');
    expect(await focusedControl(page)).toMatchObject({ name: 'dateTime', form: rows[0]!.id });

    const today = new Date();
    const date = `${String(today.getDate()).padStart(2, '0')}.${String(today.getMonth() + 1).padStart(2, '0')}.${today.getFullYear()} 00:01`;
    const type = async (text: string) => {
      fields++;
      await page.keyboard.type(text);
    };
    for (let i = 0; i < REGISTERS; i++) {
      await type(date);
      await page.keyboard.press('Tab');
      await type(String(i + 1));
      await page.keyboard.press('Tab');
      if (i === 0) {
        // A typo first: the form stays, focus goes to the field in error, and the screen passes axe.
        await page.keyboard.type('12345678901');
        await page.keyboard.press('Enter');
        await expect.poll(() => focusedControl(page)).toMatchObject({ name: 'fiscalSign', form: rows[0]!.id });
        expect(await axe.check(page, 'report form error')).toEqual([]);
        await page.keyboard.press('Control+A');
      }
      await type(String(1_000_000_000 + i));
      await press('Enter');
      if (i + 1 < REGISTERS) {
        // Focus lands on the next register still waiting for its report.
        await expect.poll(() => focusedControl(page)).toMatchObject({ name: 'dateTime', form: rows[i + 1]!.id });
      }
    }
    // After the last report: no certificate list, no nested flow; "Подписать все" takes focus once the documents are ready.
    await expect.poll(() => focusedControl(page), { timeout: 60_000 }).toMatchObject({ signAll: true });
    expect((await focusedControl(page)).text).toBe(`Подписать все (${REGISTERS} документов)`);
    expect(await page.evaluate(() => (document.querySelector('ofd-signer') as unknown as { step: string }).step)).toBe('table');
    expect(await page.evaluate(() => document.querySelector('ofd-signer')!.shadowRoot!.querySelectorAll('h2, ofd-signer').length)).toBe(1);
    expect(await axe.check(page, 'reports saved')).toEqual([]);
    await press('Enter');

    await expect.poll(async () => (await tableRows(page)).map((r) => r.state).join(','), { timeout: 90_000 }).toBe(Array(REGISTERS).fill('approved').join(','));
    const done = await tableRows(page);
    expect(done.map((r) => r.rnm)).toEqual(rows.map((r) => r.rnm));
    for (const row of done) {
      expect(row.documents).toContain('Уведомление о присвоении РНМ (PDF)');
      expect(row.documents).toContain('Карточка регистрации ККТ (PDF)');
    }
    expect(await page.evaluate(() => (window as unknown as { certificateChoices: number }).certificateChoices)).toBe(1);
    expect(await axe.check(page, 'end table')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe.check(page, 'end table, dark')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, '11-batch-end-table');

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await axe.check(page, 'end table, 375 px')).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await shot(page, '12-batch-end-table-phone');

    console.log(
      `report round e2e: ${REGISTERS} registers — ${fields} fields typed, ${presses} presses (Enter on a button or a form) ` +
        `from the certificate to the end table; report round alone: ${REGISTERS} form submits + 1 "Подписать все"; ` +
        `axe: ${axe.runs} runs, ${axe.found.reduce((n, f) => n + f.violations.length, 0)} violations`,
    );
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 240_000);
});
