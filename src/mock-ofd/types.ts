import type { EnvelopeStyle } from '../api/envelope.js';
import type { Application, ApplicationStage, CreateApplicationRequest } from '../api/types.js';

/** What FNS decides, and how long document generation takes. Global, or per application. */
export interface MockScenario {
  outcome: 'approve' | 'reject';
  /** StatusReason of a rejection. */
  rejectReason?: string;
  /** Which round FNS rejects for an initial registration (default the first, `Initialization`). */
  rejectStage?: ApplicationStage;
  /** How long prepareDocuments keeps the application in `AwaitingDocuments` (default 0: documents at once). */
  awaitingDocumentsMs?: number;
}

/**
 * Where the spec allows more than one reading, the mock can play each (issue 11). `scenarios.ts` names the
 * combinations and cites the lines each follows; the defaults follow the spec's examples where they speak.
 */
export interface MockReadings {
  /**
   * How a round ends well. `approved`: Table 14 (l.1080, also 7.8.4 l.5944). `sent-to-fns`: the final examples of
   * 7.6.4 (l.4128, RegReport at l.4211) and 7.7.4 (l.5083, ReRegReport at l.5163) stop at `SentToFns` with the
   * positive FNS document in `ResultDocs`; the mock then never moves on.
   */
  success: 'approved' | 'sent-to-fns';
  /**
   * What `GET /registration/{id}` lists in `Documents` while AwaitingSignature (no example shows it). `content`:
   * as prepareDocuments answered (7.3 l.2010–2029). `no-content`: listed without `Content`, as the signed document
   * at l.3037–3047. `empty`: `Documents: []`, as every other status example (l.2871, l.3517, l.4134, l.5087).
   */
  statusDocuments: 'content' | 'no-content' | 'empty';
  /** `same-host`: links on the API's origin. `other-host`: on `dev.<host>` as 7.1 answers `ofd.ru` with `dev.ofd.ru` links (l.1319–1320); an IP address stays. */
  fileLinks: 'same-host' | 'other-host';
  /** `newest-first`: l.4209 (RegReport before RnmReport). `reordered`: the order flips on every read (l.3134 vs l.4209 show it is not fixed). */
  resultDocsOrder: 'newest-first' | 'reordered';
  /** `named`: the tables' codes (`ValidationError` …, Tables 17–28). `numeric`: 6.1's `Code` number ≠ 0 (l.612–626). */
  errorCodes: 'named' | 'numeric';
  /** `examples`: `Director.FirstName` is the given name (l.1933, 2361, 2790, 2956). `tables`: FirstName is the surname (l.868, 1379, 2147, 2572, 3201). */
  directorNames: 'examples' | 'tables';
  /** `as-table`: Table 13's spelling. `lower-case`: another casing of the same values (nothing in the spec promises the casing). */
  statusCasing: 'as-table' | 'lower-case';
  /** Pass through `DownloadingDocuments` (Table 13 l.841) before FNS's answer is shown. */
  downloadingDocuments: boolean;
  /** Show `UnknownError` (Table 13 l.842) for a while between `SentToFns` and FNS's answer, then carry on. */
  transientUnknownError: boolean;
  /** De-registration documents: `example` Kind 1110061 / `KO_ZVLSNUCHKKT` as 7.8.2 shows (l.5533, l.5541); `form` KND 1110062. */
  unregistrationKind: 'example' | 'form';
}

/** How long each step after `sign` takes on the mock clock. */
export interface MockTimings {
  /** ProcessingSignedDocuments → ReadyToBeSentToFns. Default 1000. */
  processingMs: number;
  /** ReadyToBeSentToFns → SentToFns. Default 1000. */
  sendingMs: number;
  /** SentToFns → FNS answer (Approved / RNM assigned / Rejected). Default 3000. */
  fnsMs: number;
}

export type MockRoute =
  | 'create'
  | 'simplified'
  | 'status'
  | 'edit'
  | 'prepareDocuments'
  | 'sign'
  | 'simplifiedStatus'
  | 'file';

export type FaultKind =
  | 'latency'
  | '500'
  | 'timeout'
  | 'failure-200'
  | 'html'
  | 'drop-after-processing'
  | '500-after-processing'
  | 'timeout-after-processing'
  /** Table 17 (l.1575–1576) on create: "Пользователь не найден" / "Договор не найден". */
  | 'user-not-found'
  | 'agreement-not-found'
  /** Table 19 (l.1820) on simplified: 500 InternalError "Не удалось запустить упрощённый процесс регистрации". */
  | 'simplified-start-failed'
  /** Table 21 (l.1874–1875) on simplified status: 500 InternalError "Не удалось проверить статус заявки" / "Не удалось получить статус". */
  | 'simplified-status-check-failed'
  | 'simplified-status-get-failed'
  /** Table 20 (l.1865): the simplified status answers ERROR ("Остальные ошибки"). */
  | 'simplified-error';

export interface FaultSpec {
  route: MockRoute | '*';
  kind: FaultKind;
  /** How many requests it affects (default 1). */
  times?: number;
  /** For `latency` (real time, default 500 ms). */
  latencyMs?: number;
  /** For the `timeout` kinds: the longest it hangs before giving up with 504 (default 30 000 ms). */
  hangMs?: number;
}

export interface MockCall {
  /** Mock-clock time. */
  at: number;
  method: string;
  /** Path without the query: the AuthToken never lands in the log. */
  path: string;
  route: MockRoute | 'other';
  applicationId?: string;
  documentId?: string;
  /** HTTP status answered; undefined while in flight or when the connection was dropped. */
  status?: number;
  fault?: FaultKind;
}

/** Signature checks on `sign`. */
export interface MockSignatureVerifier {
  (cms: Uint8Array, content: Uint8Array): boolean | Promise<boolean>;
}

export interface MockOfdOptions {
  /** The partner AuthToken the mock accepts (default MOCK_OFD_DEFAULT_TOKEN). */
  authToken?: string;
  /** Time source in ms; `control.advance()` moves on top of it. Default Date.now. */
  clock?: () => number;
  /** Default 'success' (`{Data,Success}`, as the section 7 examples answer). */
  envelope?: EnvelopeStyle;
  /** Verify the CMS cryptographically (default true). */
  verifySignatures?: boolean;
  /** Replace the cryptographic check (default: src/cms `verifyCmsSignature`). */
  verifier?: MockSignatureVerifier;
  /** Accept detached signatures over the Content string (default false: attached only, as in section 7.4). */
  acceptDetached?: boolean;
  /** Require the signer's certificate to name the application's company INN (default true). */
  checkSignerIdentity?: boolean;
  /** Initial scenario (default approve). */
  scenario?: Partial<MockScenario>;
  /** Readings of the spec to play (default: `DEFAULT_READINGS`, the spec's examples). */
  readings?: Partial<MockReadings>;
  timings?: Partial<MockTimings>;
  /** Documents per prepare round (default 1). */
  documentsPerRound?: number;
  /** Put `AuthToken=` in DownloadUri / DownloadUrl as the real service's simplified DownloadUrl does (default true). */
  tokenInDownloadUris?: boolean;
  /** Origin used in URLs of applications returned by `control` (HTTP answers use the request's origin). */
  origin?: string;
}

export interface DemoApplicationOverrides extends Partial<Omit<CreateApplicationRequest, 'CompanyDetails' | 'KktDetails'>> {
  CompanyDetails?: CreateApplicationRequest['CompanyDetails'];
  KktDetails?: CreateApplicationRequest['KktDetails'];
}

export interface MockOfdControl {
  readonly authToken: string;
  /** Current mock time. */
  now(): number;
  /** Move the mock clock forward; due status changes happen on the next read. */
  advance(ms: number): void;
  /** Create as `POST /registration` would (throws OfdValidationError with Table 17 messages). */
  createApplication(body: unknown, owner?: string): Application;
  /** A ready application for DEMO_COMPANY / DEMO_KKT, overridable. */
  createDemoApplication(overrides?: DemoApplicationOverrides): Application;
  getApplication(id: string): Application | undefined;
  /** Set the scenario for every application, or only for one. */
  setScenario(scenario: Partial<MockScenario>, applicationId?: string): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Another partner: its applications are invisible to others ("Нет доступа"); without agreement, B2bAgreementNotFound. */
  addPartner(token: string, options?: { agreement?: boolean }): void;
  /** The most recent requests (up to 10 000), oldest first. */
  calls(): readonly MockCall[];
  /** `sign` requests received for a document (or for the whole application), whatever their outcome. */
  signCallCount(applicationId: string, documentId?: string): number;
  /** The CMS (base64) the mock accepted for a document. */
  acceptedSignature(applicationId: string, documentId: string): string | undefined;
  /** Why the last `sign` was refused with "Не удалось проверить КЭП" (for test diagnostics). */
  lastSignatureRejection(): string | undefined;
}
