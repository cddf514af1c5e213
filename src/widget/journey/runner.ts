/**
 * Carries out one application's effects: the API calls, the send lock and the sign-once marks, the status polls.
 * Everything it starts is cancelled by one AbortController (`stop()`); a newer read supersedes an older one, so a
 * late answer never moves the machine back.
 */
import { WidgetError } from '../errors/widget-error.js';
import { planSend } from '../round-documents.js';
import type { OfdClientPort } from '../ports.js';
import { initialState, transition, type AppEvent, type AppState, type DocumentSignature, type Effect, type Notice, type Timing } from './machine.js';
import { markedDocuments, markSent, unmarkSent, withSendLock } from './sign-once.js';

export interface RunnerHost {
  client: OfdClientPort;
  /** The state changed (render). */
  changed(runner: ApplicationRunner): void;
  notify(runner: ApplicationRunner, notice: Notice): void;
  /** Sending progress of this application's round. */
  sending?(runner: ApplicationRunner, index: number, total: number): void;
  /** Whose visibility pauses polling; none in Node. */
  document?: Document | undefined;
}

export class ApplicationRunner {
  state: AppState;
  private readonly life = new AbortController();
  private read: AbortController | undefined;
  private waiters: { until: (s: AppState) => boolean; resolve: () => void }[] = [];

  constructor(
    readonly id: string,
    timing: Timing,
    private readonly host: RunnerHost,
  ) {
    this.state = initialState(id, timing);
  }

  dispatch(event: AppEvent): void {
    if (this.life.signal.aborted) return;
    const { state, effects } = transition(this.state, event);
    const moved = state !== this.state;
    this.state = state;
    if (moved) {
      this.waiters = this.waiters.filter((w) => (w.until(state) ? (w.resolve(), false) : true));
      this.host.changed(this);
    }
    for (const effect of effects) this.perform(effect);
  }

  /** Resolves once the state satisfies `until` (or the runner stops). */
  when(until: (s: AppState) => boolean): Promise<void> {
    if (until(this.state) || this.life.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ until, resolve }));
  }

  stop(): void {
    this.life.abort();
    this.read?.abort();
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  private perform(effect: Effect): void {
    const { client } = this.host;
    switch (effect.type) {
      case 'emit':
        return this.host.notify(this, effect.notice);
      case 'unmark':
        return unmarkSent(this.id, effect.documentIds);
      case 'load':
        return this.fetch(async (signal) => {
          if (effect.afterMs > 0) await visibleDelay(effect.afterMs, signal, this.host.document);
          return this.loaded(await client.getApplication(this.id));
        }, (error) => ({ type: 'load-failed', error }));
      case 'prepare':
        return this.fetch(async () => this.loaded(await client.prepareDocuments(this.id, effect.names)), (error) => ({ type: 'load-failed', error }));
      case 'submit-report':
        return this.fetch(async () => {
          await client.submitRegistrationReport(this.id, effect.report);
          return this.loaded(await client.getApplication(this.id));
        }, (error) => ({ type: 'report-failed', error }));
      case 'send':
        return void this.send(effect.signatures);
    }
  }

  private loaded(app: Awaited<ReturnType<OfdClientPort['getApplication']>>): AppEvent {
    return { type: 'loaded', app, marked: markedDocuments(this.id) };
  }

  /** One read at a time: a new one cancels the wait (or drops the answer) of the previous. */
  private fetch(work: (signal: AbortSignal) => Promise<AppEvent>, failed: (error: unknown) => AppEvent): void {
    this.read?.abort();
    const read = (this.read = new AbortController());
    const stopped = () => read.signal.aborted || this.life.signal.aborted;
    work(read.signal).then(
      (event) => stopped() || this.dispatch(event),
      (error) => stopped() || this.dispatch(failed(error)),
    );
  }

  /**
   * Each signature at most once: under the send lock, only what `planSend` says OFD still awaits (another tab may
   * have sent them while this one waited for the PIN; a read listing no documents leaves them all to send; a
   * document OFD no longer lists is DOCUMENTS_CHANGED, not dropped silently), each marked before its request
   * leaves. An unknown outcome is recorded, not retried; a definite refusal clears the mark and is reported as
   * refused (the machine never offers that document again).
   */
  private async send(signatures: readonly DocumentSignature[]): Promise<void> {
    const { client } = this.host;
    const signal = this.life.signal;
    const sent: string[] = [];
    const unknown: string[] = [];
    let refused: string | undefined;
    try {
      await withSendLock(this.id, async () => {
        const fresh = await client.getApplication(this.id);
        const plan = planSend(signatures.map((s) => s.documentId), fresh);
        if (plan.send.length === 0 && plan.notAwaited.length > 0) throw new WidgetError('DOCUMENTS_CHANGED', { detail: plan.notAwaited.join(',') });
        const send = new Set(plan.send.map((id) => id.toLowerCase()));
        const marked = new Set(markedDocuments(this.id));
        for (const [i, { documentId, signature }] of signatures.entries()) {
          // The element went away (reload, navigation): a new one may already read these documents as unmarked.
          if (signal.aborted) return;
          this.host.sending?.(this, i + 1, signatures.length);
          const id = documentId.toLowerCase();
          if (!send.has(id) || marked.has(id)) continue;
          markSent(this.id, documentId);
          try {
            await client.sign(this.id, documentId, signature);
            sent.push(documentId);
          } catch (error) {
            if ((error as { code?: unknown }).code !== 'SIGN_OUTCOME_UNKNOWN') {
              unmarkSent(this.id, [documentId]);
              refused = documentId;
              throw error;
            }
            unknown.push(documentId);
          }
        }
      });
    } catch (error) {
      if (!signal.aborted) this.dispatch({ type: 'send-failed', error, sent, refused });
      return;
    }
    if (!signal.aborted) this.dispatch({ type: 'sent', sent, unknown });
  }
}

/**
 * Resolves after `ms` of visible time: nobody is waiting in a hidden tab, so the wait pauses while it is hidden,
 * and ends at once when the tab is shown again (the user is back and wants the news).
 */
export function visibleDelay(ms: number, signal: AbortSignal, doc?: Document): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hidden = () => doc?.visibilityState === 'hidden';
    const done = (fn: () => void) => {
      clearTimeout(timer);
      doc?.removeEventListener('visibilitychange', onVisibility);
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => done(() => reject(signal.reason));
    const onVisibility = () => {
      if (hidden()) clearTimeout(timer);
      else done(resolve);
    };
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    doc?.addEventListener('visibilitychange', onVisibility);
    if (!hidden()) timer = setTimeout(() => done(resolve), ms);
  });
}
