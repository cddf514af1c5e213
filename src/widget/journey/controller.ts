/**
 * The journey of `<ofd-signer>`: one runner per application (a single application is a batch of one) and the
 * screens they share — load every application first (a bad ticket or a foreign application is said before any
 * plug-in step), then the plug-in and one certificate only when something must be prepared or signed, one review,
 * one signing pass through the adapter's batch path (one PIN where CryptoPro keeps it), then each application
 * followed on its own. A failure of one application never stops or undoes another.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BatchDocument } from '../../plugin/sign-batch.js';
import { certificateKey, readStored, writeStored } from '../browser-storage.js';
import { createOfdCertificateChangeEvent, createOfdErrorEvent, createOfdReadyEvent, createOfdSignedEvent } from '../events/index.js';
import { WidgetError } from '../errors/widget-error.js';
import { chunk } from '../lazy.js';
import { describeProblem, messages, type Lang, type Problem } from '../i18n/index.js';
import type { CertificateChoice, ContentMode, OfdClientPort, SignatureMode, SignerAdapterPort } from '../ports.js';
import type { ReportValidation } from '../registration-report-form.js';
import { ownerName } from '../signer-identity.js';
import { BUSY, type AppEvent, type AppState, type DocumentSignature, type Notice } from './machine.js';
import { ApplicationRunner } from './runner.js';
import { tableSummary } from '../views/batch/rows.js';

/** Statuses of a batch that change within this long are announced as one summary. */
const TABLE_ANNOUNCE_MS = 1000;
import type { SigningOptions } from './verify.js';

export interface JourneyConfig {
  /** One id: the single journey; several: a batch. */
  applicationIds: readonly string[];
  batch: boolean;
  lang: Lang;
  signatureMode: SignatureMode;
  contentMode: ContentMode;
  /** An injected adapter; none: CryptoPro's, created when the plug-in is first needed. */
  adapter: () => SignerAdapterPort | undefined;
  client: () => OfdClientPort | undefined;
  pollInitialMs: number;
  pollMaxMs: number;
}

/** What the journey shows besides an application's own state. */
export type Screen =
  /** Reading the applications (before anything else). */
  | { name: 'loading' }
  | { name: 'plugin'; problem?: Problem }
  | { name: 'certificates' }
  /** A certificate was chosen: the applications are checked and prepared. */
  | { name: 'preparing' }
  | { name: 'review' }
  | { name: 'signing'; index: number; total: number; current: string }
  /** Signing stopped (PIN cancelled, token, plug-in, local check): what was sent stays sent, nothing else left. */
  | { name: 'stopped'; problem: Problem; cancelled: boolean }
  /** Each application where it stands (the single journey shows its one application; a batch, the table). */
  | { name: 'outcome' };

/** The plug-in side (adapter, batch signing, local check), fetched the first time something must be signed. */
const pluginKit = chunk('plugin', () => import('../plugin-kit.js'));

export interface JourneyHost extends ReactiveControllerHost, EventTarget {}

export class JourneyController implements ReactiveController {
  screen: Screen = { name: 'loading' };
  runners: ApplicationRunner[] = [];
  certificates: readonly CertificateChoice[] = [];
  chosen: CertificateChoice | undefined;
  rememberedThumbprint: string | undefined;
  pluginVersion: string | undefined;
  pluginOutdated = false;
  /** How many times the plug-in was checked, and when last (so "check again" visibly did something). */
  pluginChecks = 0;
  pluginCheckedAt: Date | undefined;
  /** True: CryptoPro keeps the PIN for the session; false: it asks per document; undefined: not asked yet. */
  pinCached: boolean | undefined;
  /** Sending progress of the application being sent. */
  sendingProgress: { index: number; total: number } | undefined;
  /** Live-region text: progress, statuses and errors announced to assistive technology. */
  announcement = '';
  private life = new AbortController();
  private defaultAdapter: SignerAdapterPort | undefined;
  private holding = false;
  private tableAnnouncement: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: JourneyHost,
    private readonly config: () => JourneyConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  get batch(): boolean {
    return this.config().batch;
  }

  /** Starts over: reads every application, then goes where they stand. */
  start(): void {
    this.stop();
    const life = (this.life = new AbortController());
    const { applicationIds, pollInitialMs, pollMaxMs } = this.config();
    const client = this.config().client();
    this.runners = [];
    this.defaultAdapter = undefined;
    this.chosen = undefined;
    this.pinCached = undefined;
    this.certificates = [];
    if (applicationIds.length === 0 || !client) return;
    this.rememberedThumbprint = applicationIds.map((id) => readStored<string>('local', certificateKey(id))).find(Boolean);
    const timing = { initialMs: pollInitialMs, maxMs: pollMaxMs };
    const host = {
      client,
      document: globalThis.document,
      changed: () => life.signal.aborted || this.onChange(),
      notify: (runner: ApplicationRunner, notice: Notice) => life.signal.aborted || this.notify(runner, notice),
      sending: (_runner: ApplicationRunner, index: number, total: number) => {
        this.sendingProgress = { index, total };
        this.announce(messages(this.config().lang).sendingProgress(index, total));
      },
    };
    this.runners = applicationIds.map((id) => new ApplicationRunner(id, timing, host));
    this.show({ name: 'loading' });
    this.tell(this.runners, { type: 'start' });
  }

  stop(): void {
    this.life.abort();
    clearTimeout(this.tableAnnouncement);
    for (const runner of this.runners) runner.stop();
  }

  private async adapter(): Promise<SignerAdapterPort> {
    return this.config().adapter() ?? (this.defaultAdapter ??= (await pluginKit()).createCryptoProAdapter());
  }

  /** Why a listed certificate cannot sign, in words (the adapter's sentences); unknown reasons as they came. */
  unusableReason(reason: string, lang: Lang): string {
    const texts: Record<string, string> | undefined = pluginKit.module?.unusableReasonMessages[lang];
    return texts?.[reason] ?? reason;
  }

  /** Loads the plug-in and lists the certificates; then the certificate list and `ofd-ready`, or the plug-in problem. */
  async checkPlugin(): Promise<void> {
    const signal = this.life.signal;
    this.show({ name: 'plugin' });
    try {
      // The adapter's certificate sentences come with the chunk, even when the adapter is injected.
      const kit = pluginKit();
      const adapter = await this.adapter();
      await kit;
      await adapter.load();
      const [about, certificates] = await Promise.all([adapter.about(), adapter.listCertificates({ includeTokens: true })]);
      if (signal.aborted || this.screen.name !== 'plugin') return;
      this.pluginVersion = about.pluginVersion;
      this.pluginOutdated = Boolean(about.outdated);
      this.certificates = sortCertificates(certificates, this.rememberedThumbprint);
      this.show({ name: 'certificates' });
      this.emit(createOfdReadyEvent({ pluginVersion: about.pluginVersion, usableCertificates: certificates.filter((c) => c.usable).length }));
    } catch (error) {
      if (signal.aborted || this.screen.name !== 'plugin') return;
      this.pluginChecks++;
      this.pluginCheckedAt = new Date();
      const problem = this.problem(error);
      this.show({ name: 'plugin', problem });
      this.emit(createOfdErrorEvent({ ...problem, cause: error }));
    }
  }

  /** One certificate for every application; each is then checked and prepared on its own. */
  chooseCertificate(thumbprint: string): void {
    const chosen = this.certificates.find((c) => c.thumbprint === thumbprint && c.usable);
    // A double click must not prepare twice: only the certificate list accepts a choice.
    if (!chosen || this.screen.name !== 'certificates') return;
    this.chosen = chosen;
    this.rememberedThumbprint = thumbprint;
    for (const runner of this.runners) writeStored('local', certificateKey(runner.id), thumbprint);
    this.emit(createOfdCertificateChangeEvent({ thumbprint, owner: ownerName(chosen.info.subject) }));
    this.show({ name: 'preparing' });
    const signer = { subject: chosen.info.subject };
    this.tell(this.runners, { type: 'signer', signer });
  }

  /** Back to the certificate list (from the identity check or the review). */
  changeCertificate(): void {
    if (this.certificates.length === 0) void this.checkPlugin();
    else this.show({ name: 'certificates' });
  }

  /** "Повторить": the applications that failed are read again; a batch then signs what became ready. */
  async retry(): Promise<void> {
    // The single journey's "try again" after a stopped signing: back to its review.
    if (!this.batch && this.screen.name === 'stopped') return this.show({ name: 'outcome' });
    // The old error goes with the attempt: the live region must not repeat it over the new one.
    this.announce('');
    const failed = this.runners.filter((r) => ['error', 'unresolved'].includes(r.state.phase));
    const signal = this.life.signal;
    this.tell(failed, { type: 'retry' });
    if (!this.batch) return;
    await Promise.all(failed.map((r) => r.when((s) => !BUSY.has(s.phase))));
    if (!signal.aborted && this.pendingDocuments > 0) await this.signAll();
  }

  /** The registration report form was submitted, checked field by field by the form. */
  submitReport(validation: ReportValidation, runner = this.runners[0]): void {
    if (!runner || runner.state.phase !== 'needs-report') return;
    runner.dispatch({ type: 'report', validation });
    const s = runner.state;
    // Focus goes to the first field in error (its message is read with it); the region says how many there are.
    const wrong = s.phase === 'needs-report' && s.validation ? Object.keys(s.validation.errors).length : 0;
    this.announce(wrong > 0 ? messages(this.config().lang).reportErrors(wrong) : '');
  }

  /** Documents still to sign across the applications that can be signed now. */
  get pendingDocuments(): number {
    return this.runners.reduce((n, r) => n + (r.state.phase === 'ready' ? r.state.documents.length : 0), 0);
  }

  /**
   * Every document of every ready application, one after another through the adapter's batch path. Each
   * application's documents are signed, checked and then sent before the next one starts, so a stop leaves whole
   * applications either sent or untouched.
   */
  async signAll(): Promise<void> {
    const chosen = this.chosen;
    const ready = this.runners.filter((r) => r.state.phase === 'ready');
    if (!chosen || ready.length === 0 || !['review', 'outcome', 'stopped'].includes(this.screen.name)) return;
    const signal = this.life.signal;
    const { signatureMode, contentMode } = this.config();
    // A signature over the decoded XML is one OFD does not verify and the proxy refuses (7.4): never made.
    if (contentMode === 'decoded') return this.stopped(new WidgetError('CONTENT_MODE_UNSUPPORTED'), false);
    const options: SigningOptions = { thumbprint: chosen.thumbprint, signatureMode, contentMode };
    const documents: (BatchDocument & { runner: ApplicationRunner; documentId: string; k: number; n: number })[] = [];
    for (const runner of ready) {
      const s = runner.state;
      if (s.phase !== 'ready') continue;
      s.documents.forEach(({ document }, k) =>
        documents.push({ id: `${runner.id}/${document.Id}`, content: document.Content ?? '', runner, documentId: document.Id, k: k + 1, n: s.documents.length }),
      );
      runner.dispatch({ type: 'sign' });
    }
    const progress = (index: number) => {
      const doc = documents[Math.min(index, documents.length) - 1]!;
      this.show({ name: 'signing', index, total: documents.length, current: registerLabel(doc.runner.state) });
    };
    progress(1);
    let round: DocumentSignature[] = [];
    const stopSigning = () => this.tell(this.runners, { type: 'sign-stopped' });
    try {
      const [{ signBatch, verifyLocally }, adapter] = await Promise.all([pluginKit(), this.adapter()]);
      if (signal.aborted) return;
      const result = await signBatch(
        { sign: (content, o) => adapter.sign(content, o), cachePin: async () => false },
        documents,
        {
          thumbprint: options.thumbprint,
          detached: signatureMode === 'detached',
          contentMode,
          cachePin: false,
          signal,
          onSigned: async ({ index, signature }) => {
            if (signal.aborted) return;
            const doc = documents[index]!;
            verifyLocally(signature, doc.content, options);
            round.push({ documentId: doc.documentId, signature });
            this.emit(createOfdSignedEvent({ applicationId: doc.runner.id, documentId: doc.documentId, index: doc.k, total: doc.n, signature }));
            if (doc.k === doc.n) {
              // This application is complete: send it before the next one is signed.
              doc.runner.dispatch({ type: 'signed', signatures: round });
              round = [];
              await doc.runner.when((s) => s.phase !== 'sending');
            }
            if (!signal.aborted && index + 1 < documents.length) progress(index + 2);
          },
        },
      );
      if (signal.aborted) return;
      stopSigning();
      if (result.failure) {
        // Told by the code, not the text; an error of another copy of the adapter arrives wrapped as PLUGIN_ERROR.
        const { error } = result.failure;
        const original = error.code === 'PLUGIN_ERROR' && codeOf(error.cause) ? error.cause : error;
        return this.stopped(original, codeOf(original) === 'USER_CANCELLED');
      }
    } catch (error) {
      if (signal.aborted) return;
      stopSigning();
      return this.stopped(error, false);
    }
    this.show({ name: 'outcome' });
  }

  private stopped(error: unknown, cancelled: boolean): void {
    const problem = this.problem(error);
    // The screen says it in a role=alert (read once); the region's old progress text goes.
    this.show({ name: 'stopped', problem, cancelled });
    this.announce('');
    this.emit(createOfdErrorEvent({ ...problem, cause: error }));
  }

  /** Dispatches to several runners and looks at the journey once, when all of them have moved. */
  private tell(runners: readonly ApplicationRunner[], event: AppEvent): void {
    this.holding = true;
    try {
      for (const runner of runners) runner.dispatch(event);
    } finally {
      this.holding = false;
    }
    this.onChange();
  }

  /** An application moved: the journey follows when every application is where the user can act. */
  private onChange(): void {
    if (this.holding) return;
    const settled = this.runners.every((r) => !BUSY.has(r.state.phase) || r.state.phase === 'signing' || r.state.phase === 'sending');
    const needsSigner = this.runners.some((r) => r.state.phase === 'needs-signer');
    const name = this.screen.name;
    // The batch's report round: the certificate is asked once, after the last report form, not in the middle of it.
    const reporting = this.batch && name === 'outcome' && this.runners.some((r) => r.state.phase === 'needs-report');
    if (needsSigner && !this.chosen && !reporting && !['plugin', 'certificates'].includes(name) && (name !== 'loading' || settled)) {
      void this.checkPlugin();
    } else if (name === 'loading' && settled) {
      this.show({ name: 'outcome' });
    } else if (name === 'preparing' && settled) {
      void this.toReview();
    }
    this.host.requestUpdate();
  }

  private async toReview(): Promise<void> {
    const signal = this.life.signal;
    if (this.pendingDocuments > 1 && this.pinCached === undefined && this.chosen) {
      try {
        const adapter = await this.adapter();
        this.pinCached = (await adapter.cachePin?.(this.chosen.thumbprint)) ?? false;
      } catch {
        this.pinCached = false;
      }
      if (signal.aborted || this.screen.name !== 'preparing') return;
    }
    this.show(this.pendingDocuments > 0 ? { name: 'review' } : { name: 'outcome' });
  }

  private notify(runner: ApplicationRunner, notice: Notice): void {
    // Read once: the screen shows an error in a role=alert; the live region does not repeat it.
    if (notice.name === 'error') return this.emit(createOfdErrorEvent({ ...this.problem(notice.error), cause: notice.error }));
    const { name, ...detail } = notice;
    // The notice is the event's detail less the application id (machine.ts types it from HTMLElementEventMap).
    this.emit(new CustomEvent(`ofd-${name}`, { detail: { applicationId: runner.id, ...detail }, bubbles: true, composed: true }));
    if (notice.name !== 'status') return;
    if (this.batch) return this.announceTable();
    const m = messages(this.config().lang);
    this.announce(m.statusAnnounce(m.statuses[notice.status] ?? notice.status));
  }

  problem(error: unknown): Problem {
    return describeProblem(error, this.config().lang);
  }

  private show(screen: Screen): void {
    this.screen = screen;
    if (screen.name === 'signing') this.announce(messages(this.config().lang).signingProgress(screen.index, screen.total));
    this.host.requestUpdate();
  }

  /**
   * The batch's statuses change a dozen at a time: one summary of the table is announced after they settle for a
   * moment, instead of a message per application pushed into one polite region.
   */
  private announceTable(): void {
    clearTimeout(this.tableAnnouncement);
    const life = this.life.signal;
    this.tableAnnouncement = setTimeout(() => {
      if (life.aborted) return;
      const b = messages(this.config().lang).batch;
      this.announce(b.announceSummary(tableSummary(this.runners.map((r) => r.state), b)));
    }, TABLE_ANNOUNCE_MS);
  }

  announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  private emit(event: Event): void {
    this.host.dispatchEvent(event);
  }
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** "АТОЛ 30Ф № 00106712345601", or the id while the application is not loaded. */
export function registerLabel(s: AppState): string {
  const kkt = s.app?.KktDetails;
  return [kkt?.Model, kkt?.SerialNumber].filter(Boolean).join(' № ') || s.id;
}

/** Usable first, the remembered one first of all, then by expiry (latest first). */
function sortCertificates(list: readonly CertificateChoice[], remembered: string | undefined): CertificateChoice[] {
  const rank = (c: CertificateChoice) => (c.thumbprint === remembered && c.usable ? 0 : c.usable ? 1 : 2);
  return [...list].sort((a, b) => rank(a) - rank(b) || b.info.notAfter.getTime() - a.info.notAfter.getTime());
}
