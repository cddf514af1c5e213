/**
 * The per-application machine, table-driven: phase × event → phase and effects. No DOM, no timers, no I/O:
 * every rule of the journey (prepare for the right person, wait for documents with backoff, send once, follow an
 * unknown outcome until it settles, the report round) is read off `transition()`'s answers.
 */
import { describe, expect, it } from 'vitest';
import type { Application, ApplicationDocument, ApplicationStage, ApplicationStatus } from '../../../src/api/types.js';
import type { DistinguishedName } from '../../../src/cms/types.js';
import { DEMO_COMPANY, OTHER_COMPANY } from '../../../src/testing/demo-identity.js';
import {
  BACKOFF,
  EMPTY_PREPARES,
  initialState,
  transition,
  UNRESOLVED_AFTER,
  type AppEvent,
  type AppState,
  type Effect,
  type Phase,
  type Signer,
} from '../../../src/widget/journey/machine.js';
import { validateRegistrationReport, type ReportInput } from '../../../src/widget/registration-report-form.js';
import { ApplicationRunner } from '../../../src/widget/journey/runner.js';
import { markedDocuments } from '../../../src/widget/journey/sign-once.js';
import type { OfdClientPort } from '../../../src/widget/ports.js';
import { WidgetError } from '../../../src/widget/errors/widget-error.js';

const ID = '4121f0e0-f468-48fc-9387-b6a2d5646bc5';
const timing = { initialMs: 100, maxMs: 1000 };

const subject = (fields: Partial<DistinguishedName>): DistinguishedName => ({ attributes: [], text: '', ...fields });
const director = subject({ SN: 'Романова', G: 'Анна Сергеевна', T: 'Генеральный директор', INNLE: DEMO_COMPANY.inn, OGRN: DEMO_COMPANY.ogrn });
const stranger = subject({ SN: 'Лебедев', G: 'Олег Петрович', INNLE: OTHER_COMPANY.inn, OGRN: OTHER_COMPANY.ogrn });
const signerOf = (s: DistinguishedName): Signer => ({ subject: s });
const ROMANOVA = signerOf(director);

/** A prepared document naming `lastName` (UTF-8 XML, base64, as OFD's Content is). */
function doc(id: string, signed = false, lastName = 'Романова'): ApplicationDocument {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Файл><Подписант><ФИО Фамилия="${lastName}" ИмяОтчество="Анна Сергеевна"/></Подписант></Файл>`;
  return { Id: id, Kind: '1110061', Signature: signed ? 'Signed' : 'NotSigned', ...(signed ? {} : { Content: Buffer.from(xml, 'utf8').toString('base64') }) } as ApplicationDocument;
}

function app(Status: ApplicationStatus, Stage: ApplicationStage = 'Initialization', extra: Partial<Application> = {}): Application {
  return {
    Id: ID,
    Purpose: 'InitialRegistration',
    Stage,
    Status,
    CompanyDetails: { CompanyType: 'LegalEntity', Inn: DEMO_COMPANY.inn, Ogrn: DEMO_COMPANY.ogrn, Director: { LastName: 'Романова', FirstName: 'Анна' } },
    KktDetails: {},
    AutomaticDevices: [],
    Documents: [],
    ResultDocs: [],
    ...extra,
  } as Application;
}

const NEW = app('New');
const AWAITING_DOCS = app('AwaitingDocuments');
const TO_SIGN = app('AwaitingSignature', 'Initialization', { Documents: [doc('d1')] });
const TO_SIGN_OTHER = app('AwaitingSignature', 'Initialization', { Documents: [doc('d1', false, 'Петрова')] });
const SIGNED = app('AwaitingSignature', 'Initialization', { Documents: [doc('d1', true)] });
const SENT_TO_FNS = app('SentToFns', 'Initialization', { Documents: [doc('d1', true)] });
const NEEDS_REPORT = app('New', 'Finalization', { KktDetails: { RegNumber: '0000000001012345' } as Application['KktDetails'] });
const APPROVED = app('Approved', 'Finalization', { ResultDocs: [{ DocType: 'RnmReport', DownloadUri: '/api/registration/x/files/rnm' }] as Application['ResultDocs'] });
const REJECTED = app('Rejected', 'Initialization', { StatusReason: 'сведения не найдены в ЕГРЮЛ' });
const UNKNOWN_ERROR = app('UnknownError');
const ODD_STATUS = app('UnknownError', 'Initialization', { RawStatus: 'SendingToFnsQueue' });
const SENT_WITH_REPORT = app('SentToFns', 'Finalization', { ResultDocs: [{ DocType: 'RnmReport', DownloadUri: '/r' }, { DocType: 'RegReport', DownloadUri: '/g' }] as Application['ResultDocs'] });
/** A read while OFD awaits the signatures that lists no documents (the spec's later examples). */
const UNLISTED = app('AwaitingSignature', 'Initialization', { Documents: [] });

const base = { ...initialState(ID, timing), app: TO_SIGN } as const;
const S = {
  idle: initialState(ID, timing),
  loading: { ...initialState(ID, timing), phase: 'loading' },
  loadingSigned: { ...initialState(ID, timing), phase: 'loading', signer: ROMANOVA },
  loadingPrepared: { ...initialState(ID, timing), app: TO_SIGN, phase: 'loading', signer: ROMANOVA, prepared: TO_SIGN.Documents },
  trackingPrepared: { ...base, phase: 'tracking', unresolved: true, polls: 0, delayMs: 100, prepared: TO_SIGN.Documents },
  needsSigner: { ...base, app: NEW, phase: 'needs-signer' },
  skipped: { ...base, signer: signerOf(stranger), phase: 'skipped', problems: ['IDENTITY_COMPANY_MISMATCH'] },
  preparing: { ...base, app: NEW, signer: ROMANOVA, phase: 'preparing' },
  awaitingDocuments: { ...base, app: AWAITING_DOCS, signer: ROMANOVA, phase: 'awaiting-documents', delayMs: 100 },
  ready: { ...base, signer: ROMANOVA, phase: 'ready', documents: [], representative: false },
  signing: { ...base, signer: ROMANOVA, phase: 'signing', documents: [], representative: false },
  sending: { ...base, signer: ROMANOVA, phase: 'sending' },
  tracking: { ...base, app: SENT_TO_FNS, phase: 'tracking', unresolved: false, polls: 0, delayMs: 100 },
  trackingUnresolved: { ...base, phase: 'tracking', unresolved: true, polls: UNRESOLVED_AFTER - 2, delayMs: 100 },
  unresolved: { ...base, phase: 'unresolved', delayMs: 1000 },
  needsReport: { ...base, app: NEEDS_REPORT, phase: 'needs-report' },
  submittingReport: { ...base, app: NEEDS_REPORT, phase: 'submitting-report' },
  approved: { ...base, app: APPROVED, phase: 'approved' },
  rejected: { ...base, app: REJECTED, phase: 'rejected' },
  error: { ...base, phase: 'error', error: new Error('ECONNRESET') },
  preparingTwice: { ...base, app: NEW, signer: ROMANOVA, phase: 'preparing', emptyPrepares: EMPTY_PREPARES },
  loadingRefused: { ...initialState(ID, timing), phase: 'loading', signer: ROMANOVA, refused: ['d1'] },
} satisfies Record<string, AppState>;

const loaded = (a: Application, marked: string[] = []): AppEvent => ({ type: 'loaded', app: a, marked });
const REPORT = { dateTime: '15.01.2026 10:30', documentNumber: '7', fiscalSign: '3826481913' };
const NOW = new Date('2026-03-01T12:00:00');
const report = (input: ReportInput): AppEvent => ({ type: 'report', validation: validateRegistrationReport(input, NOW) });

/** Effects in a compact form: `load@100`, `prepare`, `send:d1`, `emit:status`, `unmark:d1`, `submit-report`. */
function brief(effects: Effect[]): string[] {
  return effects.map((e) => {
    switch (e.type) {
      case 'load':
        return `load@${e.afterMs}`;
      case 'send':
        return `send:${e.signatures.map((s) => s.documentId).join(',')}`;
      case 'unmark':
        return `unmark:${e.documentIds.join(',')}`;
      case 'emit':
        return `emit:${e.notice.name}`;
      default:
        return e.type;
    }
  });
}

type Row = [from: keyof typeof S, event: AppEvent, phase: Phase, effects: string[], why: string];

const grown = Math.round(100 * BACKOFF);

const TABLE: Row[] = [
  ['idle', { type: 'start' }, 'loading', ['load@0'], 'the application is read first, before any plug-in step'],
  ['loading', loaded(NEW), 'needs-signer', ['emit:status'], 'documents need the signer’s names: a certificate is asked for'],
  ['loading', loaded(TO_SIGN), 'needs-signer', ['emit:status'], 'something to sign and no certificate yet'],
  ['loading', loaded(NEEDS_REPORT), 'needs-report', ['emit:status'], 'the report form needs no plug-in'],
  ['loading', loaded(SENT_TO_FNS), 'tracking', ['emit:status', 'load@100'], 'a status screen needs no plug-in'],
  ['loading', loaded(APPROVED), 'approved', ['emit:status', 'emit:approved'], 'an approved application says so at once'],
  ['loading', loaded(REJECTED), 'rejected', ['emit:status', 'emit:rejected'], 'FNS’s refusal'],
  ['loading', loaded(UNKNOWN_ERROR), 'tracking', ['emit:status', 'load@100'], 'UnknownError is not the end: followed (issue 11, Table 13 gives it no finality)'],
  ['loading', loaded(ODD_STATUS), 'tracking', ['emit:status', 'load@100'], 'a status outside Table 13: followed, OFD’s word shown'],
  ['loading', loaded(SENT_WITH_REPORT), 'approved', ['emit:status', 'emit:approved'], 'SentToFns with the round’s RegReport is success (7.6.4 l.4128)'],
  ['loading', loaded(AWAITING_DOCS), 'awaiting-documents', ['emit:status', 'load@100'], 'OFD is generating documents: poll'],
  ['loading', loaded(TO_SIGN, ['D1']), 'tracking', ['emit:status', 'load@100'], 'a document this browser sent is never offered again'],
  ['loading', { type: 'load-failed', error: new Error('x') }, 'error', ['emit:error'], 'a bad ticket or the network: said before anything else'],
  ['loadingSigned', loaded(NEW), 'preparing', ['emit:status', 'prepare'], 'with a certificate, documents are prepared'],
  ['loadingSigned', loaded(TO_SIGN), 'ready', ['emit:status'], 'prepared for this signer: review'],
  ['loadingSigned', loaded(TO_SIGN_OTHER), 'preparing', ['emit:status', 'prepare'], 'prepared naming someone else: prepared again'],
  ['loadingPrepared', loaded(UNLISTED), 'ready', [], 'a read listing no documents keeps the round prepareDocuments returned'],
  ['loadingSigned', loaded(UNLISTED), 'preparing', ['emit:status', 'prepare'], 'none listed, none kept: prepared again to have them'],
  ['preparing', loaded(UNLISTED), 'preparing', ['emit:status', 'prepare'], 'just prepared and still none in hand: prepared again, it answers with them'],
  ['preparingTwice', loaded(UNLISTED), 'error', ['emit:status', 'emit:error'], 'still none after EMPTY_PREPARES prepares: NO_DOCUMENTS, no loop'],
  ['loadingRefused', loaded(TO_SIGN), 'preparing', ['emit:status', 'prepare'], 'the only document was definitely refused: never offered again, the round is prepared anew'],
  ['trackingPrepared', loaded(UNLISTED, ['d1']), 'tracking', [`load@${grown}`], 'a kept document this browser sent: followed, never re-sent'],
  ['needsSigner', { type: 'signer', signer: ROMANOVA }, 'loading', ['load@0'], 'a certificate was chosen: read afresh'],
  ['needsSigner', { type: 'sign' }, 'needs-signer', [], 'nothing to sign without a certificate'],
  ['skipped', { type: 'signer', signer: ROMANOVA }, 'loading', ['load@0'], 'another certificate: checked again'],
  ['skipped', { type: 'sign' }, 'skipped', [], 'a skipped application is never signed'],
  ['preparing', loaded(TO_SIGN_OTHER), 'ready', ['emit:status'], 'just prepared: never a loop of prepares'],
  ['preparing', loaded(AWAITING_DOCS), 'awaiting-documents', ['emit:status', 'load@100'], 'prepared, OFD generates'],
  ['preparing', { type: 'load-failed', error: new Error('x') }, 'error', ['emit:error'], 'prepareDocuments refused'],
  ['awaitingDocuments', loaded(AWAITING_DOCS), 'awaiting-documents', [`load@${grown}`], 'still generating: back off'],
  ['awaitingDocuments', { type: 'load-failed', error: new Error('x') }, 'awaiting-documents', [`load@${grown}`], 'a failed poll is tried again later'],
  ['awaitingDocuments', loaded(TO_SIGN), 'ready', ['emit:status'], 'documents are there'],
  ['ready', { type: 'sign' }, 'signing', [], 'signing starts'],
  ['ready', { type: 'signer', signer: signerOf(stranger) }, 'loading', ['load@0'], 'a change of certificate re-reads and re-checks'],
  ['ready', loaded(SIGNED), 'tracking', ['load@100'], 'another tab sent it: follow the status'],
  ['signing', { type: 'signed', signatures: [{ documentId: 'd1', signature: 'MII' }] }, 'sending', ['send:d1'], 'all of it signed: sent'],
  ['signing', { type: 'sign-stopped' }, 'ready', [], 'a cancelled PIN: nothing of it is sent'],
  ['signing', loaded(SENT_TO_FNS), 'signing', [], 'a late answer does not interrupt signing'],
  ['sending', { type: 'sent', sent: ['d1'], unknown: [] }, 'tracking', ['emit:sent', 'load@100'], 'sent: follow the status'],
  ['sending', { type: 'sent', sent: [], unknown: ['d1'] }, 'tracking', ['load@100'], 'unknown outcome: follow, never re-send'],
  ['sending', { type: 'send-failed', error: new Error('refused'), sent: [] }, 'error', ['emit:error'], 'a definite refusal'],
  ['sending', { type: 'send-failed', error: new WidgetError('DOCUMENTS_CHANGED'), sent: [] }, 'error', ['emit:error'], 'OFD lists other documents now: said, nothing sent'],
  ['sending', { type: 'retry' }, 'sending', [], 'nothing interrupts a send'],
  ['tracking', loaded(SENT_TO_FNS), 'tracking', [`load@${grown}`], 'nothing changed: back off'],
  ['tracking', { type: 'load-failed', error: new Error('x') }, 'tracking', [`load@${grown}`], 'a failed poll does not end the journey'],
  ['tracking', loaded(NEEDS_REPORT), 'needs-report', ['emit:status'], 'the RNM is assigned: the report form'],
  ['tracking', loaded(APPROVED), 'approved', ['emit:status', 'emit:approved'], 'approved'],
  ['trackingUnresolved', loaded(TO_SIGN, ['d1']), 'tracking', [`load@${grown}`], 'still unsigned: keep polling'],
  ['trackingUnresolved', loaded(SIGNED, ['d1']), 'tracking', ['load@100'], 'OFD shows it signed: resolved'],
  ['unresolved', loaded(TO_SIGN, ['d1']), 'unresolved', ['load@1000'], 'the notice stays and polling goes on, never a second send'],
  ['unresolved', loaded(SIGNED, ['d1']), 'tracking', ['load@100'], 'settled after all'],
  ['unresolved', { type: 'retry' }, 'loading', ['unmark:d1', 'load@0'], 'the user re-checks: what OFD still awaits may be signed again'],
  ['needsReport', report(REPORT), 'submitting-report', ['submit-report'], 'a valid report is sent'],
  ['needsReport', report({ ...REPORT, fiscalSign: 'x' }), 'needs-report', [], 'an invalid report stays, nothing sent'],
  ['needsReport', { type: 'retry' }, 'loading', ['load@0'], 'back from elsewhere: read again'],
  ['submittingReport', loaded(app('New', 'Finalization', { KktDetails: { FiscalDocumentData: { DocumentNumber: '7', Signature: '1', DateTime: '2026-01-15T10:30:00' } } as Application['KktDetails'] })), 'needs-signer', [], 'report in: its documents need the certificate'],
  ['submittingReport', { type: 'report-failed', error: new Error('refused') }, 'needs-report', ['emit:error'], 'refused: the form again, with why'],
  ['approved', loaded(APPROVED), 'approved', [], 'said once'],
  ['approved', { type: 'retry' }, 'approved', [], 'the end'],
  ['rejected', loaded(REJECTED), 'rejected', [], 'said once'],
  ['tracking', loaded(UNKNOWN_ERROR), 'tracking', ['emit:status', 'load@100'], 'UnknownError while tracking: followed, OFD\'s word shown'],
  ['error', { type: 'retry' }, 'loading', ['load@0'], '"try again" reads again'],
  ['error', { type: 'sign' }, 'error', [], 'nothing to sign from an error'],
  ['idle', { type: 'sent', sent: ['d1'], unknown: [] }, 'idle', [], 'a stray answer changes nothing'],
];

describe('the application machine: phase × event → phase and effects', () => {
  for (const [from, event, phase, effects, why] of TABLE) {
    it(`${from} + ${event.type} → ${phase}: ${why}`, () => {
      const step = transition(S[from], event);
      expect(step.state.phase).toBe(phase);
      expect(brief(step.effects)).toEqual(effects);
    });
  }

  it('covers every phase as a starting point', () => {
    const every: Record<Phase, true> = {
      idle: true, loading: true, 'needs-signer': true, skipped: true, preparing: true, 'awaiting-documents': true, ready: true,
      signing: true, sending: true, tracking: true, unresolved: true, 'needs-report': true, 'submitting-report': true,
      approved: true, rejected: true, error: true,
    };
    const covered = new Set(TABLE.map(([from]) => S[from].phase));
    expect(Object.keys(every).filter((p) => !covered.has(p as Phase))).toEqual([]);
  });
});

describe('the rules, end to end through transition()', () => {
  it('a definite refusal is remembered: "try again" prepares anew and never offers the refused document', () => {
    let state: AppState = transition(S.sending, { type: 'send-failed', error: new Error('refused'), sent: [], refused: 'D1' }).state;
    expect(state).toMatchObject({ phase: 'error', refused: ['d1'] });
    state = transition(state, { type: 'retry' }).state;
    let step = transition(state, loaded(TO_SIGN));
    expect(step.state.phase).toBe('preparing');
    const fresh = app('AwaitingSignature', 'Initialization', { Documents: [doc('d1'), doc('d2')] });
    step = transition(step.state, loaded(fresh));
    expect(step.state).toMatchObject({ phase: 'ready', documents: [expect.objectContaining({ document: expect.objectContaining({ Id: 'd2' }) })] });
  });

  it('shows OFD’s own word for a status outside Table 13', () => {
    const step = transition(S.loading, loaded(ODD_STATUS));
    expect(step.effects).toContainEqual({ type: 'emit', notice: { name: 'status', status: 'SendingToFnsQueue', stage: 'Initialization' } });
  });

  it('offers the round’s positive FNS document first', () => {
    const step = transition(S.loading, loaded(SENT_WITH_REPORT));
    const approved = step.effects.find((e) => e.type === 'emit' && e.notice.name === 'approved') as Extract<Effect, { type: 'emit' }>;
    expect((approved.notice as { documents: { type: string }[] }).documents.map((d) => d.type)).toEqual(['RegReport', 'RnmReport']);
  });

  it('an empty title on the certificate takes the application’s Signatory.Position, or an entrepreneur’s', () => {
    const untitled = signerOf(subject({ SN: 'Романова', G: 'Анна Сергеевна', INNLE: DEMO_COMPANY.inn, OGRN: DEMO_COMPANY.ogrn }));
    const withSignatory = app('New', 'Initialization', { CompanyDetails: { ...NEW.CompanyDetails, Signatory: { Position: 'Директор' } } as Application['CompanyDetails'] });
    expect(transition({ ...S.loading, signer: untitled }, loaded(withSignatory)).effects).toContainEqual({
      type: 'prepare',
      names: { LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Директор' },
    });
  });

  it('signs what prepareDocuments returned even when later reads list no documents', () => {
    let state: AppState = transition(S.preparing, loaded(TO_SIGN)).state;
    expect(state.phase).toBe('ready');
    state = transition({ ...state, phase: 'loading' } as AppState, loaded(UNLISTED)).state;
    expect(state).toMatchObject({ phase: 'ready', documents: [expect.objectContaining({ document: expect.objectContaining({ Id: 'd1' }) })] });
  });

  it("another company's certificate: skipped with the identity problem, nothing prepared", () => {
    const step = transition({ ...S.loading, signer: signerOf(stranger) }, loaded(NEW));
    expect(step.state).toMatchObject({ phase: 'skipped', problems: ['IDENTITY_COMPANY_MISMATCH'] });
    expect(step.effects.some((e) => e.type === 'prepare')).toBe(false);
    expect(step.effects).toContainEqual({ type: 'emit', notice: { name: 'error', error: 'IDENTITY_COMPANY_MISMATCH' } });
  });

  it('prepares with the names from the certificate', () => {
    const step = transition(S.loadingSigned, loaded(NEW));
    expect(step.effects).toContainEqual({ type: 'prepare', names: { LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Генеральный директор' } });
  });

  it('does not prepare again once a document of the round is signed (OFD would refuse)', () => {
    const partly = app('AwaitingSignature', 'Initialization', { Documents: [doc('d1', true, 'Петрова'), doc('d2', false, 'Петрова')] });
    expect(transition(S.loadingSigned, loaded(partly)).state.phase).toBe('ready');
  });

  it('an unknown outcome becomes a visible notice after several unchanged polls, and polling never stops', () => {
    let state: AppState = transition(S.sending, { type: 'sent', sent: [], unknown: ['d1'] }).state;
    const delays: number[] = [];
    let notices = 0;
    for (let i = 0; i < UNRESOLVED_AFTER + 3; i++) {
      const step = transition(state, loaded(TO_SIGN, ['d1']));
      state = step.state;
      notices += step.effects.filter((e) => e.type === 'emit' && e.notice.name === 'error').length;
      const load = step.effects.find((e) => e.type === 'load');
      expect(load, `poll ${i + 1}`).toBeDefined();
      delays.push((load as { afterMs: number }).afterMs);
      expect(step.effects.some((e) => e.type === 'send')).toBe(false);
    }
    expect(state.phase).toBe('unresolved');
    expect(notices).toBe(1);
    // Backoff up to the ceiling.
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays.at(-1)).toBe(timing.maxMs);
  });

  it('a change of status restarts the backoff and says the new status once', () => {
    const slow = { ...S.tracking, delayMs: 800 };
    const step = transition(slow, loaded(app('AwaitingAutoFinalization', 'Initialization')));
    expect(step.state).toMatchObject({ phase: 'tracking', delayMs: timing.initialMs });
    expect(brief(step.effects)).toEqual(['emit:status', 'load@100']);
  });

  it('the report form keeps the field errors of an invalid report', () => {
    const step = transition(S.needsReport, report({ dateTime: '', documentNumber: 'abc', fiscalSign: '1' }));
    expect(step.state).toMatchObject({ phase: 'needs-report', validation: { errors: { dateTime: 'REPORT_DATE_INVALID', documentNumber: 'REPORT_NUMBER_INVALID' } } });
  });

  it('a sent round tells the page which documents reached OFD, also when a later one was refused', () => {
    const step = transition(S.sending, { type: 'send-failed', error: new Error('refused'), sent: ['d1'] });
    expect(step.effects[0]).toEqual({ type: 'emit', notice: { name: 'sent', documentIds: ['d1'] } });
  });
});

describe('the runner sends what was signed, whatever a read lists', () => {
  async function sendOnce(later: Application, sign: (documentId: string) => Promise<void>): Promise<AppState> {
    sessionStorage.clear();
    let reads = 0;
    const client = {
      getApplication: async () => (reads++ === 0 ? TO_SIGN : later),
      sign: async (_id: string, documentId: string) => sign(documentId),
    } as unknown as OfdClientPort;
    const runner = new ApplicationRunner(ID, timing, { client, changed: () => undefined, notify: () => undefined });
    runner.dispatch({ type: 'start' });
    await runner.when((s) => s.phase === 'needs-signer');
    runner.dispatch({ type: 'signer', signer: ROMANOVA });
    await runner.when((s) => s.phase === 'ready');
    runner.dispatch({ type: 'sign' });
    runner.dispatch({ type: 'signed', signatures: [{ documentId: 'd1', signature: 'MII' }] });
    await runner.when((s) => s.phase !== 'sending');
    runner.stop();
    return runner.state;
  }

  it('a fresh read answering Documents: [] while OFD awaits signatures does not drop the signature', async () => {
    const signed: string[] = [];
    // The first read lists the prepared document; every later one lists none.
    await sendOnce(UNLISTED, async (id) => void signed.push(id));
    expect(signed).toEqual(['d1']);
    expect(markedDocuments(ID)).toEqual(['d1']);
  });

  it('OFD lists other documents now (prepared again elsewhere): DOCUMENTS_CHANGED, nothing sent', async () => {
    const signed: string[] = [];
    const state = await sendOnce(app('AwaitingSignature', 'Initialization', { Documents: [doc('d9')] }), async (id) => void signed.push(id));
    expect(state).toMatchObject({ phase: 'error', error: expect.objectContaining({ code: 'DOCUMENTS_CHANGED' }) });
    expect(signed).toEqual([]);
  });

  it('a definite refusal of sign is remembered as refused, and its mark cleared', async () => {
    const state = await sendOnce(TO_SIGN, async () => {
      throw Object.assign(new Error('refused'), { code: 'SIGNATURE_INVALID' });
    });
    expect(state).toMatchObject({ phase: 'error', refused: ['d1'] });
    expect(markedDocuments(ID)).toEqual([]);
  });
});
