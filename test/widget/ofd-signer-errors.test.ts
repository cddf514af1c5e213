import { afterEach, describe, expect, it } from 'vitest';
import { OfdNetworkError, SignOutcomeUnknownError } from '../../src/api/errors/index.js';
import { createDemoCertificates, createTestCertificate, DEMO_COMPANY, directorSubject, installCadesPluginMock } from '../../src/testing/index.js';
import { createSigningWorld, type SigningWorld } from './signing-world.js';

let world: SigningWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

const demo = createDemoCertificates();

describe('plug-in check', () => {
  it('says the plug-in is missing, links the official downloads, and "check again" works without a reload', async () => {
    world = createSigningWorld({ plugin: { scenario: 'plugin-missing', loadTimeoutMs: 20 } });
    const signer = world.harness;
    await signer.waitFor(() => signer.step === 'plugin' && signer.heading() === 'Плагин КриптоПро недоступен', 'the plug-in problem');
    expect(signer.text()).toContain('не установлено, выключено или устарело');
    const hrefs = signer.links().map((l) => l.href);
    expect(hrefs).toContain('https://www.cryptopro.ru/products/cades/plugin');
    expect(hrefs.some((h) => h.includes('chromewebstore.google.com') || h.includes('addons'))).toBe(true);
    expect(signer.eventsOf('ofd-error')[0]!.detail.code).toBe('PLUGIN_NOT_INSTALLED');
    // Read once: the role=alert says it; the live region does not repeat it.
    expect(signer.alertText()).toContain('КриптоПро');
    expect(signer.announcement()).not.toContain('КриптоПро');

    // The user installs the extension; the page stays as it is.
    world.plugin.uninstall();
    world.plugin = installCadesPluginMock({ window });
    await signer.press('Проверить снова');
    expect(await signer.usableCertificates()).toEqual(['Романова Анна Сергеевна']);
  });

  it('a checklist with a fix per item, CryptoPro CSP first; "check again" says when it checked and keeps focus on the screen', async () => {
    world = createSigningWorld({ plugin: { scenario: 'plugin-missing', loadTimeoutMs: 20 } });
    const signer = world.harness;
    await signer.waitFor(() => signer.step === 'plugin' && signer.heading() === 'Плагин КриптоПро недоступен', 'the plug-in problem');
    const root = world.element.shadowRoot!;
    const checks = [...root.querySelectorAll('[data-check]')].map((li) => `${li.getAttribute('data-check')}:${li.getAttribute('data-state')}`);
    expect(checks).toEqual(['os:ok', 'browser:ok', 'csp:unknown', 'plugin:fail', 'certificate:later', 'roots:later']);
    const hrefs = signer.links().map((l) => l.href);
    expect(hrefs[0]).toBe('https://www.cryptopro.ru/products/csp');
    expect(hrefs[1]).toBe('https://www.cryptopro.ru/products/cades/plugin');
    // No raw address inside the red message (it overflowed a phone's card): the links are in the list.
    expect(signer.alertText()).not.toContain('https://');
    expect(root.querySelector('[data-checked]')).toBeNull();

    root.querySelector<HTMLButtonElement>('button.primary')!.focus();
    await signer.press('Проверить снова');
    await signer.waitFor(() => root.querySelector('[data-checked]') !== null, 'the second check to finish');
    expect(root.querySelector('[data-checked]')!.textContent).toMatch(/^Проверено в \d{1,2}:\d{2}:\d{2}: плагин всё ещё не отвечает\.$/);
    expect(signer.focused()?.textContent).toBe('Плагин КриптоПро недоступен');
  });

  it('on a phone: signing needs a computer, and no store links', async () => {
    const ua = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(navigator), 'userAgent');
    Object.defineProperty(navigator, 'userAgent', { configurable: true, get: () => 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36' });
    try {
      world = createSigningWorld({ plugin: { scenario: 'plugin-missing', loadTimeoutMs: 20 } });
      const signer = world.harness;
      await signer.waitFor(() => signer.step === 'plugin' && signer.heading() === 'Плагин КриптоПро недоступен', 'the plug-in problem');
      expect(signer.alertText()).toContain('можно подписать только на компьютере');
      expect(signer.links()).toEqual([]);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).userAgent;
      if (ua && Object.getOwnPropertyDescriptor(navigator, 'userAgent')) Object.defineProperty(navigator, 'userAgent', ua);
    }
  });

  it('warns about an outdated plug-in but lets the user go on', async () => {
    world = createSigningWorld({ plugin: { scenario: 'outdated-plugin' } });
    await world.harness.waitForStep('certificates');
    expect(world.harness.text()).toContain('Плагин КриптоПро устарел');
  });
});

describe('certificate choice', () => {
  it('lists unusable certificates with the reason and does not let them be chosen', async () => {
    world = createSigningWorld();
    const signer = world.harness;
    expect(await signer.usableCertificates()).toHaveLength(1);
    const unusable = signer.unusableCertificates();
    expect(unusable).toHaveLength(2);
    expect(unusable.some((l) => l.includes('Срок действия сертификата истёк'))).toBe(true);
    expect(unusable.some((l) => l.includes('Нет закрытого ключа'))).toBe(true);
    expect(world.element.shadowRoot!.querySelectorAll('.unusable button')).toHaveLength(0);
  });

  it('offers a filter when there are many and finds by name', async () => {
    const many = ['Алексеев', 'Борисов', 'Васильев', 'Григорьев', 'Дмитриев'].map((sn) =>
      createTestCertificate({ subject: { ...directorSubject(DEMO_COMPANY), SN: sn, G: 'Иван Иванович' }, issuer: demo.ca }),
    );
    world = createSigningWorld({ plugin: { certificates: [demo.director, demo.expiredDirector, ...many] } });
    const signer = world.harness;
    expect(await signer.usableCertificates()).toHaveLength(6);
    await signer.filterCertificates('романова');
    expect(await signer.usableCertificates()).toEqual(['Романова Анна Сергеевна']);
    await signer.filterCertificates('БОРИС');
    expect(await signer.usableCertificates()).toEqual(['Борисов Иван Иванович']);
    await signer.filterCertificates('никого нет');
    expect(signer.text()).toContain('Ничего не найдено');
  });

  it('says so when no certificate can sign', async () => {
    world = createSigningWorld({ plugin: { certificates: [demo.expiredDirector, demo.directorWithoutKey] } });
    await world.harness.waitForStep('certificates');
    expect(world.harness.text()).toContain('Нет сертификатов, которыми можно подписать');
  });
});

describe('identity check', () => {
  it("blocks another company's certificate before anything reaches OFD", async () => {
    world = createSigningWorld({ plugin: { certificates: [demo.otherCompanyDirector, demo.director] } });
    const signer = world.harness;
    await signer.chooseCertificate('Лебедев');
    await signer.waitForStep('identity');
    expect(signer.heading()).toBe('Этот сертификат не подходит для этой заявки');
    expect(signer.text()).toContain('Сертификат выдан другой организации');
    expect(signer.text()).toContain('5027123457');
    expect(world.control.calls().filter((c) => c.route === 'prepareDocuments')).toHaveLength(0);
    expect(signer.eventsOf('ofd-error')[0]!.detail.code).toBe('IDENTITY_COMPANY_MISMATCH');

    await signer.press('Выбрать другой сертификат');
    await signer.chooseCertificate('Романова');
    await signer.waitForStep('review');
  });

  it('needs a power of attorney (МЧД) in the application when the signer is not the director', async () => {
    const accountant = createTestCertificate({
      subject: { ...directorSubject(DEMO_COMPANY), SN: 'Петрова', G: 'Мария Ивановна', T: 'Главный бухгалтер' },
      issuer: demo.ca,
    });
    world = createSigningWorld({ plugin: { certificates: [accountant] } });
    await world.harness.chooseCertificate('Петрова');
    await world.harness.waitForStep('identity');
    expect(world.harness.text()).toContain('машиночитаемая доверенность (МЧД)');
    world.dispose();

    world = createSigningWorld({
      plugin: { certificates: [accountant] },
      application: {
        CompanyDetails: {
          ...world.application.CompanyDetails,
          Signatory: { Name: 'Петрова Мария Ивановна', Position: 'Главный бухгалтер', IsRepresent: true, RepresentativeDetails: { Number: 'МЧД-77-2026-1', EvaluateDate: '2026-12-31', DocId: '0b0c6d1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e' } },
        },
      },
    });
    await world.harness.chooseCertificate('Петрова');
    await world.harness.waitForStep('review');
    expect(world.harness.text()).toContain('представитель по машиночитаемой доверенности');
  });
});

describe('signing', () => {
  it('a cancelled PIN returns to the review with nothing sent, and signing again works', async () => {
    world = createSigningWorld();
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    await signer.waitForStep('review');
    world.plugin.setScenario('pin-cancelled');
    await signer.signAll();
    expect(signer.step).toBe('review');
    expect(signer.text()).toContain('Подписание отменено, ничего не отправлено');
    expect(signer.alertText()).toContain('ничего не отправлено');
    expect(signer.announcement()).not.toContain('ничего не отправлено');
    expect(world.signCalls()).toBe(0);
    expect(signer.eventsOf('ofd-signed')).toHaveLength(0);

    world.plugin.setScenario('ok');
    await signer.signAll();
    await signer.waitForStep('report');
    expect(world.signCalls()).toBe(1);
  });

  it("shows the plug-in's own sentence for other failures (token removed) and offers to try again", async () => {
    world = createSigningWorld();
    await world.harness.chooseCertificate('Романова');
    world.plugin.setScenario('token-removed');
    await world.harness.signAll();
    expect(world.harness.step).toBe('error');
    expect(world.harness.text()).toContain('Носитель с ключом не вставлен');
    expect(world.harness.eventsOf('ofd-error').at(-1)!.detail.code).toBe('TOKEN_NOT_INSERTED');
    await world.harness.press('Повторить');
    await world.harness.waitForStep('review');
    expect(world.signCalls()).toBe(0);
  });

  it('refuses to send a signature over other content than the document (local check)', async () => {
    world = createSigningWorld({
      wrapAdapter: (adapter) => ({ ...adapter, load: () => adapter.load(), about: () => adapter.about(), listCertificates: (o) => adapter.listCertificates(o), sign: (_content, o) => adapter.sign('something else', o) }),
    });
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    expect(world.harness.step).toBe('error');
    expect(world.harness.text()).toContain('Подпись сделана не над тем документом. Ничего не отправлено.');
    expect(world.signCalls()).toBe(0);
  });

  it('content-mode="decoded" (a signature over the XML bytes, which OFD does not verify, 7.4) is refused before any signing', async () => {
    let signed = 0;
    world = createSigningWorld({
      mount: false,
      wrapAdapter: (adapter) => ({ ...adapter, load: () => adapter.load(), about: () => adapter.about(), listCertificates: (o) => adapter.listCertificates(o), sign: (c, o) => (signed++, adapter.sign(c, o)) }),
    });
    world.element.setAttribute('content-mode', 'decoded');
    document.body.append(world.element);
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    expect(world.harness.step).toBe('error');
    expect(world.harness.text()).toContain('Страница просит подписать раскодированный XML');
    expect(world.harness.eventsOf('ofd-error').at(-1)!.detail.code).toBe('CONTENT_MODE_UNSUPPORTED');
    expect(signed).toBe(0);
    expect(world.signCalls()).toBe(0);
  });

  it('refuses a signature made with another certificate than the chosen one', async () => {
    world = createSigningWorld({
      plugin: { certificates: [demo.director, createTestCertificate({ subject: directorSubject(DEMO_COMPANY), issuer: demo.ca })] },
      wrapAdapter: (adapter) => ({
        load: () => adapter.load(),
        about: () => adapter.about(),
        listCertificates: (o) => adapter.listCertificates(o),
        sign: async (content, o) => {
          const others = (await adapter.listCertificates()).filter((c) => c.thumbprint !== o.thumbprint && c.usable);
          return adapter.sign(content, { ...o, thumbprint: others[0]!.thumbprint });
        },
      }),
    });
    const signer = world.harness;
    await signer.waitForStep('certificates');
    await signer.chooseCertificate('Романова');
    await signer.signAll();
    expect(signer.text()).toContain('подписан не тем сертификатом');
    expect(world.signCalls()).toBe(0);
  });
});

describe('sending', () => {
  it('an unknown outcome is resolved through the status, never by sending again', async () => {
    let attempts = 0;
    world = createSigningWorld({
      wrapClient: (client) => ({
        ...client,
        async sign(id, documentId, signature) {
          attempts++;
          await client.sign(id, documentId, signature); // it arrives…
          throw new SignOutcomeUnknownError(id, documentId, new Error('socket hang up')); // …but the answer is lost
        },
      }),
    });
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    await signer.signAll();
    expect(signer.step).toBe('status');
    expect(signer.text()).toContain('Подпись повторно не отправляется');
    await signer.waitForStep('report');
    expect(attempts).toBe(1);
    expect(world.signCalls()).toBe(1);
    expect(signer.eventsOf('ofd-error')).toHaveLength(0);
  });

  it('a lost sign that never arrived ends in a plain "not known yet" with a re-check, still without re-sending', async () => {
    let attempts = 0;
    world = createSigningWorld({
      wrapClient: (client) => ({
        ...client,
        async sign(id, documentId) {
          attempts++;
          throw new SignOutcomeUnknownError(id, documentId, new Error('timeout'));
        },
      }),
    });
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    await signer.signAll();
    await signer.waitForStep('error');
    expect(signer.text()).toContain('Пока неизвестно, дошла ли подпись до ОФД');
    expect(attempts).toBe(1);
    await signer.press('Повторить');
    // OFD still awaits the signature: back to the review, where the user decides to sign again.
    await signer.waitForStep('certificates', 'review');
    expect(attempts).toBe(1);
  });

  it("shows OFD's refusal in plain words (signature not verified) and lets the user sign again", async () => {
    world = createSigningWorld({ mock: { verifier: () => false } });
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    await world.harness.waitForStep('error');
    expect(world.harness.text()).toContain('ОФД не смог проверить электронную подпись');
    expect(world.signCalls()).toBe(1);
  });

  it('after a definite refusal "try again" signs newly prepared documents, never the refused one a second time (7.4 l.2318)', async () => {
    let verified = 0;
    world = createSigningWorld({ mock: { verifier: () => verified++ > 0 } });
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    await world.harness.waitForStep('error');
    const refused = world.control.calls().find((c) => c.route === 'sign')!.documentId;
    await world.harness.press('Повторить');
    await world.harness.signAll();
    await world.harness.waitForStep('report');
    const signs = world.control.calls().filter((c) => c.route === 'sign').map((c) => c.documentId);
    expect(signs).toHaveLength(2);
    expect(signs[0]).toBe(refused);
    expect(signs[1]).not.toBe(refused);
  });

  it('says so when the application cannot be loaded (ticket for another application)', async () => {
    world = createSigningWorld({ mount: false });
    world.element.setAttribute('application-id', '4121f0e0-f468-48fc-9387-b6a2d5646bc5');
    document.body.append(world.element);
    // The application is read before anything else: a foreign or bad ticket is said before any plug-in step.
    await world.harness.waitForStep('error');
    expect(world.harness.eventsOf('ofd-ready')).toHaveLength(0);
    expect(world.plugin.calls).toHaveLength(0);
    expect(world.harness.eventsOf('ofd-error')[0]!.detail.code).toMatch(/TICKET/);
    expect(world.harness.text().length).toBeGreaterThan(40);
    // In words the client uses (no "билет доступа"), whom to ask, and no "Повторить" that could never work.
    expect(world.harness.alertText()).toContain('Попросите у компании');
    expect(world.harness.alertText()).not.toMatch(/билет/i);
    expect(world.element.shadowRoot!.querySelector('button')).toBeNull();
  });
});

describe('impatient users', () => {
  it('a double click on a certificate or on "Sign" prepares once and signs once', async () => {
    world = createSigningWorld();
    const signer = world.harness;
    await signer.waitForStep('certificates');
    const button = world.element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="certificate"]')!;
    button.click();
    button.click();
    await signer.waitForStep('review');
    expect(world.control.calls().filter((c) => c.route === 'prepareDocuments')).toHaveLength(1);
    const sign = [...world.element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Подписать'))!;
    sign.click();
    sign.click();
    await signer.waitForStep('status', 'report');
    expect(signer.eventsOf('ofd-signed')).toHaveLength(1);
    expect(world.signCalls()).toBe(1);
  });
});

describe('the network and OFD', () => {
  it('a lost connection while loading says so and "try again" carries on', async () => {
    let failures = 1;
    world = createSigningWorld({
      wrapClient: (client) => ({
        ...client,
        async getApplication(id) {
          if (failures-- > 0) throw new OfdNetworkError(new Error('ECONNRESET'));
          return client.getApplication(id);
        },
      }),
    });
    const signer = world.harness;
    await signer.waitForStep('error');
    expect(signer.text()).toContain('Нет связи с сервером подписания');
    expect(signer.eventsOf('ofd-error')[0]!.detail.code).toBe('NETWORK_ERROR');
    await signer.press('Повторить');
    await signer.chooseCertificate('Романова');
    await signer.waitForStep('review');
  });

  it('UnknownError, or a status outside Table 13, is not a failure: the widget keeps following and shows what OFD said', async () => {
    let odd = 0;
    let sent = false;
    world = createSigningWorld({
      wrapClient: (client) => ({
        ...client,
        async getApplication(id) {
          const app = await client.getApplication(id);
          sent ||= app.Status === 'SentToFns';
          if (!sent || odd >= 4) return app;
          odd++;
          return odd % 2 ? { ...app, Status: 'UnknownError' } : { ...app, Status: 'UnknownError', RawStatus: 'SendingToFnsQueue' };
        },
      }),
    });
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    await world.harness.waitForStep('report');
    const statuses = world.harness.eventsOf('ofd-status').map((e) => e.detail.status);
    expect(statuses).toContain('UnknownError');
    expect(statuses).toContain('SendingToFnsQueue');
    expect(world.harness.eventsOf('ofd-error')).toHaveLength(0);
  });
});
