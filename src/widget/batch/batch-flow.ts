/**
 * Several applications in one sitting: one certificate, one review, one "sign all", then a table of every
 * application followed on its own. Each application keeps its own `ApplicationSession`; a failure of one never
 * stops or undoes another. Only the signing itself is shared (one token, one PIN): a cancelled PIN stops the
 * batch cleanly — what was sent stays sent, nothing else is sent, "sign the remaining" picks up later.
 */
import { WidgetError } from '../errors/widget-error.js';
import { planSend } from '../round-documents.js';
import type { ReactiveController } from 'lit';
import type { ApplicationDocument } from '../../api/types.js';
import { applicationPhase } from '../application-phase.js';
import { readStored, writeStored } from '../browser-storage.js';
import { ApplicationSession, verifyLocally, type SigningOptions } from '../controllers/application-session.js';
import { checkPlugin } from '../controllers/plugin-check.js';
import type { FlowHost } from '../controllers/signing-flow.js';
import {
  createOfdApprovedEvent,
  createOfdCertificateChangeEvent,
  createOfdErrorEvent,
  createOfdRejectedEvent,
  createOfdSentEvent,
  createOfdSignedEvent,
  createOfdStatusEvent,
} from '../events/index.js';
import { describeProblem, messages, type Lang, type Problem } from '../i18n/index.js';
import type { CertificateChoice, ContentMode, OfdClientPort, SignatureMode, SignerAdapterPort } from '../ports.js';
import { checkSignerIdentity, ownerName, signerNamesFrom } from '../signer-identity.js';
import { StatusPoller, type PollStep } from '../status-poller.js';
import { batchMessages } from './batch-messages.js';
import { DocumentsNotReadyError } from './documents-not-ready-error.js';

export type RowState =
  | 'loading'
  | 'skipped'
  | 'ready'
  | 'signing'
  | 'sending'
  | 'tracking'
  | 'unresolved'
  | 'report'
  | 'approved'
  | 'rejected'
  | 'failed'
  | 'error';

/** One application of the batch, as the review and the table show it. */
export interface BatchRow {
  readonly id: string;
  readonly session: ApplicationSession;
  state: RowState;
  /** Why it was skipped, failed or stopped; FNS's StatusReason for a rejection. */
  reason?: string;
  /** A later attempt may succeed (network, OFD error, not signed yet): the table offers "retry". */
  retriable: boolean;
}

export type BatchStep =
  | { name: 'missing'; what: 'application' | 'ticket' }
  | { name: 'plugin'; problem?: Problem }
  | { name: 'certificates' }
  | { name: 'application' }
  | { name: 'review' }
  | { name: 'signing'; index: number; total: number; current: string }
  | { name: 'table'; stopped?: Problem; cancelled?: boolean };

export interface BatchConfig {
  applicationIds: readonly string[];
  ticket: string;
  lang: Lang;
  signatureMode: SignatureMode;
  contentMode: ContentMode;
  adapter: () => SignerAdapterPort;
  client: () => OfdClientPort | undefined;
  pollInitialMs: number;
  pollMaxMs: number;
}

/** Errors that mean "the user closed CryptoPro's PIN window". */
const CANCELLED = /CANCEL/i;
/** How long to wait for OFD to generate documents before showing the row as an error the user can retry. */
const AWAIT_DOCUMENTS_POLLS = 40;

/** Document ids this browser sent, or tried to send with an unknown outcome: never sent again from here. */
export const batchSentKey = (applicationId: string) => `ofd-signer:batch-sent:${applicationId}`;

export class BatchFlow implements ReactiveController {
  step: BatchStep = { name: 'plugin' };
  certificates: readonly CertificateChoice[] = [];
  chosen: CertificateChoice | undefined;
  pluginVersion: string | undefined;
  rows: BatchRow[] = [];
  /** True: CryptoPro keeps the PIN for the session; false: it will ask per document; undefined: not asked yet. */
  pinCached: boolean | undefined;
  announcement = '';
  private run = 0;
  private readonly pollers = new Map<string, StatusPoller>();
  private readonly lastStatus = new Map<string, string>();

  constructor(
    private readonly host: FlowHost,
    private readonly config: () => BatchConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.run++;
    this.stopPolling();
  }

  get active(): boolean {
    return this.config().applicationIds.length > 0;
  }

  /** Documents still to sign across the applications that can be signed now. */
  get pendingDocuments(): number {
    return this.rows.filter((r) => r.state === 'ready').reduce((n, r) => n + this.toSign(r).length, 0);
  }

  start(): void {
    this.run++;
    this.stopPolling();
    const { applicationIds, ticket } = this.config();
    const client = this.config().client();
    this.rows = [];
    this.chosen = undefined;
    this.pinCached = undefined;
    if (applicationIds.length === 0) return this.go({ name: 'missing', what: 'application' });
    if (!ticket && !client) return this.go({ name: 'missing', what: 'ticket' });
    this.rows = applicationIds.map((id) => ({ id, session: new ApplicationSession(id, client!), state: 'loading', retriable: false }));
    void this.checkPlugin();
  }

  async checkPlugin(): Promise<void> {
    const run = ++this.run;
    await checkPlugin({
      adapter: () => this.config().adapter(),
      isCurrent: () => run === this.run,
      problem: (error) => this.problem(error),
      go: (step) => this.go(step),
      emit: (event) => this.emit(event),
      found: (about, certificates) => {
        this.pluginVersion = about.pluginVersion;
        this.certificates = [...certificates].sort((a, b) => Number(b.usable) - Number(a.usable));
      },
    });
  }

  /** One certificate for every application; each is then loaded, checked and prepared on its own. */
  async chooseCertificate(thumbprint: string): Promise<void> {
    const chosen = this.certificates.find((c) => c.thumbprint === thumbprint && c.usable);
    if (!chosen || this.step.name !== 'certificates') return;
    this.chosen = chosen;
    this.emit(createOfdCertificateChangeEvent({ thumbprint, owner: ownerName(chosen.info.subject) }));
    const run = ++this.run;
    this.stopPolling();
    this.go({ name: 'application' });
    await Promise.all(this.rows.map((row) => this.loadRow(row, run)));
    if (run !== this.run) return;
    await this.askPinCaching();
    if (run !== this.run) return;
    if (this.rows.some((r) => r.state === 'ready')) this.go({ name: 'review' });
    else this.go({ name: 'table' });
  }

  changeCertificate(): void {
    this.run++;
    this.stopPolling();
    this.go({ name: 'certificates' });
  }

  /**
   * Every document of every ready application, one after another. Each application's documents are signed, checked
   * and then sent before the next application starts, so a stop leaves whole applications either sent or untouched.
   */
  async signAll(): Promise<void> {
    if (this.step.name !== 'review' && this.step.name !== 'table') return;
    const chosen = this.chosen;
    if (!chosen) return;
    const run = ++this.run;
    const adapter = this.config().adapter();
    await this.askPinCaching();
    const ready = this.rows.filter((r) => r.state === 'ready');
    const total = ready.reduce((n, r) => n + this.toSign(r).length, 0);
    const options: SigningOptions = { thumbprint: chosen.thumbprint, signatureMode: this.config().signatureMode, contentMode: this.config().contentMode };
    let index = 0;
    for (const row of ready) {
      if (run !== this.run) return;
      const docs = this.toSign(row);
      if (docs.length === 0) continue;
      row.state = 'signing';
      const signatures = new Map<string, string>();
      try {
        for (const [i, doc] of docs.entries()) {
          index++;
          this.go({ name: 'signing', index, total, current: this.registerLabel(row) });
          const content = doc.Content!;
          const signature = await adapter.sign(content, {
            thumbprint: options.thumbprint,
            detached: options.signatureMode === 'detached',
            contentMode: options.contentMode,
          });
          // The element went away (reload, navigation) while the PIN window was open: nothing more from this run.
          if (run !== this.run) return;
          verifyLocally(signature, content, options);
          signatures.set(doc.Id, signature);
          this.emit(createOfdSignedEvent({ applicationId: row.id, documentId: doc.Id, index: i + 1, total: docs.length, signature }));
        }
      } catch (error) {
        // The token, the plug-in or the user stopped signing: the same would happen for every next application.
        row.state = 'ready';
        if (run !== this.run) return;
        const problem = this.problem(error);
        const cancelled = CANCELLED.test(problem.code);
        for (const r of this.rows) if (r.state === 'ready') r.reason = this.m.notSigned;
        this.go({ name: 'table', ...(cancelled ? { cancelled } : { stopped: problem }) });
        this.emit(createOfdErrorEvent({ ...problem, cause: error }));
        return;
      }
      if (run !== this.run) return;
      await this.send(row, signatures, run);
    }
    if (run === this.run) this.go({ name: 'table' });
  }

  /** Retries the applications that can be retried: reloads them (status first), then signs what is ready. */
  async retry(): Promise<void> {
    if (this.step.name !== 'table' || !this.chosen) return;
    const run = ++this.run;
    const rows = this.rows.filter((r) => r.retriable && r.state === 'error');
    for (const row of rows) this.pollers.get(row.id)?.stop();
    await Promise.all(rows.map((row) => this.loadRow(row, run)));
    if (run !== this.run) return;
    this.step = { name: 'table' };
    if (this.pendingDocuments > 0) await this.signAll();
    else this.go({ name: 'table' });
  }

  /** Reads every application again (after the single-application form of one of them was used). */
  async refreshAll(): Promise<void> {
    if (this.step.name !== 'table') return;
    await Promise.all(
      this.rows
        .filter((r) => r.state === 'report' || r.state === 'tracking')
        .map(async (row) => {
          try {
            await row.session.refresh();
            this.noteStatus(row);
            this.settle(row);
          } catch {
            /* the next poll or retry will tell */
          }
        }),
    );
    this.host.requestUpdate();
  }

  registerLabel(row: BatchRow): string {
    const kkt = row.session.application?.KktDetails;
    const label = [kkt?.Model, kkt?.SerialNumber].filter(Boolean).join(' № ');
    return label || row.id;
  }

  toSign(row: BatchRow): ApplicationDocument[] {
    const sent = new Set(readStored<string[]>('session', batchSentKey(row.id)) ?? []);
    return row.session.toSign.filter((d) => d.Content && !sent.has(d.Id.toLowerCase()));
  }

  /** Counts from OFD's own view: documents it shows signed, of all documents of the current round. */
  documentCounts(row: BatchRow): { signed: number; total: number } {
    const docs = row.session.application?.Documents ?? [];
    return { signed: docs.filter((d) => d.Signature === 'Signed').length, total: docs.length };
  }

  private get m() {
    return batchMessages(this.config().lang);
  }

  private async askPinCaching(): Promise<void> {
    if (this.pinCached !== undefined || !this.chosen) return;
    const adapter = this.config().adapter() as SignerAdapterPort & { cachePin?: (thumbprint: string) => Promise<boolean> };
    try {
      this.pinCached = (await adapter.cachePin?.(this.chosen.thumbprint)) ?? false;
    } catch {
      this.pinCached = false;
    }
  }

  /** Loads one application and moves it on until it is ready to sign or has something else to show. */
  private async loadRow(row: BatchRow, run: number): Promise<void> {
    const chosen = this.chosen!;
    row.state = 'loading';
    row.reason = undefined;
    row.retriable = false;
    try {
      let app = await row.session.refresh();
      const identity = checkSignerIdentity(chosen.info.subject, app.CompanyDetails);
      if (identity.problems.length > 0) {
        // Another company's register: marked and left alone; the others go on.
        row.state = 'skipped';
        row.reason = this.problem(identity.problems[0]!).message;
        return;
      }
      const names = signerNamesFrom(chosen.info.subject, app.CompanyDetails);
      for (let polls = 0; ; polls++) {
        if (run !== this.run) return;
        const phase = applicationPhase(app);
        // Awaiting signature with no document in hand (the status lists none): prepare again, a few times at most.
        const nothingToSign = phase === 'awaiting-signature' && row.session.toSign.length === 0 && polls < 3;
        if (phase === 'needs-prepare' || (phase === 'awaiting-signature' && (nothingToSign || preparedForOther(app.Documents ?? [], names.LastName)))) {
          app = await row.session.prepare(names);
          continue;
        }
        if (phase === 'awaiting-documents') {
          if (polls > AWAIT_DOCUMENTS_POLLS) throw new DocumentsNotReadyError(row.id);
          await sleep(this.config().pollInitialMs);
          app = await row.session.refresh();
          continue;
        }
        break;
      }
      this.noteStatus(row);
      this.settle(row);
    } catch (error) {
      row.state = 'error';
      row.reason = this.problem(error).message;
      row.retriable = true;
    } finally {
      this.host.requestUpdate();
    }
  }

  /** Puts a loaded row in the state its application is in, and follows it when OFD or FNS are working on it. */
  private settle(row: BatchRow): void {
    const app = row.session.application!;
    const phase = applicationPhase(app);
    const sent = new Set(readStored<string[]>('session', batchSentKey(row.id)) ?? []);
    const unsigned = row.session.toSign;
    row.retriable = false;
    switch (phase) {
      case 'awaiting-signature':
        if (unsigned.some((d) => sent.has(d.Id.toLowerCase()))) {
          // This browser sent (or may have sent) one of them: never again; the status will tell.
          row.state = 'unresolved';
          row.reason = this.m.unresolved;
          this.follow(row);
        } else {
          row.state = 'ready';
          row.reason = undefined;
        }
        return;
      case 'needs-report':
        row.state = 'report';
        row.reason = undefined;
        return;
      case 'approved':
        row.state = 'approved';
        row.reason = undefined;
        return;
      case 'rejected':
        row.state = 'rejected';
        row.reason = app.StatusReason ?? '';
        return;
      case 'failed':
        row.state = 'failed';
        row.reason = app.StatusReason || this.problem('APPLICATION_FAILED').message;
        return;
      default:
        row.state = 'tracking';
        row.reason = undefined;
        this.follow(row);
    }
  }

  /**
   * Sends one application's signatures, each at most once, reconciling through the status first. Holds the same
   * per-application Web Lock as the single journey, so another tab on the same application sends strictly before or
   * after, and then sees OFD's answer.
   */
  private async send(row: BatchRow, signatures: Map<string, string>, run: number): Promise<void> {
    row.state = 'sending';
    this.host.requestUpdate();
    const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
    if (typeof locks?.request === 'function') await locks.request(`ofd-signer:send:${row.id}`, () => this.sendLocked(row, signatures, run));
    else await this.sendLocked(row, signatures, run);
  }

  private async sendLocked(row: BatchRow, signatures: Map<string, string>, run: number): Promise<void> {
    const client = this.config().client()!;
    const key = batchSentKey(row.id);
    const sentIds: string[] = [];
    let unknown = false;
    try {
      const fresh = await row.session.refresh();
      // One rule with the single flow (round-documents.ts): a status listing no documents sends them all.
      const plan = planSend([...signatures.keys()], fresh);
      if (plan.send.length === 0 && plan.notAwaited.length > 0) throw new WidgetError('DOCUMENTS_CHANGED', { detail: plan.notAwaited.join(',') });
      const pending = new Set(plan.send.map((id) => id.toLowerCase()));
      for (const [documentId, signature] of signatures) {
        if (!pending.has(documentId.toLowerCase())) continue;
        // The element went away (reload): a new one may already be reading these documents as unsigned and unmarked.
        if (run !== this.run) return;
        // Written before the request leaves: after a reload or a lost answer this document is never sent again.
        writeStored('session', key, [...(readStored<string[]>('session', key) ?? []), documentId.toLowerCase()]);
        try {
          await client.sign(row.id, documentId, signature);
          sentIds.push(documentId);
        } catch (error) {
          if ((error as { code?: string }).code !== 'SIGN_OUTCOME_UNKNOWN') {
            // A definite refusal: the document was not taken, it may be signed again later.
            writeStored('session', key, (readStored<string[]>('session', key) ?? []).filter((id) => id !== documentId.toLowerCase()));
            throw error;
          }
          unknown = true;
        }
      }
      if (sentIds.length > 0) this.emit(createOfdSentEvent({ applicationId: row.id, documentIds: sentIds }));
      if (unknown) {
        row.state = 'unresolved';
        row.reason = this.m.unresolved;
        this.follow(row);
      } else {
        row.state = 'tracking';
        row.reason = undefined;
        this.follow(row, true);
      }
    } catch (error) {
      if (sentIds.length > 0) this.emit(createOfdSentEvent({ applicationId: row.id, documentIds: sentIds }));
      const problem = this.problem(error);
      row.state = 'error';
      row.reason = problem.message;
      row.retriable = true;
      this.emit(createOfdErrorEvent({ ...problem, cause: error }));
    }
    this.host.requestUpdate();
  }

  /** Polls one application with the element's backoff until it reaches an end or needs the user. */
  private follow(row: BatchRow, immediately = false): void {
    this.pollers.get(row.id)?.stop();
    const poller = new StatusPoller(() => this.pollRow(row), {
      initialMs: this.config().pollInitialMs,
      maxMs: this.config().pollMaxMs,
      document: globalThis.document,
    });
    this.pollers.set(row.id, poller);
    poller.start(immediately);
  }

  private async pollRow(row: BatchRow): Promise<PollStep> {
    const before = `${row.session.application?.Stage}/${row.session.application?.Status}/${this.documentCounts(row).signed}`;
    await row.session.refresh();
    const after = `${row.session.application?.Stage}/${row.session.application?.Status}/${this.documentCounts(row).signed}`;
    this.noteStatus(row);
    const previous = row.state;
    this.settle(row);
    if (row.state !== previous) this.announce(this.m.announceRow(this.registerLabel(row), this.m.states[row.state]));
    this.host.requestUpdate();
    if (row.state === 'tracking' || row.state === 'unresolved') return before === after ? 'same' : 'changed';
    return 'stop';
  }

  private noteStatus(row: BatchRow): void {
    const app = row.session.application;
    if (!app) return;
    const key = `${app.Stage ?? ''}/${app.Status}`;
    if (this.lastStatus.get(row.id) === key) return;
    const first = !this.lastStatus.has(row.id);
    this.lastStatus.set(row.id, key);
    this.emit(createOfdStatusEvent({ applicationId: row.id, status: app.Status, ...(app.Stage ? { stage: app.Stage } : {}) }));
    if (first) return;
    if (app.Status === 'Approved') {
      this.emit(createOfdApprovedEvent({ applicationId: row.id, documents: app.ResultDocs.filter((d) => d.DownloadUri).map((d) => ({ type: d.DocType, url: d.DownloadUri! })) }));
    } else if (app.Status === 'Rejected') {
      this.emit(createOfdRejectedEvent({ applicationId: row.id, reason: app.StatusReason ?? '' }));
    }
  }

  private problem(error: unknown): Problem {
    return describeProblem(error, this.config().lang);
  }

  private go(step: BatchStep): void {
    this.step = step;
    if (step.name === 'signing') this.announce(this.m.signingProgress(step.index, step.total));
    else if (step.name === 'plugin' && step.problem) this.announce(step.problem.message);
    else if (step.name === 'table' && step.stopped) this.announce(step.stopped.message);
    else if (step.name === 'table' && step.cancelled) this.announce(messages(this.config().lang).errors.PIN_CANCELLED!);
    this.host.requestUpdate();
  }

  announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  private emit(event: Event): void {
    this.host.dispatchEvent(event);
  }

  private stopPolling(): void {
    for (const poller of this.pollers.values()) poller.stop();
    this.pollers.clear();
  }
}

/** Documents carry the signer's surname: prepared for someone else, they must be made again for this signer. */
function preparedForOther(docs: readonly ApplicationDocument[], lastName: string): boolean {
  if (!lastName) return false;
  return docs.some((d) => {
    if (!d.Content) return false;
    try {
      const binary = atob(d.Content.replace(/\s+/g, ''));
      const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      const xml = new TextDecoder('windows-1251').decode(bytes);
      const surname = /Фамилия="([^"]*)"/.exec(xml)?.[1];
      return surname !== undefined && surname.trim().toLocaleLowerCase('ru') !== lastName.toLocaleLowerCase('ru');
    } catch {
      return false;
    }
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
