import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../src/proxy/errors/proxy-error.js';
import { checkRegistrationReport, checkSignRequest, checkSignerNames, checkUuid } from '../../src/proxy/validation.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as ProxyError).code;
  }
};

describe('validation', () => {
  it('ids are UUIDs, normalised to lower case', () => {
    expect(checkUuid('1B21CAC3-2B85-404A-B147-7F3BBD6827A5')).toBe('1b21cac3-2b85-404a-b147-7f3bbd6827a5');
    for (const bad of ['', '1b21cac3', '../etc/passwd', '1b21cac3-2b85-404a-b147-7f3bbd6827a5/sign', 42]) {
      expect(code(() => checkUuid(bad))).toBe('INVALID_ID');
    }
  });

  it('signer names: trimmed, printable, bounded; Position optional', () => {
    expect(checkSignerNames({ LastName: ' Романова ', GivenName: 'Анна Сергеевна', Position: 'Генеральный директор' })).toEqual({
      LastName: 'Романова',
      GivenName: 'Анна Сергеевна',
      Position: 'Генеральный директор',
    });
    expect(checkSignerNames({ LastName: "O'Neil-Smith", GivenName: 'Jean-Luc' })).toEqual({ LastName: "O'Neil-Smith", GivenName: 'Jean-Luc', Position: '' });
    for (const bad of [{ LastName: 'x' }, { LastName: 'a\nb', GivenName: 'c' }, { LastName: '<b>', GivenName: 'c' }, { LastName: 1, GivenName: 'c' }]) {
      expect(code(() => checkSignerNames(bad))).toBe('INVALID_BODY');
    }
  });

  it('sign request: UUID document, base64 signature without line breaks, size-bounded', () => {
    expect(checkSignRequest({ DocumentId: 'aaf0ba41-be2f-41f8-9267-f827194d8786', Signature: 'MIIB\r\nAAAA' }, 100)).toEqual({
      DocumentId: 'aaf0ba41-be2f-41f8-9267-f827194d8786',
      Signature: 'MIIBAAAA',
    });
    expect(code(() => checkSignRequest({ DocumentId: 'x', Signature: 'AAAA' }, 100))).toBe('INVALID_ID');
    expect(code(() => checkSignRequest({ DocumentId: 'aaf0ba41-be2f-41f8-9267-f827194d8786', Signature: 'AA*A' }, 100))).toBe('INVALID_BODY');
    expect(code(() => checkSignRequest({ DocumentId: 'aaf0ba41-be2f-41f8-9267-f827194d8786' }, 100))).toBe('INVALID_BODY');
    expect(code(() => checkSignRequest({ DocumentId: 'aaf0ba41-be2f-41f8-9267-f827194d8786', Signature: 'A'.repeat(200) }, 100))).toBe(
      'BODY_TOO_LARGE',
    );
  });

  it('registration report: date-time, digits, fiscal sign of at most 10 digits; only FiscalDocumentData kept', () => {
    expect(
      checkRegistrationReport({ KktDetails: { FiscalDocumentData: { DateTime: '2021-12-09T13:45', DocumentNumber: 17, Signature: '0123456789' }, Model: 'x' } }),
    ).toEqual({ KktDetails: { FiscalDocumentData: { DateTime: '2021-12-09T13:45:00', DocumentNumber: '17', Signature: '0123456789' } } });
    expect(checkRegistrationReport({ FiscalDocumentData: { DateTime: '2024-02-29 23:59:59', DocumentNumber: '1', Signature: '1' } })).toBeTruthy();
    for (const DateTime of ['2023-02-29T00:00:00', '2021-13-01T00:00', '2021-12-09T24:00', '09.12.2021 10:00']) {
      expect(code(() => checkRegistrationReport({ FiscalDocumentData: { DateTime, DocumentNumber: '1', Signature: '1' } }))).toBe('INVALID_BODY');
    }
  });
});
