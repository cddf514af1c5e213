import { describe, expect, it } from 'vitest';
import {
  failureEnvelope,
  OfdAccessDeniedError,
  OfdApiError,
  OfdBadResponseError,
  OfdValidationError,
  ProxyError,
  successEnvelope,
  unwrapEnvelope,
} from '../../src/api/index.js';

const json = (v: unknown) => JSON.stringify(v);

describe('unwrapEnvelope: successes', () => {
  it.each([
    ['section 6.1 Status/Data', 200, json({ Status: 'Success', Data: { Id: 'a' } }), { Id: 'a' }],
    ['section 7 Data/Success', 200, json({ Data: { Id: 'a' }, Success: true }), { Id: 'a' }],
    ['Success without Data', 200, json({ Success: true }), null],
    ['surrounding whitespace', 200, `\n ${json({ Data: 1, Success: true })} \n`, 1],
  ])('%s', (_what, status, body, data) => {
    expect(unwrapEnvelope(status, body)).toEqual(data);
  });
});

type Expected = { type: new (...args: never[]) => OfdApiError; code: string; status: number; retryable: boolean; messages?: string[]; reason?: string };

describe('unwrapEnvelope: failures', () => {
  it.each<[string, number, string, Expected]>([
    [
      'section 6.1 Status/Error',
      400,
      json({ Status: 'Failed', Error: { Code: 'ValidationError', Message: 'Заявка не найдена' } }),
      { type: OfdValidationError, code: 'ValidationError', status: 400, retryable: false, messages: ['Заявка не найдена'], reason: 'APPLICATION_NOT_FOUND' },
    ],
    [
      'section 7 Errors[] with two messages',
      400,
      json({ Data: null, Success: false, Errors: [{ Code: 'ValidationError', Message: 'Не задан ИНН' }, { Code: 'ValidationError', Message: 'Не заданы данные кассы' }] }),
      { type: OfdValidationError, code: 'ValidationError', status: 400, retryable: false, messages: ['Не задан ИНН', 'Не заданы данные кассы'] },
    ],
    [
      'a failure body on HTTP 200',
      200,
      json({ Data: null, Success: false, Errors: [{ Code: 'InternalServerError', Message: 'Ошибка на сервере' }] }),
      { type: OfdApiError, code: 'InternalServerError', status: 200, retryable: true },
    ],
    [
      'Status Failed on HTTP 200',
      200,
      json({ Status: 'Failed', Error: { Code: 'ValidationError', Message: 'Файл не найден' } }),
      { type: OfdValidationError, code: 'ValidationError', status: 200, retryable: false, reason: 'DOCUMENT_NOT_FOUND' },
    ],
    [
      'a numeric code (section 6.1 shows Code: 0)',
      500,
      json({ Status: 'Failed', Error: { Code: 17, Message: 'string' } }),
      { type: OfdApiError, code: '17', status: 500, retryable: true, messages: ['string'] },
    ],
    [
      'AccessDenied (Table 28)',
      400,
      json({ Data: null, Success: false, Errors: [{ Code: 'AccessDenied', Message: 'Доступ запрещён' }] }),
      { type: OfdAccessDeniedError, code: 'AccessDenied', status: 400, retryable: false, reason: 'ACCESS_FORBIDDEN' },
    ],
    [
      'ValidationError about the token is an access problem',
      400,
      json({ Data: null, Success: false, Errors: [{ Code: 'ValidationError', Message: 'Некорректный авторизационный токен' }] }),
      { type: OfdAccessDeniedError, code: 'ValidationError', status: 400, retryable: false, reason: 'INVALID_AUTH_TOKEN' },
    ],
    [
      'B2bAgreementNotFound',
      400,
      json({ Data: null, Success: false, Errors: [{ Code: 'B2bAgreementNotFound', Message: 'Кабинет партнёра не найден' }] }),
      { type: OfdAccessDeniedError, code: 'B2bAgreementNotFound', status: 400, retryable: false, reason: 'PARTNER_CABINET_NOT_FOUND' },
    ],
    [
      'DataNotFound (Table 21)',
      400,
      json({ Data: null, Success: false, Errors: [{ Code: 'DataNotFound', Message: 'Заявка не найдена (ApplicationNotFound)' }] }),
      { type: OfdValidationError, code: 'DataNotFound', status: 400, retryable: false, reason: 'APPLICATION_NOT_FOUND' },
    ],
    [
      'a numeric code with a message of Table 25 is that refusal (6.1 l.612–626 + l.2724)',
      400,
      json({ Status: 'Failed', Error: { Code: 3, Message: 'Не удалось проверить КЭП' } }),
      { type: OfdValidationError, code: '3', status: 400, retryable: false, reason: 'SIGNATURE_NOT_VERIFIED' },
    ],
    [
      'a numeric code with a message of Table 28 is an access refusal',
      400,
      json({ Status: 'Failed', Error: { Code: 1, Message: 'Доступ запрещён' } }),
      { type: OfdAccessDeniedError, code: '1', status: 400, retryable: false, reason: 'ACCESS_FORBIDDEN' },
    ],
    [
      'a numeric code with an unlisted message is not a named refusal',
      400,
      json({ Status: 'Failed', Error: { Code: 500, Message: 'Ошибка на сервере' } }),
      { type: OfdApiError, code: '500', status: 400, retryable: false },
    ],
    [
      'a message of Table 25 on HTTP 500 is not a definite refusal',
      500,
      json({ Status: 'Failed', Error: { Code: 'ValidationError', Message: 'Файл не найден' } }),
      { type: OfdApiError, code: 'ValidationError', status: 500, retryable: true },
    ],
    [
      'Success false without Errors',
      400,
      json({ Data: null, Success: false }),
      { type: OfdApiError, code: 'UnknownError', status: 400, retryable: false, messages: [] },
    ],
    ['an HTML page from a gateway', 502, '<html><body>502 Bad Gateway</body></html>', { type: OfdBadResponseError, code: 'BAD_RESPONSE', status: 502, retryable: true }],
    ['an HTML page on 200', 200, '<!doctype html><p>login</p>', { type: OfdBadResponseError, code: 'BAD_RESPONSE', status: 200, retryable: false }],
    ['an empty body', 504, '', { type: OfdBadResponseError, code: 'BAD_RESPONSE', status: 504, retryable: true }],
    ['an empty body on 200', 200, '   ', { type: OfdBadResponseError, code: 'BAD_RESPONSE', status: 200, retryable: false }],
    ['truncated JSON', 200, '{"Data":{"Id":', { type: OfdBadResponseError, code: 'BAD_RESPONSE', status: 200, retryable: false }],
    ['JSON without an envelope', 200, json({ Id: 'a', Status: 'New' }), { type: OfdBadResponseError, code: 'BAD_RESPONSE', status: 200, retryable: false }],
    ['a JSON array', 200, '[]', { type: OfdBadResponseError, code: 'BAD_RESPONSE', status: 200, retryable: false }],
    ['a success body on HTTP 500', 500, json({ Data: {}, Success: true }), { type: OfdBadResponseError, code: 'BAD_RESPONSE', status: 500, retryable: true }],
  ])('%s', (_what, status, body, expected) => {
    let caught: unknown;
    try {
      unwrapEnvelope(status, body);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(expected.type);
    const error = caught as OfdApiError;
    expect({ code: error.code, status: error.status, retryable: error.retryable }).toEqual({
      code: expected.code,
      status: expected.status,
      retryable: expected.retryable,
    });
    if (expected.messages) expect(error.messages).toEqual(expected.messages);
    if (expected.reason) expect(error.reason).toBe(expected.reason);
    expect(error.userMessage('ru').length).toBeGreaterThan(10);
    expect(error.userMessage('en').length).toBeGreaterThan(10);
  });

  it("surfaces the proxy's own error: Code, both Messages, Retryable, RequestId", () => {
    const body = json({
      Status: 'Failed',
      Error: {
        Code: 'TICKET_EXPIRED',
        Message: 'The signing link has expired.',
        Messages: { ru: 'Срок действия ссылки истёк.', en: 'The signing link has expired.' },
        Retryable: false,
        RequestId: 'req-42',
      },
    });
    let caught: unknown;
    try {
      unwrapEnvelope(401, body);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ProxyError);
    const error = caught as ProxyError;
    expect(error).toMatchObject({ code: 'TICKET_EXPIRED', status: 401, retryable: false, requestId: 'req-42' });
    expect(error.localizedMessages).toEqual({ ru: 'Срок действия ссылки истёк.', en: 'The signing link has expired.' });
    expect(error.userMessage('ru')).toBe('Срок действия ссылки истёк.');
    expect(error.userMessage('en')).toBe('The signing link has expired.');
  });

  it('falls back to a generic sentence for a proxy error without Messages', () => {
    const error = (() => {
      try {
        unwrapEnvelope(429, json({ Status: 'Failed', Error: { Code: 'RATE_LIMITED', Message: 'Too many', Retryable: true } }));
      } catch (e) {
        return e as ProxyError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.retryable).toBe(true);
    expect(error.userMessage('en')).toContain('Too many');
  });
});

describe('envelope writers', () => {
  it('write both styles, and unwrapEnvelope reads them back', () => {
    for (const style of ['status', 'success'] as const) {
      expect(unwrapEnvelope(200, json(successEnvelope(style, { x: 1 })))).toEqual({ x: 1 });
      const items = [{ Code: 'ValidationError', Message: 'Файл не найден' }];
      expect(() => unwrapEnvelope(400, json(failureEnvelope(style, items)))).toThrow(OfdValidationError);
    }
    expect(successEnvelope('status', 1)).toEqual({ Status: 'Success', Data: 1 });
    expect(failureEnvelope('success', [{ Code: 'A', Message: 'b' }])).toEqual({ Data: null, Success: false, Errors: [{ Code: 'A', Message: 'b' }] });
  });
});
