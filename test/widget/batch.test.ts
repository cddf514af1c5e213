import { afterEach, describe, expect, it } from 'vitest';
import { OTHER_COMPANY } from '../../src/testing/demo-identity.js';
import { DEMO_REJECT_REASON } from '../../scripts/demo-assets/batch-registers.js';
import { ru } from '../../src/widget/i18n/ru.js';
import { createBatchWorld, type BatchWorld } from './batch-world.js';

let world: BatchWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

const OTHER = { CompanyDetails: { Inn: OTHER_COMPANY.inn, Kpp: OTHER_COMPANY.kpp } };

function expectNoDocumentSignedTwice(w: BatchWorld): void {
  const counts = w.signCallsPerDocument();
  expect(counts.size).toBeGreaterThan(0);
  expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
}

describe('<ofd-signer application-ids>: a shop chain in one sitting', () => {
  it('signs 10 registers with one certificate and one PIN, skips another company’s, and shows the final table', async () => {
    world = createBatchWorld({ count: 10, rejected: [3], others: [OTHER], cachePin: true, mock: { documentsPerRound: 2 } });
    const batch = world.harness;
    await batch.chooseCertificate('Романова');

    const cards = await batch.reviewedRegisters();
    expect(cards).toHaveLength(11);
    expect(cards[0]!.heading).toBe('Касса 1 из 11: АТОЛ 30Ф № 00106712345601');
    expect(cards[0]!.fields).toMatchObject({
      'Модель ККТ': 'АТОЛ 30Ф',
      'Заводской номер': '00106712345601',
      'Фискальный накопитель': '7380440700123401',
      'Адрес установки': 'г. Москва, ул. Тверская, д. 1, магазин «Ромашка» № 1',
    });
    expect(cards[10]!.state).toBe('skipped');
    expect(cards[10]!.text).toContain('Сертификат выдан другой организации');
    expect(batch.text()).toContain('К подписи 20 документов в 10 заявках.');
    expect(batch.pinNote()).toBe('once');
    expect(batch.text()).toContain('КриптоПро спросит PIN-код один раз — для всех 20 документов');

    world.plugin.resetCalls();
    await batch.signAll();
    const rows = await batch.waitForTable();
    expect(world.plugin.pinPrompts).toBe(1);
    // Eleven statuses changing within a moment are announced as one summary of the table, not one by one.
    await batch.waitFor(() => batch.announcement().startsWith('Заявки: '), 'the table summary to be announced');
    expect(batch.announcement()).toBe(`Заявки: ${batch.element.shadowRoot!.querySelector('[data-summary]')!.textContent!.trim()}`);

    expect(rows.map((r) => r.state)).toEqual([...Array(3).fill('report'), 'rejected', ...Array(6).fill('report'), 'skipped']);
    expect(rows[3]).toMatchObject({ register: expect.stringContaining('00106712345604'), status: 'Отклонена', reason: DEMO_REJECT_REASON });
    // FNS's refusal is in the documents column, named with its register (twelve identical links would not be).
    expect(rows[3]!.documents).toBe('Отказ в присвоении РНМ (PDF), Меркурий-185Ф № 00106712345604 подписано 2 из 2');
    // The rejected row says what to do, as the single journey does; the others show the РНМ the report needs.
    expect(Object.values(ru.rejectedAdvice).some((advice) => rows[3]!.action.includes(advice))).toBe(true);
    expect(rows[0]).toMatchObject({ status: 'Нужен отчёт о регистрации', rnm: expect.stringMatching(/^\d{16}$/) });
    expect(rows[0]!.documents).toBe('Уведомление о присвоении РНМ (PDF), АТОЛ 30Ф № 00106712345601 подписано 2 из 2');
    expect(rows[0]!.action).toContain('Введите отчёт о регистрации');
    expect(rows[10]).toMatchObject({ status: 'Пропущена', documents: '—' });
    expect(rows[10]!.reason).toContain('другой организации');
    // The skipped company's application was never touched; every other document reached OFD exactly once.
    expect(world.control.signCallCount(world.ids[10]!)).toBe(0);
    expect(world.totalSignCalls()).toBe(20);
    expectNoDocumentSignedTwice(world);

    const signed = batch.eventsOf('ofd-signed');
    expect(signed).toHaveLength(20);
    expect(new Set(signed.map((e) => e.detail.applicationId)).size).toBe(10);
    expect(batch.eventsOf('ofd-sent')).toHaveLength(10);
    expect(batch.eventsOf('ofd-rejected').map((e) => e.detail)).toEqual([{ applicationId: world.ids[3], reason: DEMO_REJECT_REASON }]);
    expect(batch.eventsOf('ofd-status').filter((e) => e.detail.applicationId === world!.ids[0]).map((e) => e.detail.status)).toContain('SentToFns');
  });

  it('says CryptoPro will ask for each document where the PIN cannot be kept, and it does', async () => {
    world = createBatchWorld({ count: 3, cachePin: false, plugin: { pinCaching: false } });
    await world.harness.chooseCertificate('Романова');
    await world.harness.reviewedRegisters();
    expect(world.harness.pinNote()).toBe('each');
    expect(world.harness.text()).toContain('КриптоПро спросит PIN-код для каждого документа (3 раз');
    await world.harness.signAll();
    await world.harness.waitForTable();
    expect(world.plugin.pinPrompts).toBe(3);
  });

  it('a cancelled PIN on document 7 of 20 stops cleanly; "Подписать оставшиеся" finishes without sending anything twice', async () => {
    let signs = 0;
    world = createBatchWorld({
      count: 10,
      cachePin: false,
      plugin: { pinCaching: false },
      mock: { documentsPerRound: 2 },
      wrapAdapter: (adapter) => ({
        ...adapter,
        load: () => adapter.load(),
        about: () => adapter.about(),
        listCertificates: (o) => adapter.listCertificates(o),
        sign: (content, o) => {
          signs++;
          // The user closes CryptoPro's PIN window on the 7th document, then is back to normal.
          world!.plugin.setScenario(signs === 7 ? 'pin-cancelled' : 'ok');
          return adapter.sign(content, o);
        },
      }),
    });
    const batch = world.harness;
    await batch.chooseCertificate('Романова');
    await batch.signAll();
    await batch.waitForStep('table');
    expect(batch.alert()).toContain('Подписание остановлено: PIN-код не введён');
    // Registers 1–3 (documents 1–6) were sent; register 4's first document was cancelled: nothing of it left.
    expect(world.totalSignCalls()).toBe(6);
    const stopped = batch.table();
    expect(stopped.slice(3).every((r) => r.state === 'ready')).toBe(true);
    expect(stopped[3]!.reason).toBe('Не подписана: подписание было остановлено.');
    expect(batch.text()).toContain('Подписать оставшиеся (14 документов)');

    await batch.signRemaining();
    const rows = await batch.waitForTable();
    expect(rows.every((r) => r.state === 'report')).toBe(true);
    expect(world.totalSignCalls()).toBe(20);
    expectNoDocumentSignedTwice(world);
  });

  it('the report round: one form per register on the table screen, the РНМ in each, the certificate kept, one "Подписать все"', async () => {
    world = createBatchWorld({ count: 3, cachePin: true });
    const batch = world.harness;
    await batch.chooseCertificate('Романова');
    await batch.signAll();
    const rows = await batch.waitForTable((r) => r.every((row) => row.state === 'report'));
    expect(batch.reportForms()).toEqual(world.ids);
    expect(batch.text()).toContain('Отчёты о регистрации: 3 кассы');
    expect(batch.element.shadowRoot!.querySelector('[part="context"]')!.textContent!.replace(/\s+/g, ' ')).toContain('Кассы: 3');
    // Each form shows the register's РНМ (the number to write into the cash register), as the table does.
    const shadow = batch.element.shadowRoot!;
    const formRnms = [...shadow.querySelectorAll('form[data-report-for] [data-rnm] .number')].map((e) => e.textContent!.trim());
    expect(formRnms).toEqual(rows.map((r) => r.rnm));
    expect(formRnms.every((rnm) => /^\d{16}$/.test(rnm))).toBe(true);
    // Each "save" button has its own accessible name.
    const names = [...shadow.querySelectorAll('form[data-report-for] button')].map((b) => b.getAttribute('aria-label'));
    expect(new Set(names).size).toBe(3);

    // A wrong value: the form stays, focus on the field in error, the region says how many fields are wrong.
    await batch.fillRowReport(world.ids[0]!, { dateTime: '15.01.2026 10:30', documentNumber: 'x', fiscalSign: '1234567890' });
    expect(batch.focused()?.getAttribute('name')).toBe('documentNumber');
    expect(batch.focused()?.getAttribute('aria-invalid')).toBe('true');
    expect(batch.announcement()).toBe('Форма не отправлена: 1 поле заполнено с ошибкой.');
    expect(batch.reportForms()).toEqual(world.ids);

    await batch.fillRowReport(world.ids[0]!, { dateTime: '15.01.2026 10:30', documentNumber: '7', fiscalSign: '1234567890' });
    // Focus lands on the next register still waiting for its report.
    expect(batch.focused()?.closest('form')?.getAttribute('data-report-for')).toBe(world.ids[1]);
    expect(batch.focused()?.getAttribute('name')).toBe('dateTime');
    await batch.fillRowReport(world.ids[1]!, { dateTime: '15.01.2026 10:40', documentNumber: '8', fiscalSign: '1234567891' });
    expect(batch.focused()?.closest('form')?.getAttribute('data-report-for')).toBe(world.ids[2]);
    await batch.fillRowReport(world.ids[2]!, { dateTime: '15.01.2026 10:50', documentNumber: '9', fiscalSign: '1234567892' });
    expect(batch.reportForms()).toEqual([]);

    // No nested journey, no second certificate list: the table waits for the documents, then one button signs all.
    await batch.waitFor(() => batch.focused()?.hasAttribute('data-sign-all') ?? false, '"Подписать все" to take focus');
    expect(batch.step).toBe('table');
    expect(shadow.querySelector('ofd-signer')).toBeNull();
    expect(shadow.querySelectorAll('h2')).toHaveLength(1);
    expect(batch.focused()!.textContent).toContain('Подписать все (3 документа)');
    (batch.focused() as HTMLButtonElement).click();
    const done = await batch.waitForTable((r) => r.every((row) => row.state === 'approved'));
    expect(batch.eventsOf('ofd-certificate-change')).toHaveLength(1);
    expect(batch.eventsOf('ofd-ready')).toHaveLength(1);
    expect(batch.text()).toContain('Одобрено 3 из 3');
    // The end table a shop chain prints: register, РНМ, status, FNS documents (named per register), what to do.
    expect(done.map((r) => r.rnm)).toEqual(rows.map((r) => r.rnm));
    expect(done[0]!.documents).toContain('Уведомление о присвоении РНМ (PDF)');
    const links = [...shadow.querySelectorAll('tbody a')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim());
    expect(links).toHaveLength(6);
    expect(new Set(links).size).toBe(6);
    for (const id of world.ids) expect(world.control.signCallCount(id)).toBe(2);
  });

  it('a link reopened later: the report forms come first, the certificate is asked once after the last one', async () => {
    world = createBatchWorld({ count: 2, cachePin: true });
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    await world.harness.waitForTable((r) => r.every((row) => row.state === 'report'));

    const batch = world.reload();
    await batch.waitForTable((r) => r.every((row) => row.state === 'report'));
    expect(batch.eventsOf('ofd-ready')).toHaveLength(0);
    await batch.fillRowReport(world.ids[0]!, { dateTime: '15.01.2026 10:30', documentNumber: '7', fiscalSign: '1234567890' });
    // Still the table: the certificate is not asked in the middle of the round.
    await batch.waitFor(() => batch.table()[0]!.state !== 'report', 'the first report to be taken');
    expect(batch.step).toBe('table');
    expect(batch.focused()?.closest('form')?.getAttribute('data-report-for')).toBe(world.ids[1]);
    await batch.fillRowReport(world.ids[1]!, { dateTime: '15.01.2026 10:40', documentNumber: '8', fiscalSign: '1234567891' });
    await batch.chooseCertificate('Романова');
    await batch.signAll();
    const rows = await batch.waitForTable((r) => r.every((row) => row.state === 'approved'));
    expect(rows.map((r) => r.state)).toEqual(['approved', 'approved']);
    expect(batch.eventsOf('ofd-ready')).toHaveLength(1);
    expect(batch.eventsOf('ofd-certificate-change')).toHaveLength(1);
  });

  it('speaks English when asked: review, PIN note, table and FNS reason column', async () => {
    world = createBatchWorld({ count: 2, rejected: [1], others: [OTHER], cachePin: true, lang: 'en' });
    const batch = world.harness;
    await batch.chooseCertificate('Романова');
    const cards = await batch.reviewedRegisters();
    expect(batch.heading()).toBe('Check what you are signing: 3 cash registers');
    expect(cards[0]!.heading).toBe('Cash register 1 of 3: АТОЛ 30Ф № 00106712345601');
    expect(cards[2]!.text).toContain('Skipped:');
    expect(batch.text()).toContain('CryptoPro will ask for the PIN once for all 2 documents');
    await batch.signAll();
    const rows = await batch.waitForTable();
    expect(rows.map((r) => r.status)).toEqual(['Registration report needed', 'Rejected', 'Skipped']);
    expect(batch.text()).toContain('0 of 3 approved.');
    expect(batch.text()).not.toMatch(/Подпис|Касса|Статус|Причина|Что делать/);
    // Russian names inside the English interface are marked as Russian for screen readers.
    const rowHeaders = [...batch.element.shadowRoot!.querySelectorAll('tbody th [lang="ru"]')].map((e) => e.textContent);
    expect(rowHeaders).toContain('АТОЛ 30Ф № 00106712345601');
  });

  it('waits while OFD generates each application’s documents, then reviews them all', async () => {
    world = createBatchWorld({ count: 3, cachePin: true, mock: { scenario: { awaitingDocumentsMs: 3000 } } });
    await world.harness.chooseCertificate('Романова');
    const cards = await world.harness.reviewedRegisters();
    expect(cards.map((c) => c.state)).toEqual(['ready', 'ready', 'ready']);
    expect(world.harness.text()).toContain('К подписи 3 документа в 3 заявках.');
  });
});
