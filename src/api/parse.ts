/**
 * Hand-written checks at the OFD boundary: JSON in, typed values out, a ShapeError naming the field otherwise.
 * Lenient where OFD is inconsistent (numbers where the table says string, null for absent), strict on what
 * the signer branches on (Id, Status, Stage, Purpose, document ids).
 */
import { ShapeError } from './errors/shape-error.js';
import {
  APPLICATION_PURPOSES,
  APPLICATION_STAGES,
  APPLICATION_STATUSES,
  RESULT_DOC_TYPES,
  SIMPLIFIED_STATUSES,
} from './constants.js';
import type {
  Address,
  Application,
  ApplicationDocument,
  ApplicationStage,
  ApplicationStatus,
  AutomaticDevice,
  CompanyDetails,
  FiscalDocumentData,
  FnReportDetails,
  KktDetails,
  PersonName,
  PrepareDocumentsRequest,
  RegistrationReportRequest,
  RepresentativeDetails,
  ResultDoc,
  ResultDocType,
  SignRequest,
  Signatory,
  SimplifiedStatus,
} from './types.js';

type JsonObject = Record<string, unknown>;

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, path: string): JsonObject {
  if (!isObject(v)) throw new ShapeError(path, 'an object');
  return v;
}

function optionalObject(v: unknown, path: string): JsonObject | undefined {
  return v === undefined || v === null ? undefined : object(v, path);
}

function string(v: unknown, path: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new ShapeError(path, 'a string');
}

function optionalString(v: unknown, path: string): string | undefined {
  return v === undefined || v === null ? undefined : string(v, path);
}

function optionalBoolean(v: unknown, path: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ShapeError(path, 'a boolean');
  return v;
}

function optionalNumber(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw new ShapeError(path, 'a number');
}

function optionalArray(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ShapeError(path, 'an array');
  return v;
}

/** Flag sets like UsageMode: keep the boolean entries, ignore anything else. */
function optionalFlags(v: unknown, path: string): Record<string, boolean> | undefined {
  const o = optionalObject(v, path);
  if (!o) return undefined;
  const flags: Record<string, boolean> = {};
  for (const [k, value] of Object.entries(o)) if (typeof value === 'boolean') flags[k] = value;
  return flags;
}

/** Copy only defined values, so parsed objects have no `key: undefined` noise. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * An enumeration value as OFD spells it, or in another casing / with spaces around it (the spec's tables and
 * examples agree on the spelling, but nothing promises the casing): the canonical spelling, or undefined.
 */
export function canonicalValue<T extends string>(values: readonly T[], v: unknown): T | undefined {
  if (typeof v !== 'string') return undefined;
  const wanted = v.trim().toLowerCase();
  return values.find((value) => value.toLowerCase() === wanted);
}

function oneOf<T extends string>(values: readonly T[], v: unknown, path: string): T {
  const s = canonicalValue(values, string(v, path));
  if (s === undefined) throw new ShapeError(path, `one of ${values.join(', ')}`);
  return s;
}

export const isApplicationStatus = (v: unknown): v is ApplicationStatus =>
  typeof v === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(v);
export const isApplicationStage = (v: unknown): v is ApplicationStage =>
  typeof v === 'string' && (APPLICATION_STAGES as readonly string[]).includes(v);

function parseAddress(v: unknown, path: string): Address | undefined {
  const o = optionalObject(v, path);
  if (!o) return undefined;
  const keys = [
    'PostalCode', 'RegionCode', 'Region', 'Settlement', 'City', 'Street',
    'HouseNumber', 'Building', 'Office', 'FiasCode', 'FullAddress',
  ] as const;
  const address: Address = {};
  for (const k of keys) address[k] = optionalString(o[k], join(path, k));
  return compact(address);
}

function parsePersonName(v: unknown, path: string): PersonName | undefined {
  const o = optionalObject(v, path);
  if (!o) return undefined;
  return compact({
    FirstName: optionalString(o.FirstName, join(path, 'FirstName')),
    LastName: optionalString(o.LastName, join(path, 'LastName')),
    MiddleName: optionalString(o.MiddleName, join(path, 'MiddleName')),
  });
}

function parseRepresentative(v: unknown, path: string): RepresentativeDetails | undefined {
  const o = optionalObject(v, path);
  if (!o) return undefined;
  return compact({
    Number: optionalString(o.Number, join(path, 'Number')),
    EvaluateDate: optionalString(o.EvaluateDate, join(path, 'EvaluateDate')),
    DocId: optionalString(o.DocId, join(path, 'DocId')),
  });
}

function parseSignatory(v: unknown, path: string): Signatory | undefined {
  const o = optionalObject(v, path);
  if (!o) return undefined;
  return compact({
    Name: optionalString(o.Name, join(path, 'Name')),
    Position: optionalString(o.Position, join(path, 'Position')),
    Email: optionalString(o.Email, join(path, 'Email')),
    Phone: optionalString(o.Phone, join(path, 'Phone')),
    IsRepresent: optionalBoolean(o.IsRepresent, join(path, 'IsRepresent')),
    RepresentativeDetails: parseRepresentative(o.RepresentativeDetails, join(path, 'RepresentativeDetails')),
  });
}

export function parseCompanyDetails(v: unknown, path = 'CompanyDetails'): CompanyDetails {
  const o = optionalObject(v, path) ?? {};
  return compact({
    CompanyType: optionalString(o.CompanyType, join(path, 'CompanyType')),
    Director: parsePersonName(o.Director, join(path, 'Director')),
    FnsBranchCode: optionalString(o.FnsBranchCode, join(path, 'FnsBranchCode')),
    LegalAddress: parseAddress(o.LegalAddress, join(path, 'LegalAddress')),
    Inn: optionalString(o.Inn, join(path, 'Inn')),
    Ogrn: optionalString(o.Ogrn, join(path, 'Ogrn')),
    Kpp: optionalString(o.Kpp, join(path, 'Kpp')),
    CompanyName: optionalString(o.CompanyName, join(path, 'CompanyName')),
    Signatory: parseSignatory(o.Signatory, join(path, 'Signatory')),
  });
}

function parseFiscalDocumentData(v: unknown, path: string): FiscalDocumentData | undefined {
  const o = optionalObject(v, path);
  if (!o) return undefined;
  return compact({
    DateTime: optionalString(o.DateTime, join(path, 'DateTime')),
    DocumentNumber: optionalString(o.DocumentNumber, join(path, 'DocumentNumber')),
    Signature: optionalString(o.Signature, join(path, 'Signature')),
  });
}

function parseFnReport(v: unknown, path: string): FnReportDetails | undefined {
  const o = optionalObject(v, path);
  if (!o) return undefined;
  return compact({
    FdDateTime: optionalString(o.FdDateTime, join(path, 'FdDateTime')),
    FdNumber: optionalString(o.FdNumber, join(path, 'FdNumber')),
    FpValue: optionalString(o.FpValue, join(path, 'FpValue')),
  });
}

export function parseKktDetails(v: unknown, path = 'KktDetails'): KktDetails {
  const o = optionalObject(v, path) ?? {};
  const s = (k: string) => optionalString(o[k], join(path, k));
  return compact({
    SerialNumber: s('SerialNumber'),
    RegNumber: s('RegNumber'),
    OfdInn: s('OfdInn'),
    OfdName: s('OfdName'),
    FnNumber: s('FnNumber'),
    FnName: s('FnName'),
    Model: s('Model'),
    InstallmentAddress: parseAddress(o.InstallmentAddress, join(path, 'InstallmentAddress')),
    InstallmentPlace: s('InstallmentPlace'),
    UsageMode: optionalFlags(o.UsageMode, join(path, 'UsageMode')),
    ReregistrationReasons: optionalFlags(o.ReregistrationReasons, join(path, 'ReregistrationReasons')),
    UnregistrationReasons: optionalFlags(o.UnregistrationReasons, join(path, 'UnregistrationReasons')),
    FiscalDocumentData: parseFiscalDocumentData(o.FiscalDocumentData, join(path, 'FiscalDocumentData')),
    FnsBranchCode: s('FnsBranchCode'),
    ClosedFnDetails: parseFnReport(o.ClosedFnDetails, join(path, 'ClosedFnDetails')),
    InstalledFnDetails: parseFnReport(o.InstalledFnDetails, join(path, 'InstalledFnDetails')),
    FormatVersion: optionalNumber(o.FormatVersion, join(path, 'FormatVersion')),
    FnType: optionalNumber(o.FnType, join(path, 'FnType')),
  });
}

function parseAutomaticDevice(v: unknown, path: string): AutomaticDevice {
  const o = object(v, path);
  return compact({
    InstallmentAddress: parseAddress(o.InstallmentAddress, join(path, 'InstallmentAddress')),
    InstallmentPlace: optionalString(o.InstallmentPlace, join(path, 'InstallmentPlace')),
    DeviceNumber: optionalString(o.DeviceNumber, join(path, 'DeviceNumber')),
  });
}

export function parseApplicationDocument(v: unknown, path = 'Document'): ApplicationDocument {
  const o = object(v, path);
  const id = string(o.Id, join(path, 'Id'));
  if (id === '') throw new ShapeError(join(path, 'Id'), 'a non-empty id');
  return compact({
    Id: id,
    Kind: string(o.Kind, join(path, 'Kind')),
    Content: optionalString(o.Content, join(path, 'Content')),
    Signature: optionalString(o.Signature, join(path, 'Signature')) ?? 'Unsigned',
    Description: optionalString(o.Description, join(path, 'Description')),
    FileName: optionalString(o.FileName, join(path, 'FileName')),
  });
}

export function parseResultDoc(v: unknown, path = 'ResultDoc'): ResultDoc {
  const o = object(v, path);
  const rawType = optionalString(o.DocType, join(path, 'DocType'));
  const docType: ResultDocType =
    rawType !== undefined && (RESULT_DOC_TYPES as readonly string[]).includes(rawType)
      ? (rawType as ResultDocType)
      : 'UnKnown';
  return compact({
    KktId: optionalString(o.KktId, join(path, 'KktId')),
    ReportTypeId: optionalString(o.ReportTypeId, join(path, 'ReportTypeId')),
    DocType: docType,
    ConversationUuid: optionalString(o.ConversationUuid, join(path, 'ConversationUuid')),
    ReportSizeInBytes: optionalNumber(o.ReportSizeInBytes, join(path, 'ReportSizeInBytes')),
    FileType: optionalString(o.FileType, join(path, 'FileType')),
    DownloadUri: optionalString(o.DownloadUri, join(path, 'DownloadUri')),
  });
}

/** Check an application (the `Data` of create, edit, prepare, sign and status answers). */
export function parseApplication(json: unknown): Application {
  const o = object(json, '');
  const id = string(o.Id, 'Id');
  if (id === '') throw new ShapeError('Id', 'a non-empty id');
  const rawStatus = string(o.Status, 'Status');
  // Table 13 lists the statuses; another value or casing is kept for the user to see, never a parse failure.
  const known = canonicalValue(APPLICATION_STATUSES, rawStatus);
  const status: ApplicationStatus = known ?? 'UnknownError';
  const rawPurpose = optionalString(o.Purpose, 'Purpose');
  const purpose = canonicalValue(APPLICATION_PURPOSES, rawPurpose);
  const rawStage = optionalString(o.Stage, 'Stage');
  const stage = canonicalValue(APPLICATION_STAGES, rawStage);
  const app: Application = {
    Id: id,
    // Purpose and Stage as Table 13 spells them, in any casing; otherwise the defaults of a new application
    // with the value as sent kept beside them (the signer then decides nothing on them).
    Purpose: purpose ?? 'InitialRegistration',
    RawPurpose: purpose ? undefined : (rawPurpose ?? ''),
    Stage: stage ?? 'Initialization',
    RawStage: stage ? undefined : (rawStage ?? ''),
    Status: status,
    RawStatus: known === undefined ? rawStatus : undefined,
    StatusReason: optionalString(o.StatusReason, 'StatusReason'),
    StatusChangeDateUtc: optionalString(o.StatusChangeDateUtc, 'StatusChangeDateUtc'),
    CompanyDetails: parseCompanyDetails(o.CompanyDetails),
    KktDetails: parseKktDetails(o.KktDetails),
    AutomaticDevices: optionalArray(o.AutomaticDevices, 'AutomaticDevices').map((d, i) =>
      parseAutomaticDevice(d, join('AutomaticDevices', i)),
    ),
    Documents: optionalArray(o.Documents, 'Documents').map((d, i) =>
      parseApplicationDocument(d, join('Documents', i)),
    ),
    ResultDocs: optionalArray(o.ResultDocs, 'ResultDocs').map((d, i) => parseResultDoc(d, join('ResultDocs', i))),
    DownloadUri: optionalString(o.DownloadUri, 'DownloadUri'),
    CanDelete: optionalBoolean(o.CanDelete, 'CanDelete'),
    KktAgreementId: optionalString(o.KktAgreementId, 'KktAgreementId'),
    OfdAgreementId: optionalString(o.OfdAgreementId, 'OfdAgreementId'),
    UserAccountId: optionalString(o.UserAccountId, 'UserAccountId'),
    CDateUtc: optionalString(o.CDateUtc, 'CDateUtc'),
    UDateUtc: optionalString(o.UDateUtc, 'UDateUtc'),
    CanBeAutomaticDevice: optionalBoolean(o.CanBeAutomaticDevice, 'CanBeAutomaticDevice'),
  };
  return compact(app);
}

export function parseSimplifiedStatus(json: unknown): SimplifiedStatus {
  const o = object(json, '');
  return compact({
    Status: oneOf(SIMPLIFIED_STATUSES, o.Status, 'Status'),
    DownloadUrl: optionalString(o.DownloadUrl, 'DownloadUrl'),
  });
}

// ----- request bodies, for the proxy and the mock -----

export function parsePrepareDocumentsRequest(json: unknown): PrepareDocumentsRequest {
  const o = object(json, '');
  return {
    LastName: string(o.LastName, 'LastName'),
    GivenName: string(o.GivenName, 'GivenName'),
    Position: string(o.Position, 'Position'),
  };
}

export function parseSignRequest(json: unknown): SignRequest {
  const o = object(json, '');
  if (typeof o.DocumentId !== 'string') throw new ShapeError('DocumentId', 'a string');
  if (typeof o.Signature !== 'string') throw new ShapeError('Signature', 'a string');
  return { DocumentId: o.DocumentId, Signature: o.Signature };
}

export function parseRegistrationReportRequest(json: unknown): RegistrationReportRequest {
  const o = object(json, '');
  const kkt = object(o.KktDetails, 'KktDetails');
  const path = 'KktDetails.FiscalDocumentData';
  const fdd = object(kkt.FiscalDocumentData, path);
  return {
    KktDetails: {
      FiscalDocumentData: {
        DateTime: string(fdd.DateTime, join(path, 'DateTime')),
        DocumentNumber: string(fdd.DocumentNumber, join(path, 'DocumentNumber')),
        Signature: string(fdd.Signature, join(path, 'Signature')),
      },
    },
  };
}
