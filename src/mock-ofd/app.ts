/**
 * createMockOfd: a stand-in for the OFD.ru partner API (spec sections 6–8) on the same paths, so that only
 * OFD_BASE_URL differs between it and the real service. It follows the application lifecycle on a
 * controllable clock, verifies signatures, answers the spec's errors in either envelope, and injects faults.
 */
import { Hono, type Context } from 'hono';
import { failureEnvelope, successEnvelope, type EnvelopeStyle } from '../api/envelope.js';
import { ShapeError } from '../api/errors/shape-error.js';
import { OfdValidationError } from '../api/errors/ofd-validation-error.js';
import { parseKktDetails, parsePrepareDocumentsRequest } from '../api/parse.js';
import type { Application, CreateApplicationRequest } from '../api/types.js';
import { DEMO_COMPANY, DEMO_KKT } from '../testing/demo-identity.js';
import { applyEdit, moscowDate, validateCreate, validateFiscalDocumentData } from './create.js';
import { accessDenied, ConnectionDropped, MSG, OfdFailure, validation } from './errors.js';
import { buildPdf } from './pdf.js';
import { findSignatureProblem } from './signature-check.js';
import { DEFAULT_READINGS } from './scenarios.js';
import { MockState, type MockApplicationRecord } from './state.js';
import type {
  DemoApplicationOverrides,
  FaultSpec,
  MockCall,
  MockOfdControl,
  MockOfdOptions,
  MockRoute,
  MockTimings,
} from './types.js';

/** The token the mock accepts unless told otherwise (also the CLI's default). */
export const MOCK_OFD_DEFAULT_TOKEN = '5f0c3a9e7d1b4c2a8e6f0d9b3a7c1e54';

const REGISTRATION = '/api/integration/v2/b2b/kkt/registration';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What the mock calls a well-formed token; anything else is "Некорректный авторизационный токен". */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{8,128}$/;
const MAX_LOGGED_CALLS = 10_000;

interface Partner {
  agreement: boolean;
}

type Env = { Bindings: { incoming?: { socket?: { destroy(): void } } } };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export function createMockOfd(options: MockOfdOptions = {}): { app: Hono<Env>; control: MockOfdControl } {
  const authToken = options.authToken ?? MOCK_OFD_DEFAULT_TOKEN;
  const envelope: EnvelopeStyle = options.envelope ?? 'success';
  const clock = options.clock ?? Date.now;
  const tokenInUris = options.tokenInDownloadUris ?? true;
  const controlOrigin = (options.origin ?? 'http://127.0.0.1').replace(/\/+$/, '');
  let offset = 0;
  const now = () => clock() + offset;
  const timings: MockTimings = { processingMs: 1000, sendingMs: 1000, fnsMs: 3000, ...options.timings };
  const readings = { ...DEFAULT_READINGS, ...options.readings };
  const state = new MockState(now, options.scenario ?? {}, timings, Math.max(1, options.documentsPerRound ?? 1), readings);
  const partners = new Map<string, Partner>([[authToken, { agreement: true }]]);
  let faults: Array<FaultSpec & { left: number }> = [];
  const callLog: MockCall[] = [];
  const signCounts = new Map<string, number>();
  let lastRejection: string | undefined;
  /** Set by the `simplified-error` fault for the simplified registration the request starts. */
  let simplifiedErrorNext = false;

  const app = new Hono<Env>();

  // ----- helpers -----

  const ok = (c: Context, data: unknown) => c.json(successEnvelope(envelope, data), 200);

  function failure(c: Context, error: OfdFailure): Response {
    if (readings.errorCodes === 'numeric') return c.json(numericFailure(envelope, error.items), error.status as 400);
    return c.json(failureEnvelope(envelope, error.items), error.status as 400);
  }

  /** Table 28: the AuthToken query parameter, checked on every call. */
  function authenticate(c: Context): string {
    const token = c.req.query('AuthToken');
    if (token === undefined) throw accessDenied(MSG.noAuthData);
    if (token.trim() === '') throw accessDenied(MSG.cannotDetermineToken);
    if (!TOKEN_FORMAT.test(token)) throw validation(MSG.badToken);
    const partner = partners.get(token);
    if (!partner) throw accessDenied(MSG.forbidden);
    if (!partner.agreement) throw new OfdFailure(400, 'B2bAgreementNotFound', MSG.cabinetNotFound);
    return token;
  }

  function findApplication(id: string, token: string): MockApplicationRecord {
    // The id as OFD wrote it (lower case in every example): another spelling is another id.
    const record = UUID.test(id) ? state.get(id) : undefined;
    if (!record) throw validation(MSG.applicationNotFound);
    if (record.owner !== token) throw accessDenied(MSG.noAccess);
    return record;
  }

  async function jsonBody(c: Context): Promise<unknown> {
    // 6.1 (l.594): parameters travel as JSON; every request example says `Content-Type: application/json` (l.1913, l.2343).
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) throw validation(MSG.badJson);
    try {
      return await c.req.json();
    } catch {
      throw validation(MSG.badJson);
    }
  }

  const origin = (c: Context) => new URL(c.req.url).origin;
  const view = (c: Context, record: MockApplicationRecord, token: string, answer: 'status' | 'call' = 'call') =>
    state.toJson(record, origin(c), tokenInUris ? token : undefined, answer);

  function takeFault(route: MockRoute): (FaultSpec & { left: number }) | undefined {
    const fault = faults.find((f) => f.left > 0 && (f.route === route || f.route === '*'));
    if (fault) fault.left--;
    faults = faults.filter((f) => f.left > 0);
    return fault;
  }

  const html502 = () =>
    new Response('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>', {
      status: 502,
      headers: { 'Content-Type': 'text/html' },
    });

  async function hang(c: Context, fault: FaultSpec): Promise<Response> {
    await sleep(fault.hangMs ?? 30_000, c.req.raw.signal);
    return new Response('<html><body>504 Gateway Time-out</body></html>', {
      status: 504,
      headers: { 'Content-Type': 'text/html' },
    });
  }

  /**
   * Every route goes through here: the call log (no query, so no token), faults before processing
   * (nothing happens upstream) and after it (the request took effect but the answer is lost or wrong).
   */
  function route(name: MockRoute, handler: (c: Context<Env>) => Promise<Response>) {
    return async (c: Context<Env>): Promise<Response> => {
      const entry: MockCall = { at: now(), method: c.req.method, path: c.req.path, route: name };
      const id = c.req.param('id');
      if (id) entry.applicationId = id;
      if (name === 'sign') {
        const body = await c.req.json().catch(() => undefined);
        const documentId = (body as { DocumentId?: unknown } | undefined)?.DocumentId;
        if (typeof documentId === 'string') entry.documentId = documentId;
      }
      callLog.push(entry);
      // Benches send millions of requests: keep the log bounded, the sign counts exact.
      if (callLog.length > MAX_LOGGED_CALLS) callLog.splice(0, callLog.length - MAX_LOGGED_CALLS / 2);
      if (name === 'sign' && entry.applicationId) {
        const key = `${entry.applicationId}/${entry.documentId ?? ''}`;
        signCounts.set(key, (signCounts.get(key) ?? 0) + 1);
      }
      const fault = takeFault(name);
      if (fault) entry.fault = fault.kind;
      simplifiedErrorNext = fault?.kind === 'simplified-error';
      let response: Response | undefined;
      switch (fault?.kind) {
        case 'latency':
          await sleep(fault.latencyMs ?? 500, c.req.raw.signal);
          break;
        case '500':
          response = failure(c, new OfdFailure(500, 'InternalServerError', MSG.serverError));
          break;
        case 'failure-200':
          response = failure(c, new OfdFailure(200, 'InternalServerError', MSG.serverError));
          break;
        case 'html':
          response = html502();
          break;
        case 'timeout':
          response = await hang(c, fault);
          break;
        default: {
          const tableAnswer = fault && TABLE_ANSWERS[fault.kind];
          if (tableAnswer) response = failure(c, tableAnswer());
        }
      }
      if (!response) {
        try {
          response = await handler(c);
        } catch (e) {
          if (!(e instanceof OfdFailure)) throw e;
          response = failure(c, e);
        }
        switch (fault?.kind) {
          case 'drop-after-processing': {
            const socket = c.env?.incoming?.socket;
            if (!socket) throw new ConnectionDropped();
            socket.destroy();
            return response;
          }
          case '500-after-processing':
            response = failure(c, new OfdFailure(500, 'InternalServerError', MSG.serverError));
            break;
          case 'timeout-after-processing':
            response = await hang(c, fault);
            break;
        }
      }
      entry.status = response.status;
      return response;
    };
  }

  function createRecord(body: unknown, owner: string): MockApplicationRecord {
    const created = validateCreate(body);
    return state.add({
      owner,
      purpose: created.purpose,
      company: created.company,
      kkt: created.kkt,
      automaticDevices: created.automaticDevices,
    });
  }

  // ----- routes (section 7) -----

  // 7.1 / 7.1.1 create
  app.post(
    REGISTRATION,
    route('create', async (c) => {
      const token = authenticate(c);
      const record = createRecord(await jsonBody(c), token);
      return ok(c, view(c, record, token));
    }),
  );

  // 7.2 simplified registration, with an existing application or from RNM/FN/document number
  app.post(
    `${REGISTRATION}/simplified`,
    route('simplified', async (c) => {
      const token = authenticate(c);
      const body = (await jsonBody(c)) as Record<string, unknown> | null;
      if (typeof body !== 'object' || body === null) throw validation(MSG.badJson);
      let record: MockApplicationRecord;
      if (typeof body.ApplicationId === 'string') {
        record = findApplication(body.ApplicationId, token);
        if (record.status !== 'New') throw validation(MSG.wrongStatus);
      } else {
        const missing: string[] = [];
        if (!body.RegNumber) missing.push(MSG.simplifiedNoRegNumber);
        if (!body.FnNumber) missing.push(MSG.simplifiedNoFnNumber);
        if (!body.DocumentNumber) missing.push(MSG.simplifiedNoDocumentNumber);
        if (!body.Inn) missing.push(MSG.simplifiedNoInn);
        if (body.Purpose !== 'InitialRegistration' && body.Purpose !== 'Reregistration') missing.push(MSG.simplifiedNoPurpose);
        if (missing.length > 0) throw validation(...missing);
        record = createRecord(
          {
            Purpose: body.Purpose,
            CompanyDetails: { Inn: String(body.Inn) },
            KktDetails: {
              RegNumber: String(body.RegNumber),
              FnNumber: String(body.FnNumber),
              FiscalDocumentData: { DocumentNumber: String(body.DocumentNumber) },
              ReregistrationReasons: body.Purpose === 'Reregistration' ? { Other: true } : undefined,
            },
          },
          token,
        );
      }
      state.startSimplified(record);
      if (simplifiedErrorNext) record.simplified!.error = true;
      simplifiedErrorNext = false;
      return ok(c, view(c, record, token));
    }),
  );

  // 7.5 status
  app.get(
    `${REGISTRATION}/:id`,
    route('status', async (c) => {
      const token = authenticate(c);
      return ok(c, view(c, findApplication(c.req.param('id')!, token), token, 'status'));
    }),
  );

  // 7.9 edit (before the first prepare) and 7.6.1 registration report (after the RNM: Finalization / New)
  app.put(
    `${REGISTRATION}/:id`,
    route('edit', async (c) => {
      const token = authenticate(c);
      const record = findApplication(c.req.param('id')!, token);
      const body = await jsonBody(c);
      const today = moscowDate(now());
      if (record.stage === 'Initialization' && record.status === 'New' && !record.everPrepared) {
        applyEdit(record, body, today);
      } else if (record.stage === 'Finalization' && record.status === 'New' && record.purpose === 'InitialRegistration') {
        const kkt = (body as { KktDetails?: unknown } | null)?.KktDetails;
        let data;
        try {
          data = parseKktDetails(kkt).FiscalDocumentData;
        } catch (e) {
          if (e instanceof ShapeError) throw validation(`Некорректное значение поля ${e.path}`);
          throw e;
        }
        if (!data) throw validation(MSG.noRegistrationReport);
        validateFiscalDocumentData(data, today, true);
        // Only the report data are taken in this round; the answer lists no documents any more (l.3517).
        record.kkt.FiscalDocumentData = data;
        record.documents = [];
      } else {
        throw validation(MSG.wrongStatus);
      }
      state.touch(record);
      return ok(c, view(c, record, token));
    }),
  );

  // 7.3 prepare documents (also 7.6.2, 7.7.2, 7.8.2)
  app.post(
    `${REGISTRATION}/:id/prepareDocuments`,
    route('prepareDocuments', async (c) => {
      const token = authenticate(c);
      const record = findApplication(c.req.param('id')!, token);
      let signer;
      try {
        const body = await jsonBody(c);
        // 7.3 (l.1904–1906): the owner's surname, name and position from the КЭП — strings, never numbers.
        const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
        if (['LastName', 'GivenName', 'Position'].some((k) => fields[k] !== undefined && typeof fields[k] !== 'string')) throw validation(MSG.noSignerName);
        signer = parsePrepareDocumentsRequest(body);
      } catch (e) {
        if (e instanceof ShapeError) throw validation(MSG.noSignerName);
        throw e;
      }
      if (!signer.LastName.trim() || !signer.GivenName.trim()) throw validation(MSG.noSignerName);
      const roundSigned = record.roundDocumentIds.some(
        (id) => record.documents.find((d) => d.Id === id)?.Signature === 'Signed',
      );
      if (!(record.status === 'New' || (record.status === 'AwaitingSignature' && !roundSigned))) {
        throw validation(MSG.wrongStatus);
      }
      if (!record.kkt.Model) throw validation(MSG.noKktModel);
      if (!record.kkt.SerialNumber) throw validation(MSG.noKktSerial);
      if (record.purpose !== 'InitialRegistration' && !record.kkt.RegNumber) throw validation(MSG.kktNotRegistered);
      if (record.stage === 'Finalization') {
        const report = record.kkt.FiscalDocumentData;
        if (!report?.DateTime || !report.DocumentNumber || !report.Signature) throw validation(MSG.noRegistrationReport);
      }
      state.prepare(record, signer);
      return ok(c, view(c, record, token));
    }),
  );

  // 7.4 sign (also 7.6.3, 7.7.3, 7.8.3) — Table 25
  app.post(
    `${REGISTRATION}/:id/sign`,
    route('sign', async (c) => {
      const token = authenticate(c);
      const record = findApplication(c.req.param('id')!, token);
      const body = (await jsonBody(c)) as Record<string, unknown> | null;
      const documentId = body?.DocumentId;
      const signature = body?.Signature;
      if (typeof documentId !== 'string' || documentId === '') throw validation(MSG.noDocumentId);
      if (typeof signature !== 'string' || signature === '') throw validation(MSG.noSignature);
      // The id as prepareDocuments gave it (7.4 l.2332: "берется из ответа на запрос подготовки заявления").
      const document = record.documents.find((d) => d.Id === documentId);
      if (!document) throw validation(MSG.fileNotFound);
      const inRound = record.roundDocumentIds.includes(document.Id);
      // 7.4 (l.2318) "Повторная отправка запроса не допустима": a document once refused takes no second sign.
      if (record.status !== 'AwaitingSignature' || !inRound || document.Signature === 'Signed' || record.refusedDocuments.has(document.Id)) {
        throw validation(MSG.wrongStatus);
      }
      const problem = await findSignatureProblem(signature, {
        content: document.Content ?? '',
        companyInn: record.company.Inn,
        now: new Date(now()),
        acceptDetached: options.acceptDetached ?? false,
        checkSignerIdentity: options.checkSignerIdentity ?? true,
        representative: Boolean(record.company.Signatory?.RepresentativeDetails),
        signer: record.signer,
        verifySignatures: options.verifySignatures ?? true,
        verifier: options.verifier,
      });
      if (problem) {
        lastRejection = problem;
        record.refusedDocuments.add(document.Id);
        throw validation(MSG.cannotVerifySignature);
      }
      // A concurrent sign of the same document may have been accepted while this one was being verified.
      if (record.status !== 'AwaitingSignature' || document.Signature === 'Signed') throw validation(MSG.wrongStatus);
      state.acceptSignature(record, document.Id, signature);
      return ok(c, view(c, record, token));
    }),
  );

  // 7.2.1 simplified status — Table 20 / 21
  app.get(
    `${REGISTRATION}/:id/simplified/status`,
    route('simplifiedStatus', async (c) => {
      const token = authenticate(c);
      const id = c.req.param('id')!;
      const record = UUID.test(id) ? state.get(id) : undefined;
      if (!record || !record.simplified) throw new OfdFailure(400, 'DataNotFound', MSG.simplifiedNotFound);
      if (record.owner !== token) throw accessDenied(MSG.noAccess);
      const status = state.simplifiedStatus(record);
      const data: Record<string, unknown> = { Status: status };
      if (status === 'SUCCESS') {
        data.DownloadUrl = `${origin(c)}${REGISTRATION}/${record.id}/simplified/download?AuthToken=${encodeURIComponent(token)}`;
      }
      return ok(c, data);
    }),
  );

  // ----- files, on the paths the real links use -----

  const pdfResponse = (bytes: Uint8Array, name: string) =>
    new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': String(bytes.length),
        'Content-Disposition': `attachment; filename="${name}"`,
      },
    });

  app.get(
    `${REGISTRATION}/:id/simplified/download`,
    route('file', async (c) => {
      const token = authenticate(c);
      const record = findApplication(c.req.param('id')!, token);
      if (!record.simplified || state.simplifiedStatus(record) !== 'SUCCESS') throw validation(MSG.fileNotFound);
      return pdfResponse(buildPdf([`OFD mock: KKT card (simplified registration)`, `Application ${record.id}`]), 'card.pdf');
    }),
  );

  app.get(
    '/document/KktRegistrationApplication',
    route('file', async (c) => {
      const token = authenticate(c);
      const record = findApplication(c.req.query('Id') ?? '', token);
      const pdf = buildPdf([
        'OFD mock: printable application',
        `Application ${record.id}`,
        `Purpose ${record.purpose}, stage ${record.stage}, status ${record.status}`,
        `INN ${record.company.Inn ?? '-'}, KKT ${record.kkt.SerialNumber ?? '-'}`,
      ]);
      return pdfResponse(pdf, `application-${record.id}.pdf`);
    }),
  );

  app.get(
    '/api/kkt/application/doc/:conversation/:kktId/:reportTypeId',
    route('file', async (c) => {
      const token = authenticate(c);
      const record = [...state.applications.values()].find(
        (r) => r.conversationUuid === c.req.param('conversation') && String(r.kktId) === c.req.param('kktId'),
      );
      if (!record) throw validation(MSG.fileNotFound);
      if (record.owner !== token) throw accessDenied(MSG.noAccess);
      const doc = record.resultDocs.find((d) => String(d.reportTypeId) === c.req.param('reportTypeId'));
      if (!doc) throw validation(MSG.fileNotFound);
      return pdfResponse(doc.pdf, `${doc.docType}.pdf`);
    }),
  );

  app.notFound((c) => c.json(failureEnvelope(envelope, [{ Code: 'NotFound', Message: 'Метод не найден' }]), 404));

  app.onError((error, c) => {
    if (error instanceof OfdFailure) return failure(c, error);
    if (error instanceof ConnectionDropped) throw error;
    return c.json(failureEnvelope(envelope, [{ Code: 'InternalServerError', Message: MSG.serverError }]), 500);
  });

  // ----- control -----

  const appOf = (record: MockApplicationRecord): Application =>
    state.toApplication(record, controlOrigin, tokenInUris ? record.owner : undefined);

  const control: MockOfdControl = {
    authToken,
    now,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('advance() takes a non-negative number of ms');
      offset += ms;
    },
    createApplication(body, owner = authToken) {
      try {
        return appOf(createRecord(body, owner));
      } catch (e) {
        if (e instanceof OfdFailure) {
          throw new OfdValidationError({ code: e.items[0]!.Code, status: e.status, messages: e.items.map((i) => i.Message) });
        }
        throw e;
      }
    },
    createDemoApplication(overrides: DemoApplicationOverrides = {}) {
      const body: CreateApplicationRequest = {
        Purpose: overrides.Purpose ?? 'InitialRegistration',
        CompanyDetails: { Inn: DEMO_COMPANY.inn, Kpp: DEMO_COMPANY.kpp, ...overrides.CompanyDetails },
        KktDetails: {
          SerialNumber: DEMO_KKT.serialNumber,
          Model: DEMO_KKT.model,
          FnNumber: DEMO_KKT.fnNumber,
          FnName: DEMO_KKT.fnModel,
          InstallmentAddress: { FullAddress: DEMO_KKT.address },
          InstallmentPlace: 'Торговый зал',
          UsageMode: { Internet: false, Gambling: false, Lottery: false, Agent: false, Marking: false },
          FormatVersion: 4,
          ...overrides.KktDetails,
        },
        ...(overrides.AutomaticDevices ? { AutomaticDevices: overrides.AutomaticDevices } : {}),
      };
      return control.createApplication(body);
    },
    getApplication(id) {
      const record = state.get(id);
      return record ? appOf(record) : undefined;
    },
    setScenario(scenario, applicationId) {
      if (applicationId === undefined) {
        state.scenario = { ...state.scenario, ...scenario };
        return;
      }
      const record = state.applications.get(applicationId);
      if (!record) throw new Error(`no application ${applicationId}`);
      record.scenario = { ...record.scenario, ...scenario };
    },
    injectFault(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    addPartner(token, partnerOptions = {}) {
      partners.set(token, { agreement: partnerOptions.agreement ?? true });
    },
    calls: () => callLog,
    signCallCount(applicationId, documentId) {
      if (documentId !== undefined) return signCounts.get(`${applicationId}/${documentId}`) ?? 0;
      let total = 0;
      for (const [key, count] of signCounts) if (key.startsWith(`${applicationId}/`)) total += count;
      return total;
    },
    acceptedSignature(applicationId, documentId) {
      return state.applications.get(applicationId)?.acceptedSignatures.get(documentId);
    },
    lastSignatureRejection: () => lastRejection,
  };

  return { app, control };
}

/** Answers of Tables 17, 19 and 21 the mock has no state to reach by itself (no user or contract registry), as faults. */
const TABLE_ANSWERS: Partial<Record<FaultSpec['kind'], () => OfdFailure>> = {
  'user-not-found': () => validation(MSG.userNotFound),
  'agreement-not-found': () => validation(MSG.agreementNotFound),
  'simplified-start-failed': () => new OfdFailure(500, 'InternalError', MSG.simplifiedStartFailed),
  'simplified-status-check-failed': () => new OfdFailure(500, 'InternalError', MSG.simplifiedStatusCheckFailed),
  'simplified-status-get-failed': () => new OfdFailure(500, 'InternalError', MSG.simplifiedStatusGetFailed),
};

/**
 * 6.1's numeric codes (l.612–626: only "Code" ≠ 0 is promised) for the tables' named ones; the messages stay the
 * tables'. The spec gives no table of numbers, so these values are ours: nothing in the product may branch on them
 * (src/api/envelope.ts decides by the listed message), and any other non-zero number would do as well.
 */
const NUMERIC_CODES: Record<string, number> = {
  ValidationError: 1,
  AccessDenied: 2,
  B2bAgreementNotFound: 3,
  DataNotFound: 4,
  InternalServerError: 5,
  InternalError: 5,
  NotFound: 6,
};

function numericFailure(style: EnvelopeStyle, items: readonly { Code: string; Message: string }[]): Record<string, unknown> {
  const numbered = items.map((i) => ({ Code: NUMERIC_CODES[i.Code] ?? 9, Message: i.Message }));
  if (style === 'success') return { Data: null, Success: false, Errors: numbered };
  return { Status: 'Failed', Error: { Code: numbered[0]?.Code ?? 9, Message: numbered.map((i) => i.Message).join('; ') } };
}
