/**
 * OFD.ru partner API v2 (section 6.2.1 of the spec) as the signer sees it: the application ("заявка"),
 * its documents and FNS answers, and the request bodies of the calls the widget makes.
 *
 * Field names keep OFD's PascalCase so a value can be compared with the wire format by eye.
 * Only fields the signer, the proxy or the mock use are typed; the parsers drop everything else.
 * Every field the spec does not promise on every answer is optional: OFD omits or nulls them freely
 * (the create answer has `"Director": {}`, a prepared document in the status answer has no `Content`).
 *
 * Runtime checks live in `./parse.ts` and are re-exported here, so `import { parseApplication } from
 * 'src/api/types.js'` works as the boundary for the proxy, the widget and the mock.
 */

import {
  APPLICATION_PURPOSES,
  APPLICATION_STAGES,
  APPLICATION_STATUSES,
  RESULT_DOC_TYPES,
  SIMPLIFIED_STATUSES,
} from './constants.js';

export {
  APPLICATION_PURPOSES,
  APPLICATION_STAGES,
  APPLICATION_STATUSES,
  IN_PROGRESS_STATUSES,
  RESULT_DOC_TYPES,
  SIMPLIFIED_STATUSES,
  TERMINAL_STATUSES,
} from './constants.js';

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** `Initialization`: the application itself; `Finalization`: the registration report round (or the end). */
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

export type ApplicationPurpose = (typeof APPLICATION_PURPOSES)[number];

/** `LegalEntity` or `PrivateEntrepreneur` per Table 13.1; other spellings are passed through. */
export type CompanyType = 'LegalEntity' | 'PrivateEntrepreneur' | (string & {});

export interface Address {
  PostalCode?: string;
  RegionCode?: string;
  Region?: string;
  Settlement?: string;
  City?: string;
  Street?: string;
  HouseNumber?: string;
  Building?: string;
  Office?: string;
  FiasCode?: string;
  FullAddress?: string;
}

/** Head of the company (`Director`). */
export interface PersonName {
  FirstName?: string;
  LastName?: string;
  MiddleName?: string;
}

/** Machine-readable power of attorney (МЧД), section 7.1.1: required when the signer is not the director. */
export interface RepresentativeDetails {
  Number?: string;
  EvaluateDate?: string;
  DocId?: string;
}

export interface Signatory {
  Name?: string;
  Position?: string;
  Email?: string;
  Phone?: string;
  IsRepresent?: boolean;
  RepresentativeDetails?: RepresentativeDetails;
}

export interface CompanyDetails {
  CompanyType?: CompanyType;
  Director?: PersonName;
  FnsBranchCode?: string;
  LegalAddress?: Address;
  /** 10 digits for a legal entity, 12 for an individual entrepreneur. */
  Inn?: string;
  /** OGRN (13 digits) or OGRNIP (15). */
  Ogrn?: string;
  Kpp?: string;
  CompanyName?: string;
  Signatory?: Signatory;
}

/** Data of the registration report printed by the cash register (section 7.6.1). */
export interface FiscalDocumentData {
  /** `YYYY-MM-DDTHH:mm:ss`, no offset. */
  DateTime?: string;
  DocumentNumber?: string;
  /** The fiscal sign (ФП) of the report, digits. OFD calls it `Signature`. */
  Signature?: string;
}

/** Closing / installing a fiscal drive (re-registration). */
export interface FnReportDetails {
  FdDateTime?: string;
  FdNumber?: string;
  FpValue?: string;
}

export interface KktDetails {
  SerialNumber?: string;
  /** РНМ, assigned by FNS after the first round. */
  RegNumber?: string;
  OfdInn?: string;
  OfdName?: string;
  FnNumber?: string;
  FnName?: string;
  Model?: string;
  InstallmentAddress?: Address;
  InstallmentPlace?: string;
  UsageMode?: Record<string, boolean>;
  ReregistrationReasons?: Record<string, boolean>;
  UnregistrationReasons?: Record<string, boolean>;
  FiscalDocumentData?: FiscalDocumentData;
  FnsBranchCode?: string;
  ClosedFnDetails?: FnReportDetails;
  InstalledFnDetails?: FnReportDetails;
  FormatVersion?: number;
  FnType?: number;
}

export interface AutomaticDevice {
  InstallmentAddress?: Address;
  InstallmentPlace?: string;
  DeviceNumber?: string;
}

/** `Signature` of a prepared document: a state, not the signature itself. */
export type DocumentSignatureState = 'Unsigned' | 'Signed' | (string & {});

/** A document OFD generated for FNS (Table 22.4); each one is signed and sent with its own `Id`. */
export interface ApplicationDocument {
  Id: string;
  /** KND form code, `1110061` for the registration application. */
  Kind: string;
  /**
   * Base64 of a windows-1251 XML file. What is signed is this string's own bytes (section 7.4),
   * not the decoded XML. Absent once the document has been sent.
   */
  Content?: string;
  Signature: DocumentSignatureState;
  Description?: string;
  FileName?: string;
}

export type ResultDocType = (typeof RESULT_DOC_TYPES)[number];

/** An FNS answer (Table 13.6). The examples send `KktId` and `ReportTypeId` as numbers, the table as strings. */
export interface ResultDoc {
  KktId?: string;
  ReportTypeId?: string;
  /** Unknown values from OFD are mapped to `UnKnown`. */
  DocType: ResultDocType;
  ConversationUuid?: string;
  ReportSizeInBytes?: number;
  /** A MIME type in the examples (`application/pdf`), an extension per the table. */
  FileType?: string;
  DownloadUri?: string;
}

export interface Application {
  Id: string;
  Purpose: ApplicationPurpose;
  Stage: ApplicationStage;
  /** Present only when OFD sent a purpose outside Table 13 (then `Purpose` is the default). Not an OFD field. */
  RawPurpose?: string;
  /** Present only when OFD sent a stage outside Table 13 (then `Stage` is `Initialization`). Not an OFD field. */
  RawStage?: string;
  /**
   * Table 13's statuses, matched in any casing. Unknown values are mapped to `UnknownError`; the original is kept
   * in `RawStatus`.
   */
  Status: ApplicationStatus;
  /** Present only when OFD sent a status this version does not know. Not an OFD field. */
  RawStatus?: string;
  /** FNS's reason for a rejection. */
  StatusReason?: string;
  StatusChangeDateUtc?: string;
  CompanyDetails: CompanyDetails;
  KktDetails: KktDetails;
  AutomaticDevices: AutomaticDevice[];
  /** Always an array after parsing (OFD sends `[]`, omits it or sends null). */
  Documents: ApplicationDocument[];
  ResultDocs: ResultDoc[];
  /** Printable PDF of the application. */
  DownloadUri?: string;
  CanDelete?: boolean;
  /** Spec: "Присвоенный РНМ" — in practice a uuid, often all zeros. */
  KktAgreementId?: string;
  OfdAgreementId?: string;
  UserAccountId?: string;
  CDateUtc?: string;
  UDateUtc?: string;
  CanBeAutomaticDevice?: boolean;
}

/** Simplified registration status (section 7.2.1, Table 20). */
export type SimplifiedStatusValue = (typeof SIMPLIFIED_STATUSES)[number];
export interface SimplifiedStatus {
  Status: SimplifiedStatusValue;
  /** Upstream, this URL carries the partner's AuthToken in its query: never hand it to a browser as is. */
  DownloadUrl?: string;
}

// ----- request bodies -----

/** Section 7.3: the signer's name and title, taken from the certificate subject (SN, G, T). */
export interface PrepareDocumentsRequest {
  LastName: string;
  /** Given name, may include the patronymic (certificate attribute G). */
  GivenName: string;
  Position: string;
}

/** Section 7.4. Never sent twice for one document. */
export interface SignRequest {
  DocumentId: string;
  /** Base64 CMS SignedData (CAdES-BES) over the `Content` string. */
  Signature: string;
}

/** Section 7.6.1, the FiscalDocumentData fields, all required. */
export interface RegistrationReport {
  DateTime: string;
  DocumentNumber: string;
  /** The fiscal sign (ФП) printed on the report. */
  Signature: string;
}

/** Body of `PUT /v2/b2b/kkt/registration/{id}` carrying the registration report. */
export interface RegistrationReportRequest {
  KktDetails: { FiscalDocumentData: RegistrationReport };
}

/** Section 7.1 (and 7.1.1 with МЧД in `CompanyDetails.Signatory.RepresentativeDetails`). */
export interface CreateApplicationRequest {
  Purpose: ApplicationPurpose;
  CompanyDetails: CompanyDetails & {
    /** Table 15 lists it directly under CompanyDetails; 7.1.1's example nests it in Signatory. Both accepted. */
    RepresentativeDetails?: RepresentativeDetails;
  };
  KktDetails: KktDetails;
  AutomaticDevices?: AutomaticDevice[];
}

/** Section 7.9: any part of the application, before prepareDocuments. */
export interface EditApplicationRequest {
  CompanyDetails?: CompanyDetails;
  KktDetails?: KktDetails;
  AutomaticDevices?: AutomaticDevice[];
}

// ----- envelopes (section 6.1 and the section 7 examples) -----

export interface OfdErrorItem {
  Code: string;
  Message: string;
}

/** `{"Status":"Success","Data":…}` / `{"Status":"Failed","Error":{…}}` — section 6.1. */
export type StatusEnvelope<T> =
  | { Status: 'Success'; Data: T }
  | { Status: 'Failed'; Error: { Code: string | number; Message: string } };

/** `{"Data":…,"Success":true}` / `{"Data":null,"Success":false,"Errors":[…]}` — the section 7 examples. */
export type SuccessEnvelope<T> =
  | { Data: T; Success: true }
  | { Data: null; Success: false; Errors: OfdErrorItem[] };

/** The proxy's own errors: the section 6.1 failure form, extended. */
export interface ProxyErrorBody {
  Status: 'Failed';
  Error: {
    Code: string;
    /** English sentence. */
    Message: string;
    Messages: { ru: string; en: string };
    Retryable: boolean;
    RequestId?: string;
  };
}

export {
  parseApplication,
  parseApplicationDocument,
  parseResultDoc,
  parseSimplifiedStatus,
  parsePrepareDocumentsRequest,
  parseSignRequest,
  parseRegistrationReportRequest,
  isApplicationStatus,
  isApplicationStage,
} from './parse.js';
