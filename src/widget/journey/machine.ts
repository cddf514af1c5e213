/**
 * The life of one application in the widget, as a pure machine: `transition(state, event)` returns the next state
 * and what must be done (effects as data). No I/O, no timers, no DOM: the runner carries the effects out and feeds
 * their results back as events; the journey controller decides what the screen shows. A single application is a
 * batch of one: the same machine runs once per application id.
 */
import type { Application, ApplicationDocument } from '../../api/types.js';
import type { DistinguishedName } from '../../cms/types.js';
import { applicationPhase, resultDocumentsByType, statusShown, unsignedDocuments } from '../application-phase.js';
import { WidgetError } from '../errors/widget-error.js';
import type {} from '../events/index.js';
import type { RegistrationReport, SignerNames } from '../ports.js';
import type { ReportValidation } from '../registration-report-form.js';
import { keptRound, withPreparedDocuments } from '../round-documents.js';
import { checkSignerIdentity, signerNamesFrom, type IdentityProblem } from '../signer-identity.js';
import { preparedForSomeoneElse, reviewDocuments, type ReviewedDocument } from './documents.js';

/** Who signs: the chosen certificate's subject (the names prepareDocuments carries come from it, `namesFor`). */
export interface Signer {
  subject: DistinguishedName;
}

/** LastName / GivenName / Position for this application (Position falls back to the application's, 7.3). */
export const namesFor = (signer: Signer, app: Application | undefined): SignerNames => signerNamesFrom(signer.subject, app?.CompanyDetails);

export interface Timing {
  /** First delay of a poll; also the delay after something changed. */
  initialMs: number;
  maxMs: number;
}

/** Each unchanged poll waits this much longer, up to `maxMs`. */
export const BACKOFF = 1.6;
/** Preparations in a row that leave no document to sign (AwaitingSignature listing none) before NO_DOCUMENTS. */
export const EMPTY_PREPARES = 2;
/** Polls in a row that still show a sent document unsigned before the user is told the outcome is not known yet. */
export const UNRESOLVED_AFTER = 6;

export interface DocumentSignature {
  documentId: string;
  signature: string;
}

interface Context {
  readonly id: string;
  readonly timing: Timing;
  /** OFD's last answer about the application. */
  readonly app?: Application | undefined;
  readonly signer?: Signer | undefined;
  /**
   * The round's documents as prepareDocuments (or a read that listed them) returned them. A read may answer
   * `Documents: []` while OFD awaits the signatures (the spec's later examples): these are what is signed and sent.
   */
  readonly prepared?: readonly ApplicationDocument[] | undefined;
  /**
   * Documents OFD definitely refused (lower-case ids): 7.4 (l.2318) allows no repeated `sign`, so they are never
   * offered again — with none left to sign, the round is prepared anew and new documents come.
   */
  readonly refused?: readonly string[] | undefined;
  /** Preparations in a row that left nothing to sign (reset once documents are in hand). */
  readonly emptyPrepares?: number | undefined;
}

export type AppState = Context &
  (
    | { phase: 'idle' }
    | { phase: 'loading' }
    /** Something must be prepared or signed and no certificate is chosen yet. */
    | { phase: 'needs-signer' }
    /** The chosen certificate may not sign this application (another company, no МЧД…). */
    | { phase: 'skipped'; problems: readonly IdentityProblem[] }
    | { phase: 'preparing' }
    | { phase: 'awaiting-documents'; delayMs: number }
    | { phase: 'ready'; documents: readonly ReviewedDocument[]; representative: boolean }
    | { phase: 'signing'; documents: readonly ReviewedDocument[]; representative: boolean }
    | { phase: 'sending' }
    /** Following the status; `unresolved`: a `sign` of ours may or may not have reached OFD (never sent again). */
    | { phase: 'tracking'; unresolved: boolean; polls: number; delayMs: number }
    /** Still not known after many polls: the user is told, polling goes on. */
    | { phase: 'unresolved'; delayMs: number }
    | { phase: 'needs-report'; validation?: ReportValidation | undefined; error?: unknown }
    | { phase: 'submitting-report' }
    | { phase: 'approved' }
    | { phase: 'rejected' }
    /** Talking to OFD failed; retrying is safe. */
    /** `renewable`: OFD refused a document; "try again" prepares the round anew even though the refusal is final. */
    | { phase: 'error'; error: unknown; renewable?: boolean }
  );

export type Phase = AppState['phase'];

export type AppEvent =
  | { type: 'start' }
  /** OFD's answer (a load, a poll, prepareDocuments); `marked`: documents this browser sent or tried to send. */
  | { type: 'loaded'; app: Application; marked: readonly string[] }
  | { type: 'load-failed'; error: unknown }
  | { type: 'signer'; signer: Signer }
  /** Signing of this application's documents begins. */
  | { type: 'sign' }
  /** Every document of this application was signed and checked locally. */
  | { type: 'signed'; signatures: readonly DocumentSignature[] }
  /** Signing stopped before all of this application's documents were signed: nothing of it is sent. */
  | { type: 'sign-stopped' }
  | { type: 'sent'; sent: readonly string[]; unknown: readonly string[] }
  /**
   * Sending stopped; `sent`: those of the round OFD took before it; `refused`: the document OFD definitely
   * refused, if that is what stopped it (never sent again).
   */
  | { type: 'send-failed'; error: unknown; sent: readonly string[]; refused?: string | undefined }
  /** The registration report form was submitted (checked field by field by `validateRegistrationReport`). */
  | { type: 'report'; validation: ReportValidation }
  | { type: 'report-failed'; error: unknown }
  /** The user asked again ("Повторить", back from elsewhere): read the application afresh. */
  | { type: 'retry' };

/** The detail of the element's `ofd-<name>` event, less the application id the controller adds. */
type Detail<K extends keyof HTMLElementEventMap> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? Omit<D, 'applicationId'> : never;

/** What the element tells the page: the controller dispatches each as the `ofd-<name>` DOM event. */
export type Notice =
  | ({ name: 'status' } & Detail<'ofd-status'>)
  | ({ name: 'sent' } & Detail<'ofd-sent'>)
  | ({ name: 'approved' } & Detail<'ofd-approved'>)
  | ({ name: 'rejected' } & Detail<'ofd-rejected'>)
  /** Described in the user's words by the controller (`ofd-error` carries the sentence, not the raw error). */
  | { name: 'error'; error: unknown };

export type Effect =
  /** Read the application, after `afterMs` of visible time (0: now). */
  | { type: 'load'; afterMs: number }
  | { type: 'prepare'; names: SignerNames }
  /** Send each signature once, holding the application's send lock, marking each document before it leaves. */
  | { type: 'send'; signatures: readonly DocumentSignature[] }
  | { type: 'submit-report'; report: RegistrationReport }
  /** Forget the "sent" marks of these documents: OFD shows them awaiting a signature again. */
  | { type: 'unmark'; documentIds: readonly string[] }
  | { type: 'emit'; notice: Notice };

export interface Step {
  state: AppState;
  effects: Effect[];
}

export function initialState(id: string, timing: Timing): AppState {
  return { id, timing, phase: 'idle' };
}

const context = (s: AppState, app = s.app, prepared = s.prepared): Context => ({
  id: s.id,
  timing: s.timing,
  app,
  signer: s.signer,
  prepared,
  refused: s.refused,
  emptyPrepares: s.emptyPrepares,
});
const stay = (state: AppState): Step => ({ state, effects: [] });
const emit = (notice: Notice): Effect => ({ type: 'emit', notice });
const load = (afterMs = 0): Effect => ({ type: 'load', afterMs });
const grow = (s: AppState, ms: number) => Math.min(s.timing.maxMs, Math.round(ms * BACKOFF));

/** Phases in which no answer of OFD is expected (before the start, while signing and sending): a `loaded` is stale. */
const DEAF: readonly Phase[] = ['idle', 'signing', 'sending'];
/** The notice of documents OFD took, if any. */
const sentNotice = (sent: readonly string[]): Effect[] => (sent.length > 0 ? [emit({ name: 'sent', documentIds: [...sent] })] : []);

export function transition(s: AppState, e: AppEvent): Step {
  switch (e.type) {
    case 'start':
      return { state: { ...context(s), emptyPrepares: 0, phase: 'loading' }, effects: [load()] };

    case 'loaded':
      return DEAF.includes(s.phase) ? stay(s) : route(s, e.app, e.marked);

    case 'load-failed':
      switch (s.phase) {
        // A poll that failed (network blip) is tried again later; the journey goes on.
        case 'awaiting-documents':
        case 'unresolved':
        case 'tracking': {
          const delayMs = grow(s, s.delayMs);
          return { state: { ...s, delayMs }, effects: [load(delayMs)] };
        }
        case 'loading':
        case 'preparing':
          return { state: { ...context(s), phase: 'error', error: e.error }, effects: [emit({ name: 'error', error: e.error })] };
        default:
          return stay(s);
      }

    case 'signer': {
      const next = { ...s, signer: e.signer } as AppState;
      // Where the signer matters (who may sign, whose names the documents carry), read the application afresh.
      if (s.phase === 'needs-signer' || s.phase === 'ready' || s.phase === 'skipped') {
        return { state: { ...context(next), phase: 'loading' }, effects: [load()] };
      }
      return stay(next);
    }

    case 'sign':
      return s.phase === 'ready' ? stay({ ...s, phase: 'signing' }) : stay(s);

    case 'sign-stopped':
      return s.phase === 'signing' ? stay({ ...s, phase: 'ready' }) : stay(s);

    case 'signed':
      if (s.phase !== 'signing') return stay(s);
      return { state: { ...context(s), phase: 'sending' }, effects: [{ type: 'send', signatures: e.signatures }] };

    case 'sent': {
      if (s.phase !== 'sending') return stay(s);
      const delayMs = s.timing.initialMs;
      return {
        state: { ...context(s), phase: 'tracking', unresolved: e.unknown.length > 0, polls: 0, delayMs },
        effects: [...sentNotice(e.sent), load(delayMs)],
      };
    }

    case 'send-failed': {
      if (s.phase !== 'sending') return stay(s);
      const refused = e.refused ? [...(s.refused ?? []), e.refused.toLowerCase()] : s.refused;
      return { state: { ...context(s), refused, phase: 'error', error: e.error, renewable: e.refused !== undefined }, effects: [...sentNotice(e.sent), emit({ name: 'error', error: e.error })] };
    }

    case 'report': {
      if (s.phase !== 'needs-report') return stay(s);
      const { validation } = e;
      if (!validation.report) return stay({ ...context(s), phase: 'needs-report', validation });
      return { state: { ...context(s), phase: 'submitting-report' }, effects: [{ type: 'submit-report', report: validation.report }] };
    }

    case 'report-failed':
      if (s.phase !== 'submitting-report') return stay(s);
      return { state: { ...context(s), phase: 'needs-report', error: e.error }, effects: [emit({ name: 'error', error: e.error })] };

    case 'retry':
      switch (s.phase) {
        case 'unresolved': {
          // The user asked after being told: whatever OFD still shows awaiting a signature may be signed again.
          const ids = s.app ? unsignedDocuments(s.app).map((d) => d.Id) : [];
          return { state: { ...context(s), phase: 'loading' }, effects: [{ type: 'unmark', documentIds: ids }, load()] };
        }
        case 'error':
        case 'needs-report':
          return { state: { ...context(s), emptyPrepares: 0, phase: 'loading' }, effects: [load()] };
        default:
          return stay(s);
      }
  }
}

/** OFD answered: put the application where it stands and say what changed. */
function route(s: AppState, answer: Application, marked: readonly string[]): Step {
  const effects: Effect[] = [];
  if (!s.app || statusShown(s.app) !== statusShown(answer) || s.app.Stage !== answer.Stage) {
    effects.push(emit({ name: 'status', status: statusShown(answer), ...(answer.Stage ? { stage: answer.Stage } : {}) }));
  }
  // The round's documents, whatever the read lists (round-documents.ts); right after prepareDocuments only its answer.
  const prepared = keptRound(s.phase === 'preparing' ? undefined : s.prepared, answer);
  const app = withPreparedDocuments(answer, prepared);
  const base = context(s, app, prepared);
  const next = (state: AppState, ...more: Effect[]): Step => ({ state, effects: [...effects, ...more] });
  const prepare = (emptyPrepares = base.emptyPrepares): Step =>
    next({ ...base, emptyPrepares, phase: 'preparing' }, { type: 'prepare', names: namesFor(s.signer!, app) });

  switch (applicationPhase(app)) {
    case 'approved':
      return next(
        { ...base, phase: 'approved' },
        ...(s.phase === 'approved'
          ? []
          : [emit({ name: 'approved', documents: resultDocumentsByType(app).filter((d) => d.DownloadUri).map((d) => ({ type: d.DocType, url: d.DownloadUri! })) })]),
      );
    case 'rejected':
      return next({ ...base, phase: 'rejected' }, ...(s.phase === 'rejected' ? [] : [emit({ name: 'rejected', reason: app.StatusReason ?? '' })]));
    case 'needs-report':
      // The form needs no plug-in: the certificate is asked for only when the report's documents are to be signed.
      return next(s.phase === 'needs-report' ? { ...s, app } : { ...base, phase: 'needs-report' });
    case 'in-progress':
      return track(s, app, base, effects, false);
    case 'awaiting-documents': {
      const delayMs = s.phase === 'awaiting-documents' ? grow(s, s.delayMs) : s.timing.initialMs;
      return next({ ...base, phase: 'awaiting-documents', delayMs }, load(delayMs));
    }
    case 'needs-prepare':
      return withSigner(s, base, effects, () => prepare());
    case 'awaiting-signature': {
      const sentByUs = new Set(marked.map((id) => id.toLowerCase()));
      // A document this browser sent (or may have sent) is never sent again from here: the status will tell.
      if (unsignedDocuments(app).some((d) => sentByUs.has(d.Id.toLowerCase()))) return track(s, app, base, effects, true);
      const documents = reviewDocuments(app, s.refused ?? []);
      if (documents.length === 0) {
        // Nothing in hand: none listed and none kept (prepared elsewhere, or generated after AwaitingDocuments), or
        // only refused ones. After our own send, follow the status; otherwise prepare the round again — it answers
        // with the documents — at most EMPTY_PREPARES times in a row.
        if (s.phase === 'tracking' || s.phase === 'unresolved') return track(s, app, base, effects, false);
        const empties = s.emptyPrepares ?? 0;
        if (empties >= EMPTY_PREPARES) {
          const error = new WidgetError('NO_DOCUMENTS');
          return next({ ...base, phase: 'error', error }, emit({ name: 'error', error }));
        }
        return withSigner(s, base, effects, () => prepare(empties + 1));
      }
      return withSigner(s, base, effects, (representative) => {
        if (s.phase !== 'preparing' && preparedForSomeoneElse(app, documents, namesFor(s.signer!, app))) return prepare();
        return next({ ...base, emptyPrepares: 0, phase: 'ready', documents, representative });
      });
    }
  }
}

/** Needs a certificate: none yet → ask; one that may not sign this application → skipped (nothing prepared). */
function withSigner(s: AppState, base: Context, effects: Effect[], go: (representative: boolean) => Step): Step {
  if (!s.signer) return { state: { ...base, phase: 'needs-signer' }, effects };
  const identity = checkSignerIdentity(s.signer.subject, base.app?.CompanyDetails);
  if (identity.problems.length > 0) {
    const first = identity.problems[0]!;
    const repeated = s.phase === 'skipped';
    return { state: { ...base, phase: 'skipped', problems: identity.problems }, effects: repeated ? effects : [...effects, emit({ name: 'error', error: first })] };
  }
  return go(identity.representative);
}

/** Follow the status with backoff; an unresolved send turns into a visible notice after a while (polling goes on). */
function track(s: AppState, app: Application, base: Context, effects: Effect[], unresolved: boolean): Step {
  const following = s.phase === 'tracking' || s.phase === 'unresolved';
  const changed = !s.app || signedCount(s.app) !== signedCount(app) || s.app.Status !== app.Status || s.app.Stage !== app.Stage;
  const delayMs = following && !changed ? grow(s, s.delayMs) : s.timing.initialMs;
  if (!unresolved) return { state: { ...base, phase: 'tracking', unresolved: false, polls: 0, delayMs }, effects: [...effects, load(delayMs)] };
  const polls = s.phase === 'tracking' ? s.polls + 1 : s.phase === 'unresolved' ? UNRESOLVED_AFTER : 0;
  if (polls >= UNRESOLVED_AFTER) {
    const notice = s.phase === 'unresolved' ? [] : [emit({ name: 'error', error: 'SIGN_OUTCOME_UNRESOLVED' })];
    return { state: { ...base, phase: 'unresolved', delayMs }, effects: [...effects, ...notice, load(delayMs)] };
  }
  return { state: { ...base, phase: 'tracking', unresolved: true, polls, delayMs }, effects: [...effects, load(delayMs)] };
}

const signedCount = (app: Application) => (app.Documents ?? []).filter((d) => d.Signature === 'Signed').length;

/** Phases that wait for OFD or the widget, not for the user. */
export const BUSY: ReadonlySet<Phase> = new Set(['idle', 'loading', 'preparing', 'awaiting-documents', 'submitting-report', 'signing', 'sending']);
