import { afterEach, describe, expect, it } from 'vitest';
import { createSigningWorld, type SigningWorld } from './signing-world.js';

let world: SigningWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

describe('the end of the journey', () => {
  it("shows FNS's rejection in plain words with what to do", async () => {
    const reason = 'Ошибка проверки ЮЛ/ИП с данными {inn=7701234560}: сведения не найдены в ЕГРЮЛ';
    world = createSigningWorld({ mock: { scenario: { outcome: 'reject', rejectReason: reason } } });
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    await signer.signAll();
    await signer.waitForStatus('Rejected');
    expect(signer.step).toBe('rejected');
    expect(signer.heading()).toBe('ФНС отклонила заявку');
    expect(signer.text()).toContain(reason);
    expect(signer.text()).toContain('Попросите компанию, которая прислала ссылку, исправить реквизиты');
    expect(signer.eventsOf('ofd-rejected')[0]!.detail).toEqual({ applicationId: world.application.Id, reason });
  });

  it('checks the registration report before sending it, field by field', async () => {
    world = createSigningWorld();
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    await signer.signAll();
    await signer.waitForStep('report');
    const putsBefore = world.control.calls().filter((c) => c.method === 'PUT').length;
    await signer.fillReport({ dateTime: '', documentNumber: 'abc', fiscalSign: '99999999999' });
    expect(signer.step).toBe('report');
    expect(signer.fieldError('dateTime')).toContain('Укажите дату и время');
    expect(signer.fieldError('documentNumber')).toContain('Номер ФД');
    expect(signer.fieldError('fiscalSign')).toContain('ФП');
    const input = world.element.shadowRoot!.querySelector('input[name="fiscalSign"]')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('fiscalSign-error');
    expect(world.control.calls().filter((c) => c.method === 'PUT').length).toBe(putsBefore);

    await signer.fillReport({ dateTime: '2026-01-15T10:30', documentNumber: '7', fiscalSign: '3826481913' });
    await signer.waitForStep('review');
    expect(signer.fullXml()).toContain('ФП="3826481913"');
    expect((await signer.reviewedDocuments())[0]!['Отчёт о регистрации']).toBe('15.01.2026 10:30, ФД 7, ФП 3826481913');
  });

  it('reloaded at the report form, the journey opens there and asks for the certificate only to sign', async () => {
    world = createSigningWorld();
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    await world.harness.waitForStep('report');
    const pluginCallsBefore = world.plugin.calls.length;
    const again = world.remount();
    await again.waitForStep('report');
    expect(again.eventsOf('ofd-ready')).toHaveLength(0);
    expect(world.plugin.calls.length).toBe(pluginCallsBefore);
    await again.fillReport({ dateTime: '2026-01-15T10:30', documentNumber: '7', fiscalSign: '3826481913' });
    await again.chooseCertificate('Романова');
    await again.signAll();
    await again.waitForStatus('Approved');
    expect(world.signCalls()).toBe(2);
  });

  it('an application that already went to FNS is followed, not signed again', async () => {
    world = createSigningWorld();
    await world.harness.chooseCertificate('Романова');
    await world.harness.signAll();
    world.dispose();
    sessionStorage.clear(); // another browser: no record of this tab having sent anything
    const again = world.remount();
    await again.waitForStep('status', 'report');
    expect(again.eventsOf('ofd-ready')).toHaveLength(0);
    expect(world.signCalls()).toBe(1);
  });

  it('links to the application PDF through the proxy', async () => {
    world = createSigningWorld();
    await world.harness.chooseCertificate('Романова');
    await world.harness.waitForStep('review');
    const pdf = world.harness.links().find((l) => l.text === 'Заявка для печати (PDF)');
    expect(pdf?.href).toMatch(/\/api\/registration\/[0-9a-f-]+\/files\/application$/);
    const blob = await world.client.getFile(world.application.Id, 'application');
    expect(new TextDecoder().decode(new Uint8Array(await blob.arrayBuffer())).startsWith('%PDF')).toBe(true);
  });
});
