/** The element's parts that need no OFD: XML fields, identity rules, the report form, polling, catalogues. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApplicationContent } from '../../src/mock-ofd/application-xml.js';
import { DEMO_COMPANY, DEMO_ENTREPRENEUR, DEMO_KKT, OTHER_COMPANY } from '../../src/testing/demo-identity.js';
import { decodeDocumentXml, documentKeyFields } from '../../src/widget/document-fields.js';
import type { Application, CompanyDetails } from '../../src/api/types.js';
import type { DistinguishedName } from '../../src/cms/types.js';
import { checkSignerIdentity, signerNamesFrom } from '../../src/widget/signer-identity.js';
import { validateRegistrationReport } from '../../src/widget/registration-report-form.js';
import { ApplicationRunner } from '../../src/widget/journey/runner.js';
import type { OfdClientPort } from '../../src/widget/ports.js';
import { SignOutcomeUnknownError } from '../../src/api/errors/index.js';
import { UserCancelledError } from '../../src/plugin/errors/index.js';
import { pluginMessages } from '../../src/plugin/messages.js';
import { WidgetError, type WidgetErrorCode } from '../../src/widget/errors/widget-error.js';
import { en } from '../../src/widget/i18n/en.js';
import { describeProblem, loadLanguage, messages, resolveLang } from '../../src/widget/i18n/index.js';
import { ru } from '../../src/widget/i18n/ru.js';

// ---- document-fields ----
const kkt = {
  Model: DEMO_KKT.model,
  SerialNumber: DEMO_KKT.serialNumber,
  FnName: DEMO_KKT.fnModel,
  FnNumber: DEMO_KKT.fnNumber,
  InstallmentAddress: { FullAddress: DEMO_KKT.address },
  OfdInn: '7704358518',
  OfdName: 'ООО «ОФД»',
};
const signer = { LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Генеральный директор' };

describe('what the director reads before signing', () => {
  it('decodes the windows-1251 XML and shows company, ИНН/КПП, register, fiscal drive and address', () => {
    const { content } = buildApplicationContent({
      variant: 'registration',
      fileId: 'f1',
      knd: '1110061',
      date: '01.01.2026',
      company: { CompanyType: 'LegalEntity', CompanyName: DEMO_COMPANY.name, Inn: DEMO_COMPANY.inn, Kpp: DEMO_COMPANY.kpp, Ogrn: DEMO_COMPANY.ogrn },
      kkt,
      signer,
    });
    const xml = decodeDocumentXml(content);
    expect(xml).toContain('encoding="windows-1251"');
    expect(xml).toContain('Романова');
    expect(documentKeyFields(xml)).toEqual({
      company: DEMO_COMPANY.name,
      inn: DEMO_COMPANY.inn,
      kpp: DEMO_COMPANY.kpp,
      kktModel: DEMO_KKT.model,
      kktSerial: DEMO_KKT.serialNumber,
      fnNumber: DEMO_KKT.fnNumber,
      address: DEMO_KKT.address,
    });
  });

  it("shows an entrepreneur's own name and 12-digit ИНН, not the OFD's", () => {
    const { content } = buildApplicationContent({
      variant: 'registration',
      fileId: 'f2',
      knd: '1110061',
      date: '01.01.2026',
      company: { CompanyType: 'PrivateEntrepreneur', CompanyName: DEMO_ENTREPRENEUR.name, Inn: DEMO_ENTREPRENEUR.inn, Ogrn: DEMO_ENTREPRENEUR.ogrnip },
      kkt,
      signer,
    });
    const fields = documentKeyFields(decodeDocumentXml(content));
    expect(fields.company).toBe(DEMO_ENTREPRENEUR.name);
    expect(fields.inn).toBe(DEMO_ENTREPRENEUR.inn);
  });

  it('reads character references and skips fields a form does not have', () => {
    const xml = '<?xml version="1.0" encoding="windows-1251"?><Файл><СвЮЛ НаимОрг="ООО &quot;Ёж&quot; &#x2116;1" ИННЮЛ="7701234560"/></Файл>';
    expect(documentKeyFields(xml)).toEqual({ company: 'ООО "Ёж" №1', inn: '7701234560' });
  });
});

// ---- signer-identity ----
const dn = (fields: Partial<DistinguishedName>): DistinguishedName => ({ attributes: [], text: '', ...fields });
const director = dn({
  SN: 'Романова', G: 'Анна Сергеевна', T: 'Генеральный директор', O: DEMO_COMPANY.name,
  INNLE: DEMO_COMPANY.inn, OGRN: DEMO_COMPANY.ogrn, INN: DEMO_COMPANY.director.personalInn,
});
const company: CompanyDetails = {
  CompanyType: 'LegalEntity', Inn: DEMO_COMPANY.inn, Ogrn: DEMO_COMPANY.ogrn,
  Director: { LastName: 'Романова', FirstName: 'Анна', MiddleName: 'Сергеевна' },
};

describe('who may sign this application', () => {
  it("lets the company's director sign", () => {
    expect(checkSignerIdentity(director, company)).toEqual({ problems: [], representative: false });
  });

  it('ignores case and ё/е in names', () => {
    expect(checkSignerIdentity({ ...director, SN: 'РОМАНОВА' }, { ...company, Director: { LastName: 'романова', FirstName: 'АННА' } }).problems).toEqual([]);
  });

  it("stops another company's certificate", () => {
    const other = dn({ ...director, INNLE: OTHER_COMPANY.inn, OGRN: OTHER_COMPANY.ogrn });
    expect(checkSignerIdentity(other, company).problems).toEqual(['IDENTITY_COMPANY_MISMATCH']);
  });

  it('accepts the 10-digit company INN older CAs put into INN', () => {
    expect(checkSignerIdentity(dn({ ...director, INNLE: undefined, INN: DEMO_COMPANY.inn }), company).problems).toEqual([]);
  });

  it("stops a private person's certificate for a company", () => {
    expect(checkSignerIdentity(dn({ SN: 'Романова', G: 'Анна Сергеевна', INN: DEMO_COMPANY.director.personalInn }), company).problems).toEqual([
      'IDENTITY_NO_COMPANY_DATA',
    ]);
  });

  it('stops an employee who is not the director unless the application carries an МЧД', () => {
    const accountant = dn({ ...director, SN: 'Петрова', G: 'Мария Ивановна', T: 'Главный бухгалтер' });
    expect(checkSignerIdentity(accountant, company).problems).toEqual(['IDENTITY_NOT_DIRECTOR']);
    const withPoa = { ...company, Signatory: { IsRepresent: true, RepresentativeDetails: { Number: 'МЧД-1', EvaluateDate: '2026-01-01', DocId: 'x' } } };
    expect(checkSignerIdentity(accountant, withPoa)).toEqual({ problems: [], representative: true });
  });

  it("checks an entrepreneur's personal INN and OGRNIP", () => {
    const ip: CompanyDetails = {
      CompanyType: 'PrivateEntrepreneur', Inn: DEMO_ENTREPRENEUR.inn, Ogrn: DEMO_ENTREPRENEUR.ogrnip,
      Director: { LastName: 'Иванов', FirstName: 'Пётр' },
    };
    const own = dn({ SN: 'Иванов', G: 'Пётр Алексеевич', INN: DEMO_ENTREPRENEUR.inn, OGRNIP: DEMO_ENTREPRENEUR.ogrnip });
    expect(checkSignerIdentity(own, ip).problems).toEqual([]);
    expect(checkSignerIdentity({ ...own, OGRNIP: '304770012345666' }, ip).problems).toEqual(['IDENTITY_ENTREPRENEUR_MISMATCH']);
  });

  it('takes LastName, GivenName and Position for prepareDocuments from SN, G and T', () => {
    expect(signerNamesFrom(director)).toEqual({ LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Генеральный директор' });
  });
});

// ---- registration-report-form ----
const now = new Date('2026-03-01T12:00:00');

describe('the registration report form', () => {
  it('accepts what the cash register printed and normalises it', () => {
    // Printed in Moscow (UTC+3): Table 13.2 (l.970) wants UTC.
    expect(validateRegistrationReport({ dateTime: '2026-03-01T10:15', documentNumber: '0001', fiscalSign: ' 3826481913 ', utcOffsetMinutes: 180 }, now)).toEqual({
      errors: {},
      printed: '2026-03-01T10:15:00',
      report: { dateTime: '2026-03-01T07:15:00', documentNumber: '1', fiscalSign: '3826481913' },
    });
  });

  it('reads the date as the report prints it', () => {
    for (const printed of ['01.03.2026 10:15', '1.3.26 10:15', '01.03.2026, 10:15:00', '2026-03-01T10:15:00']) {
      expect(validateRegistrationReport({ dateTime: printed, documentNumber: '1', fiscalSign: '1', utcOffsetMinutes: 0 }, now).report?.dateTime, printed).toBe('2026-03-01T10:15:00');
    }
    expect(validateRegistrationReport({ dateTime: '31.02.2026 10:00', documentNumber: '1', fiscalSign: '1' }, now).errors.dateTime).toBe('REPORT_DATE_INVALID');
  });

  it('says which field is wrong', () => {
    const v = validateRegistrationReport({ dateTime: '', documentNumber: '0', fiscalSign: '4294967296' }, now);
    expect(v.report).toBeUndefined();
    expect(v.errors).toEqual({ dateTime: 'REPORT_DATE_INVALID', documentNumber: 'REPORT_NUMBER_INVALID', fiscalSign: 'REPORT_SIGN_INVALID' });
  });

  it('refuses a report from the future and letters in numbers', () => {
    const v = validateRegistrationReport({ dateTime: '2026-03-02T10:00', documentNumber: '12a', fiscalSign: '1' }, now);
    expect(v.errors).toEqual({ dateTime: 'REPORT_DATE_FUTURE', documentNumber: 'REPORT_NUMBER_INVALID' });
  });
});

// ---- status polling (the runner carrying out the machine's poll effects) ----
afterEach(() => vi.useRealTimers());

function pollingRunner(statuses: string[], timing: { initialMs: number; maxMs: number }, doc?: Document) {
  const at: number[] = [];
  const start = Date.now();
  const client = {
    async getApplication(id: string) {
      at.push(Date.now() - start);
      const Status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      return { Id: id, Stage: 'Initialization', Status, Documents: [], ResultDocs: [], CompanyDetails: {}, KktDetails: {} } as unknown as Application;
    },
  } as unknown as OfdClientPort;
  const runner = new ApplicationRunner('a', timing, { client, document: doc, changed: () => undefined, notify: () => undefined });
  runner.dispatch({ type: 'start' });
  return { at, runner };
}

describe('status polling', () => {
  it('backs off while nothing changes and starts over after a change; stops at the end', async () => {
    vi.useFakeTimers();
    const { at, runner } = pollingRunner(['SentToFns', 'SentToFns', 'AwaitingAutoFinalization', 'AwaitingAutoFinalization', 'Approved'], { initialMs: 100, maxMs: 1000 });
    await vi.advanceTimersByTimeAsync(5000);
    // 0: first read; +100; ×1.6 → +160; changed → +100; ×1.6 → +160: Approved, no more reads.
    expect(at).toEqual([0, 100, 260, 360, 520]);
    expect(runner.state.phase).toBe('approved');
  });

  it('does not poll while the tab is hidden and polls at once when it is shown again', async () => {
    vi.useFakeTimers();
    let visibility: DocumentVisibilityState = 'visible';
    const target = new EventTarget();
    const doc = Object.defineProperty(target, 'visibilityState', { get: () => visibility }) as unknown as Document;
    const { at, runner } = pollingRunner(['SentToFns'], { initialMs: 100, maxMs: 100 }, doc);
    await vi.advanceTimersByTimeAsync(250);
    expect(at).toHaveLength(3);
    visibility = 'hidden';
    target.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(at).toHaveLength(3);
    visibility = 'visible';
    target.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(at).toHaveLength(4);
    runner.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(at).toHaveLength(4);
  });
});

// ---- i18n ----
const WIDGET_CODES: WidgetErrorCode[] = [
  'MISSING_APPLICATION', 'MISSING_TICKET', 'SIGNATURE_NOT_CMS', 'SIGNATURE_SIGNER_COUNT', 'SIGNATURE_WRONG_CERTIFICATE',
  'SIGNATURE_WRONG_CONTENT', 'NO_DOCUMENTS', 'DOCUMENTS_CHANGED', 'CONTENT_MODE_UNSUPPORTED', 'SIGN_OUTCOME_UNRESOLVED', 'UNEXPECTED',
];

function keysDeep(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysDeep(v, `${prefix}.${k}`));
}

describe('catalogues', () => {
  beforeAll(() => loadLanguage('en'));

  it('Russian and English say the same things', () => {
    expect(keysDeep(en).sort()).toEqual(keysDeep(ru).sort());
    expect(en.stages).toHaveLength(ru.stages.length);
  });

  it('every error code of the element has a sentence in both languages, different from the fallback', () => {
    for (const lang of ['ru', 'en'] as const) {
      for (const code of WIDGET_CODES) {
        const { message } = describeProblem(new WidgetError(code), lang);
        expect(message.length, `${lang} ${code}`).toBeGreaterThan(20);
        if (code !== 'UNEXPECTED') expect(message).not.toBe(messages(lang).errors.UNEXPECTED);
      }
    }
  });

  it("uses the plug-in's and the API's own sentences for their errors", () => {
    for (const lang of ['ru', 'en'] as const) {
      expect(describeProblem(new UserCancelledError(), lang)).toEqual({ code: 'USER_CANCELLED', message: pluginMessages[lang].USER_CANCELLED });
      const unknown = describeProblem(new SignOutcomeUnknownError('a', 'd', new Error('reset')), lang);
      expect(unknown.code).toBe('SIGN_OUTCOME_UNKNOWN');
      expect(unknown.message).toMatch(lang === 'ru' ? /Не подписывайте заново/ : /Do not sign again/);
    }
    expect(describeProblem(new TypeError('x'), 'en')).toEqual({ code: 'UNEXPECTED', message: en.errors.UNEXPECTED });
  });

  it('takes the language from the attribute, then the page, and defaults to Russian', () => {
    document.body.innerHTML = '<div lang="en-GB"><span id="x"></span></div>';
    expect(resolveLang('ru', document.getElementById('x')!)).toBe('ru');
    expect(resolveLang(null, document.getElementById('x')!)).toBe('en');
    expect(resolveLang(null, document.body)).toBe('ru');
  });
});
