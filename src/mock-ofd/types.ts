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
  | 'timeout-after-processing';

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
