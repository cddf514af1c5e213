import { describe, expect, it } from 'vitest';
import { createMockOfd } from '../../src/mock-ofd/index.js';
import { REGISTRATION, talk } from './helpers.js';

describe('mock OFD: AuthToken (Table 28)', () => {
  const { app, control } = createMockOfd();
  const id = control.createDemoApplication().Id;
  const call = talk(app, control.authToken);

  it.each([
    ['no AuthToken at all', '', 'AccessDenied', 'Не найдены авторизационные данные'],
    ['an empty AuthToken', 'AuthToken=', 'AccessDenied', 'Не удалось определить токен'],
    ['a malformed AuthToken', 'AuthToken=%3Cscript%3E', 'ValidationError', 'Некорректный авторизационный токен'],
    ['an unknown AuthToken', 'AuthToken=ffffffffffffffffffffffffffffffff', 'AccessDenied', 'Доступ запрещён'],
  ])('refuses %s with HTTP 400', async (_what, query, code, message) => {
    const answer = await call('GET', `${REGISTRATION}/${id}`, undefined, query);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ Data: null, Success: false, Errors: [{ Code: code, Message: message }] });
  });

  it('answers B2bAgreementNotFound for a partner without a cabinet', async () => {
    control.addPartner('partner-without-cabinet-000001', { agreement: false });
    const answer = await call('GET', `${REGISTRATION}/${id}`, undefined, 'AuthToken=partner-without-cabinet-000001');
    expect(answer.status).toBe(400);
    expect(answer.json.Errors[0]).toEqual({ Code: 'B2bAgreementNotFound', Message: 'Кабинет партнёра не найден' });
  });

  it("answers 'Нет доступа' when another partner asks for this application", async () => {
    control.addPartner('another-partner-token-00000001');
    const answer = await call('GET', `${REGISTRATION}/${id}`, undefined, 'AuthToken=another-partner-token-00000001');
    expect(answer.status).toBe(400);
    expect(answer.json.Errors[0]).toEqual({ Code: 'AccessDenied', Message: 'Нет доступа' });
  });

  it('checks the token on every route, files included', async () => {
    const paths: Array<[string, string]> = [
      ['POST', REGISTRATION],
      ['PUT', `${REGISTRATION}/${id}`],
      ['POST', `${REGISTRATION}/${id}/prepareDocuments`],
      ['POST', `${REGISTRATION}/${id}/sign`],
      ['GET', `${REGISTRATION}/${id}/simplified/status`],
      ['POST', `${REGISTRATION}/simplified`],
      ['GET', `/document/KktRegistrationApplication?Id=${id}&format=pdf`],
    ];
    for (const [method, path] of paths) {
      const answer = await call(method, path, method === 'GET' ? undefined : {}, '');
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.json.Errors[0].Code).toBe('AccessDenied');
    }
  });

  it('never writes the AuthToken into the call log', () => {
    expect(control.calls().length).toBeGreaterThan(0);
    expect(JSON.stringify(control.calls())).not.toContain(control.authToken);
  });
});

describe('mock OFD: envelopes', () => {
  it("answers section 6.1's Status/Data and Status/Error when asked to", async () => {
    const { app, control } = createMockOfd({ envelope: 'status' });
    const id = control.createDemoApplication().Id;
    const call = talk(app, control.authToken);
    const ok = await call('GET', `${REGISTRATION}/${id}`);
    expect(ok.status).toBe(200);
    expect(ok.json.Status).toBe('Success');
    expect(ok.json.Data.Id).toBe(id);
    const failed = await call('GET', `${REGISTRATION}/00000000-0000-4000-8000-000000000000`);
    expect(failed.status).toBe(400);
    expect(failed.json).toEqual({ Status: 'Failed', Error: { Code: 'ValidationError', Message: 'Заявка не найдена' } });
  });

  it("answers the section 7 examples' Data/Success by default", async () => {
    const { app, control } = createMockOfd();
    const id = control.createDemoApplication().Id;
    const ok = await talk(app, control.authToken)('GET', `${REGISTRATION}/${id}`);
    expect(ok.json.Success).toBe(true);
    expect(ok.json.Data.Status).toBe('New');
    expect(ok.json.Data.Stage).toBe('Initialization');
  });

  it('joins several messages into one Error in the Status form', async () => {
    const { app, control } = createMockOfd({ envelope: 'status' });
    const answer = await talk(app, control.authToken)('POST', REGISTRATION, { Purpose: 'InitialRegistration' });
    expect(answer.json.Error).toEqual({ Code: 'ValidationError', Message: 'Не задан ИНН; Не заданы данные кассы' });
  });

  it('answers unknown paths with 404 in the envelope', async () => {
    const { app, control } = createMockOfd();
    const answer = await talk(app, control.authToken)('GET', '/api/integration/v2/b2b/kkt/unknown');
    expect(answer.status).toBe(404);
    expect(answer.json.Success).toBe(false);
  });
});
