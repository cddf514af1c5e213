import { describe, expect, it } from 'vitest';
import { createMockOfd } from '../../src/mock-ofd/index.js';
import { DEMO_COMPANY } from '../../src/testing/demo-identity.js';
import { REGISTRATION, talk } from './helpers.js';

describe('mock OFD: simplified registration (7.2, 7.2.1)', () => {
  it('reports PROCESSING, then SUCCESS with a DownloadUrl carrying the AuthToken, like the real one', async () => {
    const { app, control } = createMockOfd({ clock: () => 1_800_000_000_000 });
    const call = talk(app, control.authToken);
    const id = control.createDemoApplication().Id;
    const started = await call('POST', `${REGISTRATION}/simplified`, { ApplicationId: id });
    expect(started.status).toBe(200);
    expect(started.json.Data.Status).toBe('AwaitingAutoFinalization');
    expect((await call('GET', `${REGISTRATION}/${id}/simplified/status`)).json).toEqual({ Data: { Status: 'PROCESSING' }, Success: true });
    control.advance(3000);
    const done = (await call('GET', `${REGISTRATION}/${id}/simplified/status`)).json.Data;
    expect(done.Status).toBe('SUCCESS');
    expect(done.DownloadUrl).toMatch(new RegExp(`/simplified/download\\?AuthToken=${control.authToken}$`));
    const url = new URL(done.DownloadUrl);
    const file = await app.request(url.pathname + url.search);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
  });

  it('answers REJECTED under the reject scenario', async () => {
    const { app, control } = createMockOfd({ clock: () => 1_800_000_000_000, scenario: { outcome: 'reject' } });
    const call = talk(app, control.authToken);
    const started = await call('POST', `${REGISTRATION}/simplified`, {
      RegNumber: '0000002950038403',
      FnNumber: '9287440300784224',
      DocumentNumber: '1',
      Inn: DEMO_COMPANY.inn,
      Purpose: 'InitialRegistration',
    });
    const id = started.json.Data.Id;
    control.advance(3000);
    expect((await call('GET', `${REGISTRATION}/${id}/simplified/status`)).json.Data).toEqual({ Status: 'REJECTED' });
  });

  it('lists every missing field (Table 19)', async () => {
    const { app, control } = createMockOfd();
    const answer = await talk(app, control.authToken)('POST', `${REGISTRATION}/simplified`, {});
    expect(answer.status).toBe(400);
    expect(answer.json.Errors.map((e: { Message: string }) => e.Message)).toEqual([
      'Регистрационный номер ККТ не заполнен (RegNumber)',
      'Серийный номер ФН не заполнен (FnNumber)',
      'Номер документа не заполнен (DocumentNumber)',
      'ИНН не заполнен (Inn)',
      'Не указано назначение (Purpose)',
    ]);
  });

  it('answers DataNotFound for an application without simplified registration (Table 21)', async () => {
    const { app, control } = createMockOfd();
    const id = control.createDemoApplication().Id;
    const answer = await talk(app, control.authToken)('GET', `${REGISTRATION}/${id}/simplified/status`);
    expect(answer.status).toBe(400);
    expect(answer.json.Errors[0]).toEqual({ Code: 'DataNotFound', Message: 'Заявка не найдена (ApplicationNotFound)' });
  });
});
