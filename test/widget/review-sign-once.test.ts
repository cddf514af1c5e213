/**
 * Review of the widget's own guards (the proxy's ledger is a second line, not the first):
 * - after "choose another certificate" the documents are prepared again with the new signer's name;
 * - a second tab that reached the review before the first one sent does not send `sign` again from the browser;
 * - an employee's personal certificate plus the application's МЧД goes all the way through (mock OFD included).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OfdClient } from '../../src/api/index.js';
import { createDemoCertificates, createTestCertificate, DEMO_COMPANY, directorSubject } from '../../src/testing/index.js';
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import { SignerHarness } from './signer-harness.js';
import { createSigningWorld, type SigningWorld } from './signing-world.js';

let world: SigningWorld | undefined;
const extra: HTMLElement[] = [];
afterEach(() => {
  for (const e of extra.splice(0)) e.remove();
  world?.dispose();
  world = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

const demo = createDemoCertificates();
const POA = { Number: 'МЧД-77-2026-1', EvaluateDate: '2026-12-31', DocId: '0b0c6d1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e' };

describe('review: the widget never signs papers naming someone else', () => {
  it('prepares the documents again after the user switches to another certificate', async () => {
    const accountant = createTestCertificate({
      subject: { ...directorSubject(DEMO_COMPANY), SN: 'Петрова', G: 'Мария Ивановна', T: 'Главный бухгалтер' },
      issuer: demo.ca,
    });
    world = createSigningWorld({ plugin: { certificates: [demo.director, accountant] } });
    world = createSigningWorld({
      plugin: { certificates: [demo.director, accountant] },
      application: {
        CompanyDetails: { ...world.application.CompanyDetails, Signatory: { Name: 'Петрова Мария Ивановна', IsRepresent: true, RepresentativeDetails: POA } },
      },
    });
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    await signer.waitForStep('review');
    expect(signer.fullXml()).toMatch(/Фамилия="Романова"/);
    await signer.press('Выбрать другой сертификат');
    await signer.chooseCertificate('Петрова');
    await signer.waitForStep('review');
    expect(signer.fullXml()).toMatch(/Фамилия="Петрова" ИмяОтчество="Мария Ивановна"/);
    expect(signer.fullXml()).toContain('Наим="Главный бухгалтер"');
    await signer.signAll();
    await signer.waitForStep('report');
    expect(world.signCalls()).toBe(1);
  });
});

describe('review: a second tab sends nothing that the first one sent', () => {
  it('two tabs at the review, both press "Sign and send": one sign call leaves the browser', async () => {
    let browserSigns = 0;
    world = createSigningWorld({
      wrapClient: (client: OfdClient): OfdClient => ({
        ...client,
        sign: (...args) => {
          browserSigns++;
          return client.sign(...args);
        },
      }),
    });
    const tabA = world.harness;
    const second = document.createElement('ofd-signer') as OfdSignerElement;
    second.setAttribute('application-id', world.application.Id);
    second.setAttribute('ticket', world.ticket);
    second.pollInterval = 5;
    second.adapter = world.adapter;
    second.client = world.client;
    const tabB = new SignerHarness(second, world.tick);
    document.body.append(second);
    extra.push(second);

    await tabA.chooseCertificate('Романова');
    await tabA.waitForStep('review');
    await tabB.chooseCertificate('Романова');
    await tabB.waitForStep('review');

    await tabA.signAll();
    await tabB.signAll();
    await tabB.waitFor(() => ['status', 'report', 'approved'].includes(tabB.step), 'tab B to follow the status');
    expect(browserSigns).toBe(1);
    expect(world.signCalls()).toBe(1);
    expect(tabB.step).not.toBe('error');
  });
});

describe('review: representatives', () => {
  it("an employee's personal certificate (no company data) with the application's МЧД signs through to OFD", async () => {
    const employee = createTestCertificate({
      subject: { CN: 'Петрова Мария Ивановна', SN: 'Петрова', G: 'Мария Ивановна', INN: '771234567859', SNILS: '11223344595' },
      issuer: demo.ca,
    });
    world = createSigningWorld({ plugin: { certificates: [employee] } });
    world = createSigningWorld({
      plugin: { certificates: [employee] },
      application: { CompanyDetails: { ...world.application.CompanyDetails, Signatory: { Name: 'Петрова Мария Ивановна', RepresentativeDetails: POA } } },
    });
    const signer = world.harness;
    await signer.chooseCertificate('Петрова');
    await signer.waitForStep('review');
    expect(signer.text()).toContain('представитель по машиночитаемой доверенности');
    await signer.signAll();
    await signer.waitForStep('report');
    expect(world.signCalls()).toBe(1);
  });
});

describe('review: a reload while sending', () => {
  it('follows the status instead of offering to sign again while the first sign may still be on its way', async () => {
    let browserSigns = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    world = createSigningWorld({
      wrapClient: (client: OfdClient): OfdClient => ({
        ...client,
        sign: async (...args) => {
          browserSigns++;
          // The request is on its way (slow network, OFD thinking) when the user reloads.
          await gate;
          return client.sign(...args);
        },
      }),
    });
    await world.harness.chooseCertificate('Романова');
    await world.harness.waitForStep('review');
    await world.harness.press(/Подписать и отправить/);
    await world.harness.waitForStep('sending');

    const again = world.remount();
    await again.waitForStep('status', 'certificates', 'review');
    expect(again.step).toBe('status');
    release();
    await again.waitForStep('report');
    expect(browserSigns).toBe(1);
    expect(world.signCalls()).toBe(1);
  });
});
