/**
 * Review: the registration report (spec 7.6.1). OFD's date format is ISO 8601 "ГГГГ-ММ-ДДТчч:мм:сс" without a
 * zone offset (the spec's footnote on dates; sample "2021-12-09T00:00:00"). What the widget's form accepts must
 * pass the proxy, and the proxy — the last gate before OFD — must forward only that exact shape, whoever calls it.
 */
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../src/proxy/errors/proxy-error.js';
import { checkRegistrationReport } from '../../src/proxy/validation.js';
import { validateRegistrationReport } from '../../src/widget/registration-report-form.js';

const SPEC_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const now = new Date('2026-03-01T12:00:00');
const code = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as ProxyError).code;
  }
};
const report = (DateTime: unknown, DocumentNumber: unknown = '1', Signature: unknown = '1') => ({
  KktDetails: { FiscalDocumentData: { DateTime, DocumentNumber, Signature } },
});

describe('registration report: widget and proxy agree', () => {
  const typed = ['15.01.2026 10:30', '15.01.26 10:30', '2026-01-15T10:30', '2026-01-15 10:30:45', '1.2.2026, 9:05', '01.01.2000 00:00'];
  for (const dateTime of typed) {
    it(`"${dateTime}" accepted by the form is accepted by the proxy unchanged, in the spec's format`, () => {
      const v = validateRegistrationReport({ dateTime, documentNumber: '0007', fiscalSign: '0123456789' }, now);
      expect(v.report).toBeDefined();
      const forwarded = checkRegistrationReport(
        report(v.report!.dateTime, v.report!.documentNumber, v.report!.fiscalSign),
      ).KktDetails.FiscalDocumentData;
      expect(forwarded.DateTime).toBe(v.report!.dateTime);
      expect(forwarded.DateTime).toMatch(SPEC_FORMAT);
      expect(forwarded.DocumentNumber).toBe('7');
    });
  }

  it('the form refuses a year the proxy would refuse (instead of a generic "request not valid")', () => {
    expect(validateRegistrationReport({ dateTime: '15.01.1999 10:30', documentNumber: '1', fiscalSign: '1' }, now).errors.dateTime).toBe(
      'REPORT_DATE_INVALID',
    );
    expect(code(() => checkRegistrationReport(report('1999-01-15T10:30:00')))).toBe('INVALID_BODY');
  });
});

describe('registration report: the proxy forwards only the spec format', () => {
  it('completes seconds and the T separator', () => {
    expect(checkRegistrationReport(report('2021-12-09 13:45')).KktDetails.FiscalDocumentData.DateTime).toBe('2021-12-09T13:45:00');
    expect(checkRegistrationReport(report('2021-12-09T13:45:07.250')).KktDetails.FiscalDocumentData.DateTime).toBe('2021-12-09T13:45:07');
  });

  it('refuses a zone offset: the spec format has none, and guessing would move the time', () => {
    for (const DateTime of ['2021-12-09T13:45:00Z', '2021-12-09T13:45:00+03:00', '2021-12-09T13:45+0300']) {
      expect(code(() => checkRegistrationReport(report(DateTime))), DateTime).toBe('INVALID_BODY');
    }
  });

  it('FD number is 1..4294967295 without leading zeros; the fiscal sign at most 4294967295, digits kept as printed', () => {
    expect(code(() => checkRegistrationReport(report('2021-12-09T13:45', '0')))).toBe('INVALID_BODY');
    expect(code(() => checkRegistrationReport(report('2021-12-09T13:45', '4294967296')))).toBe('INVALID_BODY');
    expect(code(() => checkRegistrationReport(report('2021-12-09T13:45', '1', '9999999999')))).toBe('INVALID_BODY');
    const data = checkRegistrationReport(report('2021-12-09T13:45', '0042', '0123456789')).KktDetails.FiscalDocumentData;
    expect(data).toEqual({ DateTime: '2021-12-09T13:45:00', DocumentNumber: '42', Signature: '0123456789' });
  });
});
