import { afterEach, describe, expect, it } from 'vitest';
import { OTHER_COMPANY } from '../../src/testing/demo-identity.js';
import { DEMO_REJECT_REASON } from '../../scripts/demo-assets/batch-registers.js';
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import { createBatchWorld, type BatchWorld } from './batch-world.js';
import { SignerHarness } from './signer-harness.js';

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

    expect(rows.map((r) => r.state)).toEqual([...Array(3).fill('report'), 'rejected', ...Array(6).fill('report'), 'skipped']);
    expect(rows[3]).toMatchObject({ register: expect.stringContaining('00106712345604'), status: 'Отклонена', reason: DEMO_REJECT_REASON, documents: 'подписано 2 из 2' });
    expect(rows[0]).toMatchObject({ status: 'Нужен отчёт о регистрации', documents: 'подписано 2 из 2' });
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

  it('each register’s registration report from its row: the single-application form on the same ticket, then Approved in the table', async () => {
    world = createBatchWorld({ count: 2, cachePin: true });
    const batch = world.harness;
    await batch.chooseCertificate('Романова');
    await batch.signAll();
    await batch.waitForTable((rows) => rows.every((r) => r.state === 'report'));
    expect(batch.text()).toContain('Каждая касса печатает свой отчёт о регистрации');
    await batch.press('Ввести отчёт о регистрации');
    const nested = batch.element.shadowRoot!.querySelector('ofd-signer') as OfdSignerElement;
    expect(nested.applicationId).toBe(world.ids[0]);
    const form = new SignerHarness(nested, world.tick);
    await form.fillReport({ dateTime: '2026-01-15T10:30', documentNumber: '7', fiscalSign: '1234567890' });
    await form.chooseCertificate('Романова');
    await form.signAll();
    await form.waitFor(() => form.step === 'approved', 'the register to be approved');
    await batch.press('Вернуться к таблице');
    const rows = await batch.waitForTable((r) => r[0]!.state === 'approved');
    expect(rows.map((r) => r.state)).toEqual(['approved', 'report']);
    expect(batch.text()).toContain('Одобрено 1 из 2');
    expect(world.control.signCallCount(world.ids[0]!)).toBe(2);
    expect(world.control.signCallCount(world.ids[1]!)).toBe(1);
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
    expect(batch.text()).not.toMatch(/Подпис|Касса|Статус|Причина/);
  });

  it('waits while OFD generates each application’s documents, then reviews them all', async () => {
    world = createBatchWorld({ count: 3, cachePin: true, mock: { scenario: { awaitingDocumentsMs: 3000 } } });
    await world.harness.chooseCertificate('Романова');
    const cards = await world.harness.reviewedRegisters();
    expect(cards.map((c) => c.state)).toEqual(['ready', 'ready', 'ready']);
    expect(world.harness.text()).toContain('К подписи 3 документа в 3 заявках.');
  });
});
