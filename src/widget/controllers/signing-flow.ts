import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { applicationPhase, statusShown } from '../application-phase.js';
import { certificateKey, preparedKey, readStored, trackingKey, writeStored } from '../browser-storage.js';
import { WidgetError } from '../errors/widget-error.js';
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
import type { CertificateChoice, ContentMode, OfdClientPort, SignatureMode, SignerAdapterPort, SignerNames } from '../ports.js';
import { checkSignerIdentity, ownerName, signerNamesFrom, type IdentityProblem } from '../signer-identity.js';
import { validateRegistrationReport, type ReportInput, type ReportValidation } from '../registration-report-form.js';
import { StatusPoller } from '../status-poller.js';
import { ApplicationSession } from './application-session.js';
import { checkPlugin } from './plugin-check.js';

/** The visible state; the element renders exactly one at a time. */
export type FlowStep =
  | { name: 'missing'; what: 'application' | 'ticket' }
  | { name: 'plugin'; problem?: Problem }
  | { name: 'certificates' }
  | { name: 'application'; activity: 'loading' | 'preparing' | 'awaiting-documents' | 'report' }
  | { name: 'identity'; problems: IdentityProblem[] }
  | { name: 'review'; cancelled?: boolean }
  | { name: 'signing'; index: number; total: number }
  | { name: 'sending'; index: number; total: number }
  | { name: 'status'; unresolved?: boolean }
  | { name: 'report'; validation?: ReportValidation; problem?: Problem }
  | { name: 'approved' }
  | { name: 'rejected' }
  | { name: 'error'; problem: Problem; retry?: () => void };

export interface FlowConfig {
  applicationId: string;
  ticket: string;
  lang: Lang;
  signatureMode: SignatureMode;
  contentMode: ContentMode;
  adapter: () => SignerAdapterPort;
  client: () => OfdClientPort | undefined;
  pollInitialMs: number;
  pollMaxMs: number;
}

export interface FlowHost extends ReactiveControllerHost, EventTarget {}

/** Errors that mean "the user closed CryptoPro's PIN window": back to the review, nothing sent. */
const CANCELLED = /CANCEL/i;
/** Polls in a row that still show our documents unsigned after a send whose outcome was unknown. */
const UNRESOLVED_AFTER = 6;

/**
 * The journey as a state machine: the element asks it to start and forwards the user's actions; it owns
 * every transition, the plug-in and API calls, the events and what is remembered between visits.
 */
export class SigningFlow implements ReactiveController {
  step: FlowStep = { name: 'plugin' };
  certificates: readonly CertificateChoice[] = [];
  chosen: CertificateChoice | undefined;
  rememberedThumbprint: string | undefined;
  pluginVersion: string | undefined;
  pluginOutdated = false;
  session: ApplicationSession | undefined;
  /** Live-region text: progress and errors announced to assistive technology. */
  announcement = '';
  private run = 0;
  private poller: StatusPoller | undefined;
  private lastStatus = '';
  private unresolvedPolls = 0;

  constructor(
    private readonly host: FlowHost,
    private readonly config: () => FlowConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopPolling();
    this.run++;
  }

  /** (Re)starts from the beginning, or from status tracking when this tab already sent the signatures. */
  start(): void {
    const run = ++this.run;
    this.stopPolling();
    const { applicationId, ticket } = this.config();
    const client = this.config().client();
    if (!applicationId) return this.go({ name: 'missing', what: 'application' });
    if (!ticket && !client) return this.go({ name: 'missing', what: 'ticket' });
    this.session = new ApplicationSession(applicationId, client!);
    this.rememberedThumbprint = readStored<string>('local', certificateKey(applicationId));
    if (readStored('session', trackingKey(applicationId))) void this.resume(run);
    else void this.checkPlugin(run);
  }

  async checkPlugin(run = ++this.run): Promise<void> {
    await checkPlugin({
      adapter: () => this.config().adapter(),
      isCurrent: () => run === this.run,
      problem: (error) => this.problem(error),
      go: (step) => this.go(step),
      emit: (event) => this.emit(event),
      found: (about, certificates) => {
        this.pluginVersion = about.pluginVersion;
        this.pluginOutdated = Boolean(about.outdated);
        this.certificates = sortCertificates(certificates, this.rememberedThumbprint);
      },
    });
  }

  /** The user picked a certificate: remember it, load the application, check who signs, prepare documents. */
  async chooseCertificate(thumbprint: string): Promise<void> {
    const chosen = this.certificates.find((c) => c.thumbprint === thumbprint && c.usable);
    // A double click must not prepare twice: only the certificate list accepts a choice.
    if (!chosen || !this.session || this.step.name !== 'certificates') return;
    this.chosen = chosen;
    writeStored('local', certificateKey(this.session.id), thumbprint);
    this.rememberedThumbprint = thumbprint;
    this.emit(createOfdCertificateChangeEvent({ thumbprint, owner: ownerName(chosen.info.subject) }));
    await this.loadApplication(++this.run);
  }

  /** Back to the certificate list (from the identity check or the review). */
  changeCertificate(): void {
    this.run++;
    this.stopPolling();
    this.go({ name: 'certificates' });
  }

  private async loadApplication(run: number): Promise<void> {
    const session = this.session!;
    const chosen = this.chosen!;
    await this.guard(run, () => this.loadApplication(++this.run), async () => {
      this.go({ name: 'application', activity: 'loading' });
      const app = await session.refresh();
      if (run !== this.run) return;
      this.noteStatus(statusShown(app), app.Stage);
      const identity = checkSignerIdentity(chosen.info.subject, app.CompanyDetails);
      if (identity.problems.length > 0) {
        this.go({ name: 'identity', problems: identity.problems });
        const problem = describeProblem(identity.problems[0]!, this.config().lang);
        this.emit(createOfdErrorEvent(problem));
        return;
      }
      await this.advance(run);
    });
  }

  /** Moves the application on from wherever it stands until the user has something to do. */
  private async advance(run: number): Promise<void> {
    const session = this.session!;
    let emptyRounds = 0;
    for (;;) {
      if (run !== this.run) return;
      const phase = session.phase;
      // Awaiting signature with no document in hand (generated after AwaitingDocuments, and the status answer
      // lists none — round-documents.ts): prepare again, which answers with the documents; nothing is signed yet.
      const nothingToSign = phase === 'awaiting-signature' && session.toSign.length === 0;
      if (nothingToSign && ++emptyRounds > 2) throw new WidgetError('NO_DOCUMENTS');
      if (phase === 'needs-prepare' || (phase === 'awaiting-signature' && (nothingToSign || this.preparedForSomeoneElse()))) {
        // The documents carry the signer's name and title: after "choose another certificate" they must be made
        // again, or the new signer would sign papers naming the previous one.
        this.go({ name: 'application', activity: 'preparing' });
        const names = signerNamesFrom(this.chosen!.info.subject, session.application?.CompanyDetails);
        await session.prepare(names);
        writeStored('session', preparedKey(session.id), names);
      } else if (phase === 'awaiting-documents') {
        this.go({ name: 'application', activity: 'awaiting-documents' });
        await this.waitForDocuments(run);
      } else if (phase === 'awaiting-signature') {
        this.go({ name: 'review' });
        return;
      } else if (phase === 'needs-report') {
        this.go({ name: 'report' });
        return;
      } else {
        return this.track(run);
      }
      this.noteStatus(statusShown(session.application!), session.application!.Stage);
    }
  }

  /**
   * True when this tab prepared the current documents with other names than the chosen certificate's and none
   * of them is signed yet (OFD lets a round be prepared again until then). Unknown preparers are left alone.
   */
  private preparedForSomeoneElse(): boolean {
    const session = this.session!;
    const prepared = readStored<SignerNames>('session', preparedKey(session.id));
    if (!prepared || !this.chosen) return false;
    const wanted = signerNamesFrom(this.chosen.info.subject, session.application?.CompanyDetails);
    const same = prepared.LastName === wanted.LastName && prepared.GivenName === wanted.GivenName && (prepared.Position ?? '') === (wanted.Position ?? '');
    const roundStarted = (session.application?.Documents ?? []).some((d) => d.Signature === 'Signed' && d.Content);
    return !same && !roundStarted;
  }

  private async waitForDocuments(run: number): Promise<void> {
    const { pollInitialMs, pollMaxMs } = this.config();
    let delay = pollInitialMs;
    while (run === this.run && this.session!.phase === 'awaiting-documents') {
      await sleep(delay);
      await whenVisible();
      delay = Math.min(pollMaxMs, delay * 1.6);
      await this.session!.refresh();
    }
  }

  /** Signs every document, checks each signature, then sends each once and follows the status. */
  async signAll(): Promise<void> {
    const session = this.session;
    const chosen = this.chosen;
    if (!session || !chosen || this.step.name !== 'review') return;
    const run = ++this.run;
    const { signatureMode, contentMode, lang } = this.config();
    try {
      await session.signAll(
        this.config().adapter(),
        { thumbprint: chosen.thumbprint, signatureMode, contentMode },
        (doc, signature, index, total) =>
          this.emit(createOfdSignedEvent({ applicationId: session.id, documentId: doc.Id, index, total, signature })),
        (index, total) => this.go({ name: 'signing', index, total }),
      );
    } catch (error) {
      if (run !== this.run) return;
      session.signatures.clear();
      if (CANCELLED.test(String((error as { code?: unknown }).code ?? ''))) {
        this.go({ name: 'review', cancelled: true });
        this.announce(describeProblem('PIN_CANCELLED', lang).message);
        return;
      }
      return this.fail(error, () => this.go({ name: 'review' }));
    }
    await this.send(run);
  }

  private async send(run: number): Promise<void> {
    const session = this.session!;
    // From here on a reload must not start over: it resumes by following the status.
    writeStored('session', trackingKey(session.id), { since: Date.now() });
    await this.guard(run, () => this.resume(++this.run), async () => {
      let outcome;
      try {
        outcome = await session.sendAll((index, total) => this.go({ name: 'sending', index, total }));
      } catch (error) {
        // A definite refusal (an unknown outcome is not thrown): after "try again" the user may sign afresh.
        writeStored('session', trackingKey(session.id), undefined);
        throw error;
      }
      if (outcome.sent.length > 0) this.emit(createOfdSentEvent({ applicationId: session.id, documentIds: outcome.sent }));
      this.unresolvedPolls = 0;
      await this.track(run, outcome.unknown.length > 0);
    });
  }

  /** Follows the status with backoff until it ends or needs the user again. */
  private async track(run: number, unresolved = false): Promise<void> {
    if (run !== this.run) return;
    this.go({ name: 'status', unresolved });
    if (this.settle(run)) return;
    const { pollInitialMs, pollMaxMs } = this.config();
    this.stopPolling();
    this.poller = new StatusPoller(
      async () => {
        if (run !== this.run) return 'stop';
        const before = this.lastStatus;
        await this.session!.refresh();
        if (run !== this.run) return 'stop';
        const app = this.session!.application!;
        this.noteStatus(statusShown(app), app.Stage);
        if (this.settle(run)) return 'stop';
        return before === this.lastStatus ? 'same' : 'changed';
      },
      { initialMs: pollInitialMs, maxMs: pollMaxMs, document: globalThis.document },
    );
    this.poller.start();
  }

  /** Acts on a state that ends tracking; true when tracking should stop. */
  private settle(run: number): boolean {
    const session = this.session!;
    const app = session.application;
    if (!app) return false;
    switch (applicationPhase(app)) {
      case 'approved':
        writeStored('session', trackingKey(session.id), undefined);
        this.go({ name: 'approved' });
        this.emit(
          createOfdApprovedEvent({
            applicationId: session.id,
            documents: app.ResultDocs.filter((d) => d.DownloadUri).map((d) => ({ type: d.DocType, url: d.DownloadUri! })),
          }),
        );
        return true;
      case 'rejected':
        writeStored('session', trackingKey(session.id), undefined);
        this.go({ name: 'rejected' });
        this.emit(createOfdRejectedEvent({ applicationId: session.id, reason: app.StatusReason ?? '' }));
        return true;
      case 'failed':
        writeStored('session', trackingKey(session.id), undefined);
        this.fail(new WidgetError('APPLICATION_FAILED'), () => this.resume(++this.run));
        return true;
      case 'needs-report':
        // The form needs no plug-in: after a reload the certificate is asked for once the report is in.
        writeStored('session', trackingKey(session.id), undefined);
        this.go({ name: 'report' });
        return true;
      case 'needs-prepare':
        writeStored('session', trackingKey(session.id), undefined);
        if (this.chosen) void this.guard(run, () => this.resume(++this.run), () => this.advance(run));
        else void this.checkPlugin();
        return true;
      case 'awaiting-signature':
        // Our signatures have not shown up: the proxy is reconciling an unknown outcome. Never re-send from here.
        if (++this.unresolvedPolls >= UNRESOLVED_AFTER) {
          writeStored('session', trackingKey(session.id), undefined);
          this.fail(new WidgetError('SIGN_OUTCOME_UNRESOLVED'), () => this.resume(++this.run));
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  /** After a reload (or "check again"): load the application and follow it, without the plug-in when possible. */
  private async resume(run: number): Promise<void> {
    await this.guard(run, () => this.resume(++this.run), async () => {
      this.go({ name: 'application', activity: 'loading' });
      const app = await this.session!.refresh();
      if (run !== this.run) return;
      this.noteStatus(statusShown(app), app.Stage);
      const phase = applicationPhase(app);
      if (phase === 'awaiting-signature' && readStored('session', trackingKey(this.session!.id))) {
        // This tab was sending when it was reloaded: a `sign` may still be on its way to OFD. Follow the status
        // (the proxy reconciles) instead of offering to sign again; settle() gives up after a few polls.
        this.unresolvedPolls = 0;
        await this.track(run, true);
        return;
      }
      if (phase === 'awaiting-signature' || phase === 'needs-prepare' || phase === 'awaiting-documents') {
        writeStored('session', trackingKey(this.session!.id), undefined);
        if (this.chosen) await this.advance(run);
        else await this.checkPlugin(run);
        return;
      }
      await this.track(run);
    });
  }

  /** The registration report form was submitted. */
  async submitReport(input: ReportInput): Promise<void> {
    if (this.step.name !== 'report') return;
    const validation = validateRegistrationReport(input);
    if (!validation.report) {
      this.go({ name: 'report', validation });
      this.announce(describeProblem(Object.values(validation.errors)[0]!, this.config().lang).message);
      return;
    }
    const run = ++this.run;
    try {
      this.go({ name: 'application', activity: 'report' });
      await this.session!.submitReport(validation.report);
      await this.session!.refresh();
      if (run !== this.run) return;
      // Signing the report's documents needs the certificate; after a reload it has not been chosen yet.
      if (this.chosen) await this.advance(run);
      else await this.checkPlugin(run);
    } catch (error) {
      if (run !== this.run) return;
      const problem = this.problem(error);
      this.go({ name: 'report', problem });
      this.emit(createOfdErrorEvent({ ...problem, cause: error }));
    }
  }

  private async guard(run: number, retry: () => void, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (run === this.run) this.fail(error, retry);
    }
  }

  private fail(error: unknown, retry?: () => void): void {
    const problem = this.problem(error);
    this.go({ name: 'error', problem, ...(retry ? { retry } : {}) });
    this.emit(createOfdErrorEvent({ ...problem, cause: error }));
  }

  private problem(error: unknown): Problem {
    return describeProblem(error, this.config().lang);
  }

  private noteStatus(status: string, stage: string | undefined): void {
    const key = `${stage ?? ''}/${status}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    const label = messages(this.config().lang).statuses[status];
    if (label) this.announce(label);
    this.emit(createOfdStatusEvent({ applicationId: this.session!.id, status, ...(stage ? { stage } : {}) }));
  }

  private go(step: FlowStep): void {
    this.step = step;
    const m = messages(this.config().lang);
    if (step.name === 'error' || (step.name === 'plugin' && step.problem)) this.announce(step.problem!.message);
    else if (step.name === 'signing') this.announce(m.signingProgress(step.index, step.total));
    else if (step.name === 'sending') this.announce(m.sendingProgress(step.index, step.total));
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
    this.poller?.stop();
    this.poller = undefined;
  }
}

/** Usable first, the remembered one first of all, then by expiry (latest first). */
function sortCertificates(list: readonly CertificateChoice[], remembered: string | undefined): CertificateChoice[] {
  const rank = (c: CertificateChoice) => (c.thumbprint === remembered ? 0 : c.usable ? 1 : 2);
  return [...list].sort((a, b) => rank(a) - rank(b) || b.info.notAfter.getTime() - a.info.notAfter.getTime());
}

/** Resolves at once, or when a hidden tab is shown again: nobody is waiting for documents in a hidden tab. */
function whenVisible(): Promise<void> {
  const doc = globalThis.document;
  if (doc?.visibilityState !== 'hidden') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('visibilitychange', () => resolve(), { once: true }));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
