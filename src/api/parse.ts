/**
 * Hand-written checks at the OFD boundary: JSON in, typed values out, a ShapeError naming the field otherwise.
 * Each object is a table of its fields and their readers (one reader per kind of value, written once).
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
  Application,
  ApplicationDocument,
  ApplicationStage,
  ApplicationStatus,
  AutomaticDevice,
  CompanyDetails,
  KktDetails,
  PrepareDocumentsRequest,
  RegistrationReportRequest,
  ResultDoc,
  ResultDocType,
  SignRequest,
  SimplifiedStatus,
} from './types.js';

type JsonObject = Record<string, unknown>;
/** Reads one field: its value as sent and its path (for the ShapeError); undefined leaves the key out. */
type Field = (v: unknown, path: string) => unknown;
type Shape = Record<string, Field>;

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** OFD sends null for absent as often as it leaves a field out. */
const optional =
  <T>(read: (v: unknown, path: string) => T) =>
  (v: unknown, path: string): T | undefined =>
    v === undefined || v === null ? undefined : read(v, path);

function object(v: unknown, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(path, 'an object');
  return v as JsonObject;
}

function string(v: unknown, path: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new ShapeError(path, 'a string');
}

function id(v: unknown, path: string): string {
  const s = string(v, path);
  if (s === '') throw new ShapeError(path, 'a non-empty id');
  return s;
}

const optionalString = optional(string);

const optionalBoolean = optional((v, path) => {
  if (typeof v !== 'boolean') throw new ShapeError(path, 'a boolean');
  return v;
});

const optionalNumber = optional((v, path) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw new ShapeError(path, 'a number');
});

/** Flag sets like UsageMode: keep the boolean entries, ignore anything else. */
const optionalFlags = optional((v, path) => {
  const flags: Record<string, boolean> = {};
  for (const [k, value] of Object.entries(object(v, path))) if (typeof value === 'boolean') flags[k] = value;
  return flags;
});

/** Absent or null: an empty list. */
function list<T>(v: unknown, path: string, item: (v: unknown, path: string) => T): T[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ShapeError(path, 'an array');
  return v.map((x, i) => item(x, join(path, i)));
}

/** The fields `shape` names, each read by its reader; anything else OFD sends is dropped, absent values leave no key. */
function fields<T>(o: JsonObject, path: string, shape: Shape): T {
  const out: JsonObject = {};
  for (const key in shape) {
    const value = shape[key]!(o[key], join(path, key));
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/** A nested object of `shape`; absent or null: no key. */
const record = (shape: Shape) => optional((v, path) => fields(object(v, path), path, shape));

/** One reader for several fields: `each('A B', read)` is `{ A: read, B: read }`. */
const each = (names: string, read: Field): Shape => Object.fromEntries(names.split(' ').map((name) => [name, read]));

/**
 * An enumeration value as OFD spells it, or in another casing / with spaces around it (the spec's tables and
 * examples agree on the spelling, but nothing promises the casing): the canonical spelling, or undefined.
 */
export function canonicalValue<T extends string>(values: readonly T[], v: unknown): T | undefined {
  if (typeof v !== 'string') return undefined;
  const wanted = v.trim().toLowerCase();
  return values.find((value) => value.toLowerCase() === wanted);
}

export const isApplicationStatus = (v: unknown): v is ApplicationStatus =>
  typeof v === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(v);
export const isApplicationStage = (v: unknown): v is ApplicationStage =>
  typeof v === 'string' && (APPLICATION_STAGES as readonly string[]).includes(v);

// Lenient where OFD is inconsistent (numbers where the table says string, null for absent).
const ADDRESS = record(
  each('PostalCode RegionCode Region Settlement City Street HouseNumber Building Office FiasCode FullAddress', optionalString),
);
const FN_REPORT = record(each('FdDateTime FdNumber FpValue', optionalString));

const COMPANY_DETAILS: Shape = {
  CompanyType: optionalString,
  Director: record(each('FirstName LastName MiddleName', optionalString)),
  FnsBranchCode: optionalString,
  LegalAddress: ADDRESS,
  ...each('Inn Ogrn Kpp CompanyName', optionalString),
  Signatory: record({
    ...each('Name Position Email Phone', optionalString),
    IsRepresent: optionalBoolean,
    RepresentativeDetails: record(each('Number EvaluateDate DocId', optionalString)),
  }),
};

const KKT_DETAILS: Shape = {
  ...each('SerialNumber RegNumber OfdInn OfdName FnNumber FnName Model', optionalString),
  InstallmentAddress: ADDRESS,
  InstallmentPlace: optionalString,
  ...each('UsageMode ReregistrationReasons UnregistrationReasons', optionalFlags),
  FiscalDocumentData: record(each('DateTime DocumentNumber Signature', optionalString)),
  FnsBranchCode: optionalString,
  ClosedFnDetails: FN_REPORT,
  InstalledFnDetails: FN_REPORT,
  ...each('FormatVersion FnType', optionalNumber),
};

const AUTOMATIC_DEVICE: Shape = {
  InstallmentAddress: ADDRESS,
  ...each('InstallmentPlace DeviceNumber', optionalString),
};

// Strict on what the signer branches on (Id, Status, Stage, Purpose, document ids).
const APPLICATION_DOCUMENT: Shape = {
  Id: id,
  Kind: string,
  Content: optionalString,
  Signature: (v, path) => optionalString(v, path) ?? 'Unsigned',
  ...each('Description FileName', optionalString),
};

const RESULT_DOC: Shape = {
  ...each('KktId ReportTypeId', optionalString),
  DocType: (v, path): ResultDocType => {
    const raw = optionalString(v, path);
    return raw !== undefined && (RESULT_DOC_TYPES as readonly string[]).includes(raw) ? (raw as ResultDocType) : 'UnKnown';
  },
  ConversationUuid: optionalString,
  ReportSizeInBytes: optionalNumber,
  ...each('FileType DownloadUri', optionalString),
};

export function parseCompanyDetails(v: unknown, path = 'CompanyDetails'): CompanyDetails {
  return fields(optional(object)(v, path) ?? {}, path, COMPANY_DETAILS);
}

export function parseKktDetails(v: unknown, path = 'KktDetails'): KktDetails {
  return fields(optional(object)(v, path) ?? {}, path, KKT_DETAILS);
}

export function parseApplicationDocument(v: unknown, path = 'Document'): ApplicationDocument {
  return fields(object(v, path), path, APPLICATION_DOCUMENT);
}

export function parseResultDoc(v: unknown, path = 'ResultDoc'): ResultDoc {
  return fields(object(v, path), path, RESULT_DOC);
}

const APPLICATION: Shape = {
  ...each('StatusReason StatusChangeDateUtc', optionalString),
  CompanyDetails: parseCompanyDetails,
  KktDetails: parseKktDetails,
  AutomaticDevices: (v, path) => list(v, path, (d, p): AutomaticDevice => fields(object(d, p), p, AUTOMATIC_DEVICE)),
  Documents: (v, path) => list(v, path, parseApplicationDocument),
  ResultDocs: (v, path) => list(v, path, parseResultDoc),
  DownloadUri: optionalString,
  CanDelete: optionalBoolean,
  ...each('KktAgreementId OfdAgreementId UserAccountId CDateUtc UDateUtc', optionalString),
  CanBeAutomaticDevice: optionalBoolean,
};

/** Check an application (the `Data` of create, edit, prepare, sign and status answers). */
export function parseApplication(json: unknown): Application {
  const o = object(json, '');
  const Id = id(o.Id, 'Id');
  const rawStatus = string(o.Status, 'Status');
  // Table 13 lists the statuses; another value or casing is kept for the user to see, never a parse failure.
  const status = canonicalValue(APPLICATION_STATUSES, rawStatus);
  const rawPurpose = optionalString(o.Purpose, 'Purpose') ?? '';
  const purpose = canonicalValue(APPLICATION_PURPOSES, rawPurpose);
  const rawStage = optionalString(o.Stage, 'Stage') ?? '';
  const stage = canonicalValue(APPLICATION_STAGES, rawStage);
  // Purpose and Stage as Table 13 spells them, in any casing; otherwise the defaults of a new application
  // with the value as sent kept beside them (the signer then decides nothing on them).
  return {
    Id,
    Purpose: purpose ?? 'InitialRegistration',
    ...(purpose ? {} : { RawPurpose: rawPurpose }),
    Stage: stage ?? 'Initialization',
    ...(stage ? {} : { RawStage: rawStage }),
    Status: status ?? 'UnknownError',
    ...(status ? {} : { RawStatus: rawStatus }),
    ...fields<Omit<Application, 'Id' | 'Purpose' | 'Stage' | 'Status'>>(o, '', APPLICATION),
  };
}

export function parseSimplifiedStatus(json: unknown): SimplifiedStatus {
  return fields(object(json, ''), '', {
    Status: (v, path) => {
      const status = canonicalValue(SIMPLIFIED_STATUSES, string(v, path));
      if (status === undefined) throw new ShapeError(path, `one of ${SIMPLIFIED_STATUSES.join(', ')}`);
      return status;
    },
    DownloadUrl: optionalString,
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
