/**
 * The mock's applications and their lifecycle (Table 14): one record per application, status changes queued
 * on the mock clock and applied lazily whenever the record is read, so tests move time with `advance()`
 * instead of waiting.
 */
import { randomUUID } from 'node:crypto';
import type {
  Application,
  ApplicationDocument,
  ApplicationPurpose,
  ApplicationStage,
  ApplicationStatus,
  AutomaticDevice,
  CompanyDetails,
  KktDetails,
  PrepareDocumentsRequest,
  ResultDocType,
} from '../api/types.js';
import { parseApplication } from '../api/parse.js';
import { buildApplicationContent, type DocumentVariant } from './application-xml.js';
import { buildPdf } from './pdf.js';
import { registrationNumber } from './rnm.js';
import type { MockReadings, MockScenario, MockTimings } from './types.js';

export interface StoredResultDoc {
  docType: ResultDocType;
  reportTypeId: number;
  pdf: Uint8Array;
}

export interface MockApplicationRecord {
  id: string;
  /** AuthToken of the partner that created it. */
  owner: string;
  purpose: ApplicationPurpose;
  stage: ApplicationStage;
  status: ApplicationStatus;
  statusReason?: string;
  createdAt: number;
  updatedAt: number;
  statusChangedAt: number;
  company: CompanyDetails;
  kkt: KktDetails;
  automaticDevices: AutomaticDevice[];
  /** Every document so far; those of closed rounds have lost their Content. */
  documents: ApplicationDocument[];
  /** Ids of the documents of the current prepare → sign round. */
  roundDocumentIds: string[];
  resultDocs: StoredResultDoc[];
  /** Edit (7.9) is allowed only before the first prepareDocuments. */
  everPrepared: boolean;
  signer?: PrepareDocumentsRequest;
  /** Queued status changes, ordered by time. */
  pending: Array<{ at: number; apply: () => void }>;
  scenario?: Partial<MockScenario>;
  conversationUuid: string;
  kktId: number;
  acceptedSignatures: Map<string, string>;
  /** Documents whose `sign` OFD refused: 7.4 (l.2318) allows no repeated request. */
  refusedDocuments: Set<string>;
  /** Status reads so far (the `reordered` reading flips ResultDocs on each). */
  reads: number;
  simplified?: { startedAt: number; error?: boolean };
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const REPORT_TYPE: Record<ResultDocType, number> = {
  RnmReport: 50,
  RnmRejection: 51,
  RegReport: 100,
  ReRegReport: 101,
  UnReg: 102,
  RegRejection: 103,
  ReRegRejection: 104,
  UnRegRejection: 105,
  UnKnown: 0,
};
export const DEFAULT_REJECT_REASON =
  'Ошибка проверки ЮЛ/ИП: Заявитель не идентифицирован. Просьба обратиться в Службу Технической Поддержки ФНС России или ближайший ТНО.';

/** `2021-11-29T14:25:45`: UTC without offset, as OFD writes dates. */
export function ofdDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function fileDate(ms: number): { compact: string; dotted: string } {
  const iso = new Date(ms).toISOString();
  return { compact: iso.slice(0, 10).replaceAll('-', ''), dotted: `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` };
}

export class MockState {
  readonly applications = new Map<string, MockApplicationRecord>();
  scenario: MockScenario;
  private nextKktId = 16840;
  private nextRnmOrdinal = 1;

  constructor(
    readonly now: () => number,
    scenario: Partial<MockScenario>,
    readonly timings: MockTimings,
    readonly documentsPerRound: number,
    readonly readings: MockReadings,
  ) {
    this.scenario = { outcome: 'approve', ...scenario };
  }

  scenarioFor(record: MockApplicationRecord): MockScenario {
    return { ...this.scenario, ...record.scenario };
  }

  add(init: {
    owner: string;
    purpose: ApplicationPurpose;
    company: CompanyDetails;
    kkt: KktDetails;
    automaticDevices?: AutomaticDevice[];
  }): MockApplicationRecord {
    const now = this.now();
    const record: MockApplicationRecord = {
      id: randomUUID(),
      owner: init.owner,
      purpose: init.purpose,
      stage: 'Initialization',
      status: 'New',
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
      company: init.company,
      kkt: init.kkt,
      automaticDevices: init.automaticDevices ?? [],
      documents: [],
      roundDocumentIds: [],
      resultDocs: [],
      everPrepared: false,
      pending: [],
      conversationUuid: randomUUID(),
      kktId: this.nextKktId++,
      acceptedSignatures: new Map(),
      refusedDocuments: new Set(),
      reads: 0,
    };
    this.applications.set(record.id, record);
    return record;
  }

  /** The record with every status change due by now applied. */
  get(id: string): MockApplicationRecord | undefined {
    const record = this.applications.get(id);
    if (record) this.catchUp(record);
    return record;
  }

  private catchUp(record: MockApplicationRecord): void {
    const now = this.now();
    while (record.pending.length > 0 && record.pending[0]!.at <= now) {
      const step = record.pending.shift()!;
      step.apply();
    }
  }

  private setStatus(record: MockApplicationRecord, status: ApplicationStatus, at: number, stage?: ApplicationStage): void {
    record.status = status;
    if (stage) record.stage = stage;
    record.statusChangedAt = at;
    record.updatedAt = at;
  }

  touch(record: MockApplicationRecord): void {
    record.updatedAt = this.now();
  }

  // ----- prepare (7.3) -----

  private variant(record: MockApplicationRecord): DocumentVariant {
    if (record.purpose === 'Unregistration') return 'unregistration';
    if (record.purpose === 'Reregistration') return 'reregistration';
    return record.stage === 'Finalization' ? 'registration-report' : 'registration';
  }

  /** Generate this round's documents now, or after `awaitingDocumentsMs` passing through AwaitingDocuments. */
  prepare(record: MockApplicationRecord, signer: PrepareDocumentsRequest): void {
    const now = this.now();
    record.everPrepared = true;
    record.signer = signer;
    record.company.Signatory = {
      ...record.company.Signatory,
      Name: `${signer.LastName} ${signer.GivenName}`.trim(),
      Position: signer.Position,
    };
    // A new prepare replaces the unsigned documents of the round.
    const previous = new Set(record.roundDocumentIds);
    record.documents = record.documents.filter((d) => !previous.has(d.Id));
    record.roundDocumentIds = [];
    record.pending = [];
    const delay = this.scenarioFor(record).awaitingDocumentsMs ?? 0;
    const generate = (at: number) => {
      record.roundDocumentIds = [];
      for (let part = 1; part <= this.documentsPerRound; part++) {
        const document = this.buildDocument(record, signer, at, part);
        record.documents.push(document);
        record.roundDocumentIds.push(document.Id);
      }
      this.setStatus(record, 'AwaitingSignature', at);
    };
    if (delay > 0) {
      this.setStatus(record, 'AwaitingDocuments', now);
      record.pending.push({ at: now + delay, apply: () => generate(now + delay) });
    } else {
      generate(now);
    }
  }

  private buildDocument(
    record: MockApplicationRecord,
    signer: PrepareDocumentsRequest,
    at: number,
    part: number,
  ): ApplicationDocument {
    const variant = this.variant(record);
    const id = randomUUID();
    const branch = record.company.FnsBranchCode ?? record.kkt.FnsBranchCode ?? '0000';
    // 7.8.2's example (l.5533, l.5541): Kind 1110061 and KO_ZVLSNUCHKKT; the `form` reading uses KND 1110062.
    const exampleKind = this.readings.unregistrationKind === 'example';
    const prefix =
      variant === 'registration-report' ? 'KO_OTCHREGKKT' : variant === 'unregistration' ? (exampleKind ? 'KO_ZVLSNUCHKKT' : 'KO_ZVLSNKKT') : 'KO_ZVLREGKKT';
    const date = fileDate(at);
    const fileName = `${prefix}_${branch}_${branch}_${record.company.Inn ?? ''}${record.company.Kpp ?? ''}_${date.compact}_${id.replaceAll('-', '')}`;
    const knd = variant === 'unregistration' ? '1110062' : '1110061';
    const representative = record.company.Signatory?.RepresentativeDetails;
    const { content } = buildApplicationContent({
      variant,
      fileId: fileName,
      knd,
      date: date.dotted,
      company: record.company,
      kkt: record.kkt,
      signer,
      representative: record.company.Signatory?.IsRepresent ? representative : undefined,
      report: variant === 'registration-report' ? record.kkt.FiscalDocumentData : undefined,
      part,
    });
    const description =
      variant === 'unregistration'
        ? 'Заявление о снятии контрольно-кассовой техники с регистрационного учета'
        : 'Заявление о регистрации (перерегистрации) контрольно-кассовой техники';
    const kind = variant === 'unregistration' && exampleKind ? '1110061' : knd;
    return { Id: id, Kind: kind, Content: content, Signature: 'Unsigned', Description: description, FileName: fileName };
  }

  // ----- sign (7.4) and what follows -----

  /** Mark a document signed; when the round is complete, queue the trip to FNS. */
  acceptSignature(record: MockApplicationRecord, documentId: string, cms: string): void {
    const document = record.documents.find((d) => d.Id === documentId)!;
    document.Signature = 'Signed';
    record.acceptedSignatures.set(documentId, cms);
    this.touch(record);
    const roundDone = record.roundDocumentIds.every(
      (id) => record.documents.find((d) => d.Id === id)?.Signature === 'Signed',
    );
    if (!roundDone) return;
    const now = this.now();
    const t = this.timings;
    this.setStatus(record, 'ProcessingSignedDocuments', now);
    const ready = now + t.processingMs;
    const sent = ready + t.sendingMs;
    const answered = sent + t.fnsMs;
    record.pending.push(
      { at: ready, apply: () => this.setStatus(record, 'ReadyToBeSentToFns', ready) },
      { at: sent, apply: () => this.setStatus(record, 'SentToFns', sent) },
    );
    const midway = sent + Math.floor(t.fnsMs / 2);
    if (this.readings.transientUnknownError) {
      // Table 13 (l.842) "неизвестная ошибка" shown for a while; the application then carries on.
      record.pending.push({ at: midway, apply: () => this.setStatus(record, 'UnknownError', midway) });
    }
    if (this.readings.downloadingDocuments) {
      // Table 13 (l.841) "получения готовых документов" before the answer is shown.
      const downloading = answered;
      record.pending.push(
        { at: downloading, apply: () => this.setStatus(record, 'DownloadingDocuments', downloading) },
        { at: downloading + Math.floor(t.fnsMs / 2), apply: () => this.fnsAnswers(record, downloading + Math.floor(t.fnsMs / 2)) },
      );
    } else {
      record.pending.push({ at: answered, apply: () => this.fnsAnswers(record, answered) });
    }
  }

  private closeRound(record: MockApplicationRecord): void {
    const round = new Set(record.roundDocumentIds);
    for (const document of record.documents) if (round.has(document.Id)) delete document.Content;
    record.roundDocumentIds = [];
  }

  private addResult(record: MockApplicationRecord, docType: ResultDocType): void {
    const pdf = buildPdf([
      `OFD mock: FNS answer ${docType}`,
      `Application ${record.id}`,
      `KKT serial ${record.kkt.SerialNumber ?? '-'}, FN ${record.kkt.FnNumber ?? '-'}`,
      `RNM ${record.kkt.RegNumber ?? '-'}`,
      `INN ${record.company.Inn ?? '-'}`,
    ]);
    record.resultDocs = record.resultDocs.filter((d) => d.docType !== docType);
    record.resultDocs.unshift({ docType, reportTypeId: REPORT_TYPE[docType], pdf });
  }

  private fnsAnswers(record: MockApplicationRecord, at: number): void {
    const scenario = this.scenarioFor(record);
    this.closeRound(record);
    const rejectHere =
      scenario.outcome === 'reject' &&
      (record.purpose !== 'InitialRegistration' || (scenario.rejectStage ?? 'Initialization') === record.stage);
    if (rejectHere) {
      record.statusReason = scenario.rejectReason ?? DEFAULT_REJECT_REASON;
      const rejection: Record<ApplicationPurpose, ResultDocType> = {
        InitialRegistration: record.stage === 'Initialization' ? 'RnmRejection' : 'RegRejection',
        Reregistration: 'ReRegRejection',
        Unregistration: 'UnRegRejection',
      };
      this.addResult(record, rejection[record.purpose]);
      this.setStatus(record, 'Rejected', at);
      return;
    }
    if (record.purpose === 'InitialRegistration' && record.stage === 'Initialization') {
      // RNM assigned: the registration report round begins (Table 14, "Проверка статуса", Finalization/New).
      record.kkt.RegNumber = registrationNumber(
        this.nextRnmOrdinal++,
        record.company.Inn ?? '',
        record.kkt.SerialNumber ?? '',
      );
      this.addResult(record, 'RnmReport');
      this.setStatus(record, 'New', at, 'Finalization');
      return;
    }
    const approval: Record<ApplicationPurpose, ResultDocType> = {
      InitialRegistration: 'RegReport',
      Reregistration: 'ReRegReport',
      Unregistration: 'UnReg',
    };
    this.addResult(record, approval[record.purpose]);
    // Table 14 (l.1080): Approved at Finalization. The 7.6.4 / 7.7.4 examples (l.4128, l.5083) stop at SentToFns
    // with the positive document, in the round's stage.
    if (this.readings.success === 'sent-to-fns') this.setStatus(record, 'SentToFns', at);
    else this.setStatus(record, 'Approved', at, 'Finalization');
  }

  // ----- simplified registration (7.2) -----

  startSimplified(record: MockApplicationRecord): void {
    record.simplified = { startedAt: this.now() };
    this.setStatus(record, 'AwaitingAutoFinalization', this.now());
  }

  simplifiedStatus(record: MockApplicationRecord): 'PROCESSING' | 'REJECTED' | 'SUCCESS' | 'ERROR' {
    const started = record.simplified!.startedAt;
    if (this.now() < started + this.timings.fnsMs) return 'PROCESSING';
    if (record.simplified!.error) return 'ERROR';
    return this.scenarioFor(record).outcome === 'reject' ? 'REJECTED' : 'SUCCESS';
  }

  // ----- views -----

  resultDocUri(record: MockApplicationRecord, doc: StoredResultDoc, origin: string, tokenQuery: string): string {
    return `${this.fileOrigin(origin)}/api/kkt/application/doc/${record.conversationUuid}/${record.kktId}/${doc.reportTypeId}${tokenQuery}`;
  }

  applicationPdfUri(record: MockApplicationRecord, origin: string, token: string | undefined): string {
    const auth = token === undefined ? '' : `&AuthToken=${encodeURIComponent(token)}`;
    return `${this.fileOrigin(origin)}/document/KktRegistrationApplication?Id=${record.id}&format=pdf${auth}`;
  }

  /** Where file links point: the API's origin, or `dev.<host>` as 7.1's example (l.1319–1320); an IP address stays. */
  fileOrigin(origin: string): string {
    if (this.readings.fileLinks === 'same-host') return origin;
    const url = new URL(origin);
    if (/^[\d.]+$|^\[|^localhost$/.test(url.hostname) || url.hostname.startsWith('dev.')) return origin;
    url.hostname = `dev.${url.hostname}`;
    return url.origin;
  }

  /** Table 13's values as this reading spells them. */
  private spelled(value: string): string {
    return this.readings.statusCasing === 'lower-case' ? value.toLowerCase() : value;
  }

  /**
   * The application as OFD's JSON (Table 26). `token` is written into download links when given.
   * Shares the record's objects: serialise it at once (c.json does), don't keep it.
   */
  toJson(
    record: MockApplicationRecord,
    origin: string,
    token: string | undefined,
    answer: 'status' | 'call' = 'call',
  ): Record<string, unknown> {
    const tokenQuery = token === undefined ? '' : `?AuthToken=${encodeURIComponent(token)}`;
    const r = this.readings;
    let documents = record.documents.map((d) => ({ ...d }));
    if (answer === 'status' && record.status === 'AwaitingSignature') {
      if (r.statusDocuments === 'empty') documents = [];
      else if (r.statusDocuments === 'no-content') documents = documents.map(({ Content: _content, ...d }) => d as ApplicationDocument);
    }
    let resultDocs = record.resultDocs;
    if (answer === 'status' && r.resultDocsOrder === 'reordered' && record.reads++ % 2 === 1) resultDocs = [...resultDocs].reverse();
    const director = record.company.Director;
    const company: CompanyDetails = {
      ...record.company,
      // The tables' reading (l.868–869): FirstName holds the surname, LastName the given name.
      ...(director && r.directorNames === 'tables' ? { Director: { ...director, FirstName: director.LastName, LastName: director.FirstName } } : {}),
      // l.1227: `RepresentativeDetails: {}` when there is no МЧД.
      ...(record.company.Signatory ? { Signatory: { RepresentativeDetails: {}, ...record.company.Signatory } } : {}),
    };
    const json: Record<string, unknown> = {
      Id: record.id,
      CompanyDetails: company,
      KktDetails: {
        ...record.kkt,
        FiscalDocumentData: record.kkt.FiscalDocumentData ?? {},
        ClosedFnDetails: record.kkt.ClosedFnDetails ?? {},
        InstalledFnDetails: record.kkt.InstalledFnDetails ?? {},
      },
      AutomaticDevices: record.automaticDevices,
      Status: this.spelled(record.status),
      Stage: this.spelled(record.stage),
      CanDelete: record.status === 'New' && record.stage === 'Initialization' && !record.everPrepared,
      Documents: documents,
      Purpose: this.spelled(record.purpose),
      Gateway: 'SuccessMock',
      OfdAgreementId: ZERO_UUID,
      KktAgreementId: ZERO_UUID,
      StatusChangeDateUtc: ofdDate(record.statusChangedAt),
      CDateUtc: ofdDate(record.createdAt),
      UDateUtc: ofdDate(record.updatedAt),
      UserAccountId: ZERO_UUID,
      ResultDocs: resultDocs.map((doc) => ({
        KktId: record.kktId,
        ReportTypeId: doc.reportTypeId,
        DocType: doc.docType,
        ConversationUuid: record.conversationUuid,
        ReportSizeInBytes: doc.pdf.length,
        FileType: 'application/pdf',
        DownloadUri: this.resultDocUri(record, doc, origin, tokenQuery),
      })),
      DownloadUri: this.applicationPdfUri(record, origin, token),
      CanBeAutomaticDevice: false,
    };
    if (record.statusReason !== undefined) json.StatusReason = record.statusReason;
    return json;
  }

  toApplication(record: MockApplicationRecord, origin: string, token: string | undefined): Application {
    return parseApplication(this.toJson(record, origin, token));
  }
}
