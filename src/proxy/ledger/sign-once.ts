/**
 * "Sign exactly once" per (application, document), over any SignLedgerStore:
 * - concurrent duplicates (double click, two tabs, two instances) wait for the one call in flight and get its outcome;
 * - a repeat after success is answered from the ledger without calling OFD;
 * - after a definite refusal by OFD the refusal is answered again: 7.4 (l.2318) allows no repeated `sign`, so a
 *   new attempt goes out only once the status shows OFD moved the application since and awaits the document again
 *   (a refusal of our own, before anything left, leaves the document free);
 * - after an ambiguous failure (timeout, reset, 5xx, garbage) nothing is re-sent: the status is asked instead, and
 *   only when it still shows the document unsigned after a grace period may a new attempt go out;
 * - a claim left by a crashed instance (lease over) is reconciled the same way.
 */
import { randomUUID } from 'node:crypto';
import { ProxyError } from '../errors/proxy-error.js';
import { UpstreamRejection } from '../errors/upstream-rejection.js';
import { unwrapEnvelope } from '../../api/envelope.js';
import { OfdAccessDeniedError } from '../../api/errors/ofd-access-denied-error.js';
import { OfdValidationError } from '../../api/errors/ofd-validation-error.js';
import { viewApplication } from '../upstream/envelope.js';
import { UpstreamTransportError, type UpstreamJson } from '../upstream/ofd-upstream.js';
import { ledgerKey, type LedgerEntry, type RecordedAnswer, type SignLedgerStore } from './store.js';

export interface SignOnceOptions {
  store: SignLedgerStore;
  clock: () => number;
  /** The application from OFD; `maxAgeMs` 0 means a fresh call. Throws ProxyError on transport trouble. */
  getApplication(applicationId: string, maxAgeMs?: number): Promise<UpstreamJson>;
  /** The one upstream `sign`. */
  sendSign(applicationId: string, body: { DocumentId: string; Signature: string }): Promise<UpstreamJson>;
  /** How long a claim protects a call in flight; past it, others assume the holder died. */
  leaseMs: number;
  /** How long a duplicate waits for the call in flight before answering SIGN_IN_PROGRESS. */
  waitMs: number;
  /** After an ambiguous attempt, how long the status must keep showing the document unsigned before it may be re-sent. */
  graceMs: number;
  scrub(body: unknown): unknown;
  log?(event: Record<string, unknown>): void;
}

/** Throws a ProxyError when the application, as OFD shows it, must not receive this signature. */
export type CheckBeforeSend = (application: UpstreamJson, documentId: string) => void;

type Reconciled = { kind: 'sent'; answer: RecordedAnswer } | { kind: 'unsent'; application: UpstreamJson } | { kind: 'unknown' };

const REPLACEABLE = ['rejected', 'outcome-unknown'] as const;

export class SignOnceLedger {
  constructor(private readonly o: SignOnceOptions) {}

  /** Returns what the caller is answered; a recorded proxy error comes back as `{ code }`. */
  async sign(
    applicationId: string,
    documentId: string,
    signature: string,
    checkBeforeSend: CheckBeforeSend,
  ): Promise<RecordedAnswer> {
    const key = ledgerKey(applicationId, documentId);
    const deadline = this.o.clock() + this.o.waitMs;
    /** The application as read before claiming: its mark is recorded with a refusal. */
    let seen: UpstreamJson | undefined;
    for (let round = 0; round < 5; round++) {
      let entry = await this.o.store.get(key);
      if (entry?.state === 'in-flight' && entry.leaseUntil > this.o.clock()) {
        entry = await this.waitWhileInFlight(key, deadline);
        if (entry?.state === 'in-flight' && entry.leaseUntil > this.o.clock()) return { status: 409, code: 'SIGN_IN_PROGRESS' };
        // Duplicates share the outcome of the call they waited for.
        if (entry?.state === 'sent' || entry?.state === 'rejected') return entry.answer;
        if (entry?.state === 'outcome-unknown') return { status: 503, code: 'SIGN_OUTCOME_UNKNOWN' };
      }
      if (entry?.state === 'sent') return entry.answer;
      if (entry === undefined || entry.state === 'rejected') {
        // Checked before claiming so that a bad request never holds the document; fresh after a refusal.
        const application = await this.o.getApplication(applicationId, entry ? 0 : undefined);
        if (!application.ok) throw new UpstreamRejection(application.status, this.o.scrub(application.body));
        if (entry?.state === 'rejected' && entry.byOfd && !movedSince(entry.statusMark, application)) {
          return entry.answer;
        }
        seen = application;
        try {
          checkBeforeSend(application, documentId);
        } catch (error) {
          // While the status was read another caller (or instance) may have claimed and sent this document, so
          // "already signed" can be its success: share the ledger's outcome instead of refusing.
          const latest = await this.o.store.get(key);
          if (latest !== undefined && (entry === undefined || latest.state !== 'rejected' || latest.at !== entry.at)) continue;
          throw error;
        }
      }
      const owner = randomUUID();
      const claim = await this.o.store.claim(key, { owner, now: this.o.clock(), leaseMs: this.o.leaseMs }, REPLACEABLE);
      if (!claim.claimed) continue;
      return this.asOwner(key, owner, claim.previous, applicationId, documentId, signature, checkBeforeSend, seen);
    }
    return { status: 409, code: 'SIGN_IN_PROGRESS' };
  }

  private async asOwner(
    key: string,
    owner: string,
    previous: LedgerEntry | undefined,
    applicationId: string,
    documentId: string,
    signature: string,
    checkBeforeSend: CheckBeforeSend,
    seen: UpstreamJson | undefined,
  ): Promise<RecordedAnswer> {
    let attempted = false;
    try {
      if (previous?.state === 'in-flight' || previous?.state === 'outcome-unknown') {
        // Someone may have sent it already: ask OFD before anything else.
        const since = previous.since;
        const updatedBefore = previous.state === 'outcome-unknown' ? previous.updatedBefore : undefined;
        const reconciled = await this.reconcile(applicationId, documentId, since, false, updatedBefore);
        this.o.log?.({ event: 'sign-reconciled', key, previous: previous.state, result: reconciled.kind });
        if (reconciled.kind === 'sent') {
          await this.o.store.settle(key, owner, { state: 'sent', at: this.o.clock(), answer: reconciled.answer });
          return reconciled.answer;
        }
        if (reconciled.kind === 'unknown') {
          await this.o.store.settle(key, owner, { state: 'outcome-unknown', at: this.o.clock(), since, ...(updatedBefore ? { updatedBefore } : {}) });
          return { status: 503, code: 'SIGN_OUTCOME_UNKNOWN' };
        }
        checkBeforeSend(reconciled.application, documentId);
        seen = reconciled.application;
      }
      attempted = true;
      const startedAt = this.o.clock();
      const outcome = await this.send(applicationId, documentId, signature);
      if (outcome.kind === 'sent' || outcome.kind === 'rejected') {
        const entry: Exclude<LedgerEntry, { state: 'in-flight' }> =
          outcome.kind === 'sent'
            ? { state: 'sent', at: this.o.clock(), answer: outcome.answer }
            : { state: 'rejected', at: this.o.clock(), answer: outcome.answer, byOfd: outcome.answer.body !== undefined, ...markOf(seen) };
        await this.o.store.settle(key, owner, entry);
        this.o.log?.({ event: `sign-${outcome.kind}`, key, status: outcome.answer.status });
        return outcome.answer;
      }
      this.o.log?.({ event: 'sign-ambiguous', key, reason: 'reason' in outcome ? outcome.reason : undefined });
      const reconciled = await this.reconcile(applicationId, documentId, startedAt, true);
      if (reconciled.kind === 'sent') {
        await this.o.store.settle(key, owner, { state: 'sent', at: this.o.clock(), answer: reconciled.answer });
        return reconciled.answer;
      }
      await this.o.store.settle(key, owner, { state: 'outcome-unknown', at: this.o.clock(), since: startedAt, ...updatedMarkOf(seen) });
      return { status: 503, code: 'SIGN_OUTCOME_UNKNOWN' };
    } catch (error) {
      // Never leave the claim dangling: before sending, nothing happened; after, we cannot know.
      const entry: Exclude<LedgerEntry, { state: 'in-flight' }> = attempted
        ? { state: 'outcome-unknown', at: this.o.clock(), since: this.o.clock(), ...updatedMarkOf(seen) }
        : { state: 'rejected', at: this.o.clock(), answer: answerFor(error) };
      await this.o.store.settle(key, owner, entry).catch(() => undefined);
      throw error;
    }
  }

  private async send(
    applicationId: string,
    documentId: string,
    signature: string,
  ): Promise<{ kind: 'sent' | 'rejected'; answer: RecordedAnswer } | { kind: 'ambiguous'; reason: string }> {
    let result: UpstreamJson;
    try {
      result = await this.o.sendSign(applicationId, { DocumentId: documentId, Signature: signature });
    } catch (error) {
      if (error instanceof UpstreamTransportError && error.failure === 'refused') {
        // The connection was never made, so OFD cannot have received it.
        return { kind: 'rejected', answer: { status: 502, code: 'UPSTREAM_UNAVAILABLE' } };
      }
      return { kind: 'ambiguous', reason: error instanceof UpstreamTransportError ? error.failure : 'error' };
    }
    const answer = { status: result.status, body: this.o.scrub(result.body) };
    if (result.ok) return { kind: 'sent', answer };
    if (result.status >= 500) return { kind: 'ambiguous', reason: `http-${result.status}` };
    // Only a refusal the spec's tables name is definite (the API client's rule, src/api/envelope.ts): an internal
    // error in a failure body (even on HTTP 200), a numeric 6.1 code with an unlisted message, an unreadable body
    // may all hide a processed `sign`.
    if (!isDefiniteRefusal(result.status, result.body)) return { kind: 'ambiguous', reason: 'not-a-listed-refusal' };
    return { kind: 'rejected', answer };
  }

  private async reconcile(applicationId: string, documentId: string, since: number, justNow = false, updatedBefore?: string): Promise<Reconciled> {
    let application: UpstreamJson;
    try {
      application = await this.o.getApplication(applicationId, 0);
    } catch {
      return { kind: 'unknown' };
    }
    if (!application.ok) return { kind: 'unknown' };
    const view = viewApplication(dataOf(application.body));
    if (!view) return { kind: 'unknown' };
    const document = view.documents.find((d) => d.id === documentId);
    const answer = { status: 200, body: this.o.scrub(application.body) };
    const status = view.status?.toLowerCase();
    if (document?.signature === 'Signed') return { kind: 'sent', answer };
    if (status !== undefined && status !== 'awaitingsignature' && status !== 'awaitingdocuments') {
      return { kind: 'sent', answer };
    }
    // OFD lists the round's documents and this one is not among them: it was replaced by a new prepare, which OFD
    // allows only while nothing of the round is signed — so it was never signed, and cannot be now.
    if (!document && view.documents.length > 0 && (status === 'awaitingsignature' || status === 'awaitingdocuments')) {
      return { kind: 'unsent', application };
    }
    const graceOver = !justNow && status === 'awaitingsignature' && this.o.clock() - since >= this.o.graceMs;
    if (graceOver && document) return { kind: 'unsent', application };
    // `Documents: []` while AwaitingSignature (l.2871, l.3517 show it elsewhere) says nothing about the document:
    // unsent only if OFD has not changed the application at all since before the
    // attempt (UDateUtc, Table 13 "Дата изменения заявки") — a sign it took would have changed it.
    if (graceOver && view.documents.length === 0 && updatedBefore !== undefined && view.updatedAt === updatedBefore) {
      return { kind: 'unsent', application };
    }
    return { kind: 'unknown' };
  }

  private async waitWhileInFlight(key: string, deadline: number): Promise<LedgerEntry | undefined> {
    let delay = 5;
    const startedAt = Date.now();
    const budget = Math.max(0, deadline - this.o.clock());
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const entry = await this.o.store.get(key);
      if (entry?.state !== 'in-flight' || entry.leaseUntil <= this.o.clock()) return entry;
      // Real time bounds the wait even when the injected clock stands still.
      if (Date.now() - startedAt >= budget) return entry;
      delay = Math.min(delay * 2, 100);
    }
  }
}

function dataOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>).Data : undefined;
}

/** A failure OFD's tables name as a refusal (Tables 17–28, by code or, under a numeric code, by message). */
function isDefiniteRefusal(status: number, body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  try {
    unwrapEnvelope(status, JSON.stringify(body));
    return false;
  } catch (error) {
    return error instanceof OfdValidationError || error instanceof OfdAccessDeniedError;
  }
}

/** Stage, status and StatusChangeDateUtc as OFD showed them; none when OFD gives no change time. */
function markOf(application: UpstreamJson | undefined): { statusMark?: string } {
  const view = application && viewApplication(dataOf(application.body));
  return view?.statusChangedAt ? { statusMark: `${view.stage}/${view.status}/${view.statusChangedAt}` } : {};
}

/** UDateUtc as OFD showed it before an attempt. */
function updatedMarkOf(application: UpstreamJson | undefined): { updatedBefore?: string } {
  const updated = application && viewApplication(dataOf(application.body))?.updatedAt;
  return updated ? { updatedBefore: updated } : {};
}

/** Whether OFD moved the application since the refusal (a new change time); unknown counts as not moved. */
function movedSince(statusMark: string | undefined, application: UpstreamJson): boolean {
  const now = markOf(application).statusMark;
  return statusMark !== undefined && now !== undefined && now !== statusMark;
}

function answerFor(error: unknown): RecordedAnswer {
  if (error instanceof ProxyError) return { status: error.status, code: error.code };
  if (error instanceof UpstreamRejection) return { status: error.status, body: error.body };
  return { status: 500, code: 'INTERNAL' };
}
