/**
 * Creating (7.1, 7.1.1) and editing (7.9) applications: the required-field errors of Table 17, the checks of
 * Table 27, and the company data the real service fills in from its registries (here: the demo identities).
 */
import { parseCompanyDetails, parseKktDetails } from '../api/parse.js';
import { ShapeError } from '../api/errors/shape-error.js';
import {
  APPLICATION_PURPOSES,
  type ApplicationPurpose,
  type AutomaticDevice,
  type CompanyDetails,
  type FiscalDocumentData,
  type KktDetails,
  type RepresentativeDetails,
} from '../api/types.js';
import { DEMO_COMPANY, DEMO_ENTREPRENEUR, OTHER_COMPANY } from '../testing/demo-identity.js';
import { MSG, validation } from './errors.js';

/** OFD.ru's own details, which the KktDetails of an application carry. */
export const OFD_INN = '7841465198';
export const OFD_NAME = 'Общество с ограниченной ответственностью «ПЕТЕР-СЕРВИС Спецтехнологии»';

type LegalIdentity = typeof DEMO_COMPANY | typeof OTHER_COMPANY;

function legalEntity(c: LegalIdentity): CompanyDetails {
  return {
    CompanyType: 'LegalEntity',
    CompanyName: c.name,
    Inn: c.inn,
    Ogrn: c.ogrn,
    Kpp: c.kpp,
    FnsBranchCode: c.inn.slice(0, 4),
    LegalAddress: { FullAddress: c.address },
    Director: { FirstName: c.director.firstName, LastName: c.director.lastName, MiddleName: c.director.middleName },
    Signatory: {
      Name: `${c.director.lastName} ${c.director.firstName} ${c.director.middleName}`,
      Position: c.director.title,
      Email: c.director.email,
      IsRepresent: false,
    },
  };
}

/** What the mock "finds in the registries" by INN. */
const KNOWN_COMPANIES: Record<string, CompanyDetails> = {
  [DEMO_COMPANY.inn]: legalEntity(DEMO_COMPANY),
  [OTHER_COMPANY.inn]: legalEntity(OTHER_COMPANY),
  [DEMO_ENTREPRENEUR.inn]: {
    CompanyType: 'PrivateEntrepreneur',
    CompanyName: DEMO_ENTREPRENEUR.name,
    Inn: DEMO_ENTREPRENEUR.inn,
    Ogrn: DEMO_ENTREPRENEUR.ogrnip,
    FnsBranchCode: DEMO_ENTREPRENEUR.inn.slice(0, 4),
    LegalAddress: { FullAddress: DEMO_ENTREPRENEUR.address },
    Director: {
      FirstName: DEMO_ENTREPRENEUR.person.firstName,
      LastName: DEMO_ENTREPRENEUR.person.lastName,
      MiddleName: DEMO_ENTREPRENEUR.person.middleName,
    },
    Signatory: { Name: DEMO_ENTREPRENEUR.name.replace(/^ИП /, ''), Position: 'Индивидуальный предприниматель', IsRepresent: false },
  },
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Run a boundary parser, turning a shape problem into OFD's ValidationError. */
function shaped<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ShapeError) throw validation(`Некорректное значение поля ${e.path}`);
    throw e;
  }
}

function mergeDefined<T extends object>(base: T, patch: T): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = isObject(v) && isObject(out[k]) ? mergeDefined(out[k] as object, v) : v;
  }
  return out as T;
}

function representativeOf(company: Record<string, unknown>): RepresentativeDetails | undefined {
  const signatory = isObject(company.Signatory) ? company.Signatory : {};
  const raw = company.RepresentativeDetails ?? signatory.RepresentativeDetails;
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw validation(MSG.noRepresentative);
  const details = shaped(() => parseCompanyDetails({ Signatory: { RepresentativeDetails: raw } }).Signatory?.RepresentativeDetails);
  if (!details?.Number || !details.EvaluateDate || !details.DocId) throw validation(MSG.noRepresentative);
  return details;
}

const hasTrue = (flags: Record<string, boolean> | undefined) => Object.values(flags ?? {}).some((v) => v);
const hasFnReport = (r: { FdNumber?: string; FpValue?: string } | undefined) => Boolean(r?.FdNumber && r.FpValue);

export interface NewApplication {
  purpose: ApplicationPurpose;
  company: CompanyDetails;
  kkt: KktDetails;
  automaticDevices: AutomaticDevice[];
}

/** Validate a create body (Table 17) and build the application's data. */
export function validateCreate(body: unknown): NewApplication {
  if (!isObject(body)) throw validation(MSG.badJson);
  const purpose = body.Purpose;
  if (typeof purpose !== 'string' || purpose === '') throw validation(MSG.noPurpose);
  if (!(APPLICATION_PURPOSES as readonly string[]).includes(purpose)) throw validation(`Неизвестное назначение заявки: ${purpose}`);
  const companyRaw = isObject(body.CompanyDetails) ? body.CompanyDetails : {};
  const requested = shaped(() => parseCompanyDetails(companyRaw));
  const errors: string[] = [];
  if (!requested.Inn) errors.push(MSG.noInn);
  if (!isObject(body.KktDetails)) errors.push(MSG.noKkt);
  if (errors.length > 0) throw validation(...errors);

  const kkt = shaped(() => parseKktDetails(body.KktDetails));
  if (purpose !== 'Unregistration' && !/^\d{16}$/.test(kkt.FnNumber ?? '')) errors.push(MSG.noFnModel);
  if (purpose === 'Reregistration') {
    if (!hasTrue(kkt.ReregistrationReasons)) errors.push(MSG.noReregReason);
    if (kkt.ReregistrationReasons?.FnChanged && !hasFnReport(kkt.ClosedFnDetails)) errors.push(MSG.noClosedFn);
    if (kkt.ReregistrationReasons?.FnChanged && !hasFnReport(kkt.InstalledFnDetails)) errors.push(MSG.noReregReport);
  }
  if (errors.length > 0) throw validation(...errors);

  const representative = representativeOf(companyRaw);
  const known = KNOWN_COMPANIES[requested.Inn!];
  const { Signatory: requestedSignatory, ...requestedRest } = requested;
  let company: CompanyDetails = mergeDefined<CompanyDetails>(known ? structuredClone(known) : { CompanyType: requested.Inn!.length === 12 ? 'PrivateEntrepreneur' : 'LegalEntity' }, requestedRest);
  if (requestedSignatory) company = { ...company, Signatory: mergeDefined(company.Signatory ?? {}, requestedSignatory) };
  if (representative) {
    // Someone other than the director signs, under a power of attorney (7.1.1).
    company.Signatory = { ...company.Signatory, IsRepresent: true, RepresentativeDetails: representative };
  }
  const fullKkt: KktDetails = {
    OfdInn: OFD_INN,
    OfdName: OFD_NAME,
    FnsBranchCode: company.FnsBranchCode,
    ...kkt,
    FnName: kkt.FnName ?? (kkt.FnNumber ? `Фискальный накопитель ${kkt.FnNumber.slice(0, 4)}` : undefined),
  };
  if (fullKkt.FnName === undefined) delete fullKkt.FnName;
  if (fullKkt.FnsBranchCode === undefined) delete fullKkt.FnsBranchCode;
  const devices = Array.isArray(body.AutomaticDevices) ? (body.AutomaticDevices as AutomaticDevice[]) : [];
  return { purpose: purpose as ApplicationPurpose, company, kkt: fullKkt, automaticDevices: devices };
}

const MAX_FD_LENGTH = 10;

/** Table 27 checks on registration report data; `todayMoscow` is `YYYY-MM-DD`. */
export function validateFiscalDocumentData(data: FiscalDocumentData, todayMoscow: string, requireAll: boolean): void {
  const errors: string[] = [];
  if (requireAll && (!data.DateTime || !data.DocumentNumber || !data.Signature)) throw validation(MSG.noRegistrationReport);
  if (data.DocumentNumber !== undefined && data.DocumentNumber.length > MAX_FD_LENGTH) errors.push(MSG.fdNumberTooLong(MAX_FD_LENGTH));
  if (data.Signature !== undefined && data.Signature.length > MAX_FD_LENGTH) errors.push(MSG.fpTooLong(MAX_FD_LENGTH));
  if (errors.length === 0 && [data.DocumentNumber, data.Signature].some((v) => v !== undefined && !/^\d+$/.test(v))) {
    errors.push(MSG.reportDigitsOnly);
  }
  if (data.DateTime !== undefined) {
    // ISO 8601 without an offset (footnote l.6132), to the second as every example writes it (l.3413, l.3503).
    const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?$/.exec(data.DateTime);
    if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`))) errors.push(MSG.badReportDate);
    else if (m[1]! > todayMoscow) errors.push(MSG.dateInFuture);
  }
  if (errors.length > 0) throw validation(...errors);
}

/** Merge an edit (7.9) into the application. */
export function applyEdit(
  current: { company: CompanyDetails; kkt: KktDetails; automaticDevices: AutomaticDevice[] },
  body: unknown,
  todayMoscow: string,
): void {
  if (!isObject(body)) throw validation(MSG.badJson);
  if (body.CompanyDetails !== undefined) {
    current.company = mergeDefined(current.company, shaped(() => parseCompanyDetails(body.CompanyDetails)));
  }
  if (body.KktDetails !== undefined) {
    const kkt = shaped(() => parseKktDetails(body.KktDetails));
    if (kkt.FiscalDocumentData) validateFiscalDocumentData(kkt.FiscalDocumentData, todayMoscow, false);
    current.kkt = mergeDefined(current.kkt, kkt);
  }
  if (Array.isArray(body.AutomaticDevices)) current.automaticDevices = body.AutomaticDevices as AutomaticDevice[];
}

/** `YYYY-MM-DD` in Moscow (UTC+3, no DST): "today" for the cash register's report. */
export function moscowDate(ms: number): string {
  return new Date(ms + 3 * 3600_000).toISOString().slice(0, 10);
}
