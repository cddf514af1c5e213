import { afterEach, describe, expect, it } from 'vitest';
import { defineOfdSigner } from '../../src/widget/define.js';
import { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import { createSigningWorld, type SigningWorld } from './signing-world.js';

let world: SigningWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

const REPORT = { dateTime: '2026-01-15T10:30', documentNumber: '1', fiscalSign: '1234567890' };

describe('<ofd-signer>: the journey', () => {
  it('signs the demo application and follows it to Approved, registration report included', async () => {
    world = createSigningWorld();
    const signer = world.harness;
    expect(await signer.usableCertificates()).toEqual(['Романова Анна Сергеевна']);
    await signer.chooseCertificate('Романова');
    const [doc] = await signer.reviewedDocuments();
    expect(doc).toEqual({
      Организация: 'ООО «Ромашка»',
      'ИНН / КПП': '7701234560 / 770101001',
      'ККТ (модель, заводской номер)': 'АТОЛ 30Ф, 00106712345678',
      'Фискальный накопитель': '7380440700123456',
      'Адрес установки': 'г. Москва, ул. Тверская, д. 1, магазин «Ромашка»',
    });
    expect(signer.text()).toContain('Подписывает: Романова Анна Сергеевна, Генеральный директор');
    expect(signer.text()).toContain('PIN-код');
    await signer.signAll();
    await signer.waitForStep('report');
    expect(signer.text()).toContain('регистрационный номер');
    await signer.fillReport(REPORT);
    await signer.signAll();
    await signer.waitForStatus('Approved');
    expect(signer.step).toBe('approved');
    expect(signer.announcement()).toBe('Статус заявки: Одобрена');
    expect(signer.links().map((l) => l.text).sort()).toEqual(['Карточка регистрации ККТ (PDF)', 'Уведомление о присвоении РНМ (PDF)']);
    expect(signer.text()).toMatch(/РНМ\): \d{16}/);
    // Two rounds, one document each: exactly two signs reached OFD.
    expect(world.signCalls()).toBe(2);
  });

  it('signs what prepareDocuments returned when reads list no documents (as the spec\'s later examples do)', async () => {
    world = createSigningWorld({
      wrapClient: (client) => ({
        ...client,
        async getApplication(id) {
          const app = await client.getApplication(id);
          return app.Status === 'AwaitingSignature' ? { ...app, Documents: [] } : app;
        },
      }),
    });
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    expect(await signer.reviewedDocuments()).toHaveLength(1);
    await signer.signAll();
    await signer.waitForStep('report');
    await signer.fillReport(REPORT);
    await signer.signAll();
    await signer.waitForStatus('Approved');
    expect(world.signCalls()).toBe(2);
    expect(signer.eventsOf('ofd-error')).toHaveLength(0);
  });

  it('puts the name and title from the certificate into prepareDocuments', async () => {
    world = createSigningWorld();
    await world.harness.chooseCertificate('Романова');
    await world.harness.waitForStep('review');
    expect(world.harness.fullXml()).toMatch(/Фамилия="Романова" ИмяОтчество="Анна Сергеевна"/);
    expect(world.harness.fullXml()).toContain('Наим="Генеральный директор"');
  });

  it('tells the page what happens, with typed events that bubble out of the shadow root', async () => {
    world = createSigningWorld({ mock: { documentsPerRound: 2 } });
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    expect(await signer.reviewedDocuments()).toHaveLength(2);
    await signer.signAll();
    await signer.waitForStep('report');
    await signer.fillReport(REPORT);
    await signer.signAll();
    await signer.waitForStatus('Approved');

    const types = signer.events.map((e) => e.type);
    // The application is read first (its status), then the plug-in answers, then the certificate is chosen.
    expect(types.slice(0, 3)).toEqual(['ofd-status', 'ofd-ready', 'ofd-certificate-change']);
    expect(types.filter((t) => t === 'ofd-signed')).toHaveLength(4);
    expect(types.filter((t) => t === 'ofd-sent')).toHaveLength(2);
    expect(types.at(-1)).toBe('ofd-approved');
    expect(types).not.toContain('ofd-error');
    for (const e of signer.events) expect([e.bubbles, e.composed]).toEqual([true, true]);

    const [first, second] = signer.eventsOf('ofd-signed');
    expect(first!.detail).toMatchObject({ applicationId: world.application.Id, index: 1, total: 2 });
    expect(second!.detail).toMatchObject({ index: 2, total: 2 });
    expect(first!.detail.signature).toMatch(/^MII/);
    expect(signer.eventsOf('ofd-certificate-change')[0]!.detail.owner).toBe('Романова Анна Сергеевна');
    const statuses = signer.eventsOf('ofd-status').map((e) => `${e.detail.stage}/${e.detail.status}`);
    expect(statuses).toContain('Initialization/SentToFns');
    expect(statuses).toContain('Finalization/New');
    expect(statuses.at(-1)).toBe('Finalization/Approved');
    expect(signer.eventsOf('ofd-approved')[0]!.detail.documents.map((d: { type: string }) => d.type).sort()).toEqual(['RegReport', 'RnmReport']);
    expect(world.signCalls()).toBe(4);
  });

  it('waits while OFD is still generating the documents', async () => {
    world = createSigningWorld({ mock: { scenario: { awaitingDocumentsMs: 4000 } } });
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    await signer.waitForStep('application');
    await signer.waitFor(() => signer.text().includes('ОФД формирует документы'), 'the "generating" note');
    await signer.waitForStep('review');
    expect(signer.eventsOf('ofd-status').map((e) => e.detail.status)).toContain('AwaitingDocuments');
  });

  it('resumes following the status after a reload, without asking for the plug-in or signing again', async () => {
    world = createSigningWorld();
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    expect(world.harness.step).toBe('status');
    const pluginCallsBefore = world.plugin.calls.length;

    const again = world.remount();
    await again.waitForStep('report');
    expect(again.eventsOf('ofd-ready')).toHaveLength(0);
    expect(world.plugin.calls.length).toBe(pluginCallsBefore);
    expect(world.signCalls()).toBe(1);
  });

  it('remembers the chosen certificate for this application', async () => {
    world = createSigningWorld();
    await world.harness.chooseCertificate('Романова');
    await world.harness.waitForStep('review');
    const again = world.remount();
    await again.waitForStep('certificates');
    expect(again.text()).toContain('выбран в прошлый раз');
  });

  it('speaks English when asked', async () => {
    world = createSigningWorld({ attributes: { lang: 'en' } });
    await world.harness.waitForStep('certificates');
    expect(world.harness.heading()).toBe('Choose a certificate');
    await world.harness.chooseCertificate('Романова');
    await world.harness.waitForStep('review');
    expect(world.harness.text()).toContain('Sign and send');
    expect(await world.harness.reviewedDocuments()).toEqual([expect.objectContaining({ 'INN / KPP': '7701234560 / 770101001' })]);
  });

  it('says who asks, for which company and cash register, above the first step; Russian names carry lang="ru" in English', async () => {
    world = createSigningWorld({ attributes: { 'partner-name': 'Касса-Сервис' } });
    await world.harness.waitForStep('certificates');
    const root = world.element.shadowRoot!;
    expect(root.querySelector('h1')!.textContent).toBe('Подписание заявки на регистрацию ККТ');
    expect(root.querySelector('h1')!.classList.contains('sr-only')).toBe(false);
    const context = root.querySelector('[part="context"]')!.textContent!.replace(/\s+/g, ' ');
    expect(context).toContain('Касса-Сервис просит подписать заявку на регистрацию кассы в ОФД.ру');
    expect(context).toContain('Организация: ООО «Ромашка»');
    expect(context).toContain('Касса: АТОЛ 30Ф № 00106712345678');
    world.dispose();

    world = createSigningWorld({ attributes: { lang: 'en' } });
    await world.harness.waitForStep('certificates');
    const en = world.element.shadowRoot!.querySelector('[part="context"]')!;
    expect(en.textContent).toContain('A cash register registration application at OFD.ru');
    expect([...en.querySelectorAll('[lang="ru"]')].map((e) => e.textContent)).toEqual(['ООО «Ромашка»', 'АТОЛ 30Ф № 00106712345678']);
  });

  it('moves focus to the heading of each new step', async () => {
    world = createSigningWorld();
    await world.harness.chooseCertificate('Романова');
    await world.harness.waitForStep('review');
    await world.element.updateComplete;
    expect(world.harness.focused()?.textContent).toBe('Проверьте, что подписываете');
  });

  it('signs a detached signature when asked, and OFD (accepting detached) takes it', async () => {
    world = createSigningWorld({ attributes: { 'signature-mode': 'detached' }, mock: { acceptDetached: true } });
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    await world.harness.waitForStep('report');
    expect(world.signCalls()).toBe(1);
  });
});

describe('registration', () => {
  it('defining the element twice does not throw', () => {
    expect(() => defineOfdSigner()).not.toThrow();
    expect(customElements.get('ofd-signer')).toBe(OfdSignerElement);
    expect(defineOfdSigner()).toBe(OfdSignerElement);
  });

  it('says what is missing when the link has no application or no ticket', async () => {
    const el = document.createElement('ofd-signer');
    document.body.append(el);
    await el.updateComplete;
    expect(el.step).toBe('missing');
    expect(el.shadowRoot!.textContent).toContain('В ссылке нет номера заявки');
    el.setAttribute('application-id', '4121f0e0-f468-48fc-9387-b6a2d5646bc5');
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).toContain('нет ключа доступа');
    el.remove();
  });
});
