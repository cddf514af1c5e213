/**
 * createProxyApp: the small server between the signing widget and OFD. Browsers get only the routes the
 * widget needs, authorised by a ticket; OFD gets the partner's AuthToken, which never travels back.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ProxyEnv } from './env.js';
import { ProxyError } from './errors/proxy-error.js';
import { PROXY_ERRORS, type ProxyErrorCode } from './errors/error-catalog.js';
import { proxyErrorBody, proxyErrorResponse } from './errors/respond.js';
import { jsonBody } from './json-body.js';
import { UpstreamRejection } from './errors/upstream-rejection.js';
import { SignOnceLedger } from './ledger/sign-once.js';
import { createMemoryLedgerStore } from './ledger/memory-store.js';
import type { RecordedAnswer } from './ledger/store.js';
import { accessLog } from './middleware/access-log.js';
import { limitBody } from './middleware/body-limit.js';
import { clientAddressing } from './middleware/client-address.js';
import { corsAllowlist, originSet } from './middleware/cors-allowlist.js';
import { rateLimit, rateWindows } from './middleware/rate-limit.js';
import { requestId, requestIds } from './middleware/request-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { ticketAuth, ticketCheck } from './middleware/ticket-auth.js';
import { resolveLimits, type ProxyOptions } from './options.js';
import { assertLinkNotRevoked, linkRoutes } from './links/link-routes.js';
import { createMemoryLinkRevocations } from './links/revocations.js';
import { createProxyMetrics } from './observability/metrics.js';
import { bearerMatches, pingStore } from './observability/probes.js';
import { createRedactor } from './redact.js';
import { tokenSpellings } from './token-spellings.js';
import { assertAwaitingReport } from './report-stage.js';
import { checkSignedContent, inspectSignature } from './signature-check.js';
import { statusPollRoute, type NodeRouteListener, type RenderedAnswer } from './status-poll.js';
import { ApplicationCache, PreparedContents } from './upstream/application-cache.js';
import { readEnvelope, viewApplication } from './upstream/envelope.js';
import { OfdUpstream, type UpstreamJson } from './upstream/ofd-upstream.js';
import { renderUpstreamBody, resultDocKeys, scrubToken, type FileKey } from './upstream/rewrite.js';
import { createUndiciUpstream } from './upstream/transport.js';
import { checkRegistrationReport, checkSignerNames, checkSignRequest, checkUuid } from './validation.js';

export type ProxyApp = Hono<ProxyEnv>;

const JSON_TYPE = { 'Content-Type': 'application/json' } as const;

/** The node:http route each app serves beside Hono (the status poll), for `startProxyServer`. */
const nodeRoutes = new WeakMap<ProxyApp, NodeRouteListener>();

/**
 * The status poll's node:http path of an app made by `createProxyApp` (server.ts puts it in front of Hono's
 * listener). Undefined when the app has none: with a custom `clientAddress`, which only Hono can call.
 */
export function nodeRouteOf(app: ProxyApp): NodeRouteListener | undefined {
  return nodeRoutes.get(app);
}

export function createProxyApp(options: ProxyOptions): ProxyApp {
  if (!options.authToken) throw new TypeError('createProxyApp: authToken is required');
  const clock = options.clock ?? Date.now;
  const limits = resolveLimits(options.limits);
  const redact = createRedactor([options.authToken]);
  // `logger: false`: no line is built at all (not even redacted and dropped), and no access-log middleware runs.
  const logging = options.logger !== false;
  const emit = options.logger || ((line: object) => process.stdout.write(`${JSON.stringify(line)}\n`));
  const log = logging
    ? (line: Record<string, unknown>) => emit(redact({ time: new Date(clock()).toISOString(), ...line }) as object)
    : () => undefined;
  const store = options.store ?? createMemoryLedgerStore({ clock });
  // Metrics only when someone may read them: otherwise not a single extra step per request.
  const metrics = options.metricsToken
    ? createProxyMetrics({ ledger: async () => ({ store: store.ping ? 'redis' : 'memory', up: await pingStore(store) }) })
    : undefined;
  const transport = options.upstream ?? createUndiciUpstream();
  const upstream = new OfdUpstream({
    baseUrl: options.ofdBaseUrl,
    authToken: options.authToken,
    fetch: metrics ? metrics.timeUpstream(transport) : transport,
    timeoutMs: limits.upstreamTimeoutMs,
  });
  const applications = new ApplicationCache(upstream, limits.statusCacheMs, clock);
  const prepared = new PreparedContents(6 * 3600_000, clock);
  const scrub = (body: unknown) => scrubToken(body, options.authToken);
  // Never the Host header: it is the client's to write. Without publicUrl, file links are root-relative.
  const publicRoot = (options.publicUrl ?? '').replace(/\/+$/, '');
  const addressing = clientAddressing(options);
  const clientAddress = options.clientAddress ?? addressing.clientAddress;

  const ledger = new SignOnceLedger({
    store,
    clock,
    getApplication: (id, maxAgeMs) => applications.get(id, maxAgeMs),
    sendSign: (id, body) => upstream.json('POST', id, '/sign', body, limits.signTimeoutMs),
    leaseMs: limits.signLeaseMs,
    waitMs: limits.signWaitMs,
    graceMs: limits.unknownOutcomeGraceMs,
    scrub,
    log: (event) => {
      metrics?.signEvent(String(event.event), typeof event.result === 'string' ? event.result : undefined);
      log({ level: 'info', msg: 'sign-ledger', ...event });
    },
  });

  /**
   * An upstream answer to the browser: rewritten on success, OFD's own envelope (scrubbed) on failure. What
   * `c.json` of the rewritten body would send; `renderUpstreamBody` edits OFD's text where it safely can.
   */
  const render = (applicationId: string, result: { status: number; body: unknown; text?: string }): RenderedAnswer => ({
    status: result.status,
    text: renderUpstreamBody(result.body, { applicationId, publicBase: publicRoot, authToken: options.authToken }, result.text),
  });
  const send = (c: Context, answer: RenderedAnswer) => {
    const status = answer.status as ContentfulStatusCode;
    const headers = answer.headers ? { ...answer.headers, ...JSON_TYPE } : JSON_TYPE;
    return answer.text === undefined ? c.body(null, status, headers) : c.body(answer.text, status, headers);
  };
  const forward = (c: Context, applicationId: string, result: { status: number; body: unknown; text?: string }) =>
    send(c, render(applicationId, result));
  /** The status poll, for both paths (Hono's route and the node:http one). */
  const pollAnswer = async (applicationId: string) => render(applicationId, await applications.get(applicationId));
  const answer = (c: Context<ProxyEnv>, applicationId: string, recorded: RecordedAnswer) => {
    if (recorded.code) throw new ProxyError(recorded.code);
    return forward(c, applicationId, { status: recorded.status, body: recorded.body });
  };
  const requireSuccess = (result: UpstreamJson): UpstreamJson => {
    if (!result.ok) throw new UpstreamRejection(result.status, scrub(result.body));
    return result;
  };

  /** What the app answers for a thrown error, logged here: `onError` and the status poll's node:http path. */
  const errorAnswer = (error: unknown, requestId: string | undefined): RenderedAnswer => {
    const own = (code: ProxyErrorCode, headers?: Record<string, string>): RenderedAnswer => ({
      status: PROXY_ERRORS[code].status,
      text: JSON.stringify(proxyErrorBody(code, requestId ?? '')),
      ...(headers ? { headers } : {}),
    });
    if (error instanceof ProxyError) {
      const level = error.status >= 500 ? 'error' : 'warn';
      log({ level, msg: error.code, requestId, detail: error.message, cause: describe(error.cause) });
      return own(error.code, error.headers);
    }
    if (error instanceof UpstreamRejection) {
      log({ level: 'warn', msg: 'upstream-rejection', requestId, status: error.status });
      return { status: error.status, text: JSON.stringify(error.body) };
    }
    if (error instanceof HTTPException && error.status === 413) return own('BODY_TOO_LARGE');
    log({ level: 'error', msg: 'internal', requestId, error: describe(error), stack: (error as Error).stack });
    return own('INTERNAL');
  };

  const app = new Hono<ProxyEnv>();
  const ids = requestIds();
  // Security headers go first among the headers: they are set before the handler runs (see securityHeaders).
  app.use('*', requestId(addressing.fromTrustedHop, ids), securityHeaders());
  const accessLogging = logging && options.accessLog !== false;
  if (accessLogging) app.use('*', accessLog(log, clientAddress));

  if (metrics) {
    app.use('*', async (c, next) => {
      await next();
      metrics.request(c.req.method, c.req.path, c.res.status);
    });
  }

  // Liveness: the process answers. Readiness: it can also reach its ledger (the balancer sends nothing before).
  app.get('/healthz', (c) => c.json({ Status: 'Success', Data: { ok: true } }));
  app.get('/readyz', async (c) => {
    if (!(await pingStore(store))) throw new ProxyError('NOT_READY', { detail: 'ledger store does not answer' });
    return c.json({ Status: 'Success', Data: { ready: true, ledger: store.ping ? 'redis' : 'memory' } });
  });
  app.get('/metrics', async (c) => {
    if (!metrics || !bearerMatches(c.req.header('authorization'), options.metricsToken!)) throw new ProxyError('NOT_FOUND');
    return c.body(await metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });

  // The page the proxy itself serves calls the API same-origin: that origin is the configured one, not the Host's.
  const ownOrigin = /^https?:\/\/[^/]+/.exec(publicRoot)?.[0];
  const admittedOrigins = [...options.allowedOrigins, ...(ownOrigin ? [ownOrigin] : [])];
  app.use('/api/*', corsAllowlist(admittedOrigins));
  // Limits off: the middleware is not mounted at all (one async step less per request).
  const limited = options.rateLimit !== false;
  // The counters are shared with the status poll's node:http path: one limit, whichever path a request takes.
  const windows = limited
    ? {
        perAddress: rateWindows({ limit: limits.perAddressPerMinute, windowMs: 60_000, clock }),
        perTicket: rateWindows({ limit: limits.perTicketPerMinute, windowMs: 60_000, clock }),
      }
    : undefined;
  if (windows) {
    app.use(
      '/api/*',
      rateLimit({ limit: limits.perAddressPerMinute, windowMs: 60_000, clock, windows: windows.perAddress, key: (c) => `addr:${clientAddress(c)}` }),
    );
  }

  const revocations = options.linkRevocations ?? createMemoryLinkRevocations({ clock });
  app.route(
    '/api/links',
    linkRoutes({
      secret: options.ticketSecret,
      clock,
      revocations,
      applicationStatus: async (id) => viewApplication(dataOf(requireSuccess(await applications.get(checkUuid(id))).body))?.status,
      ticketSeconds: limits.linkTicketSeconds,
      ...(metrics ? { onOutcome: (outcome: string) => metrics.linkExchange(outcome) } : {}),
    }),
  );

  const registration = new Hono<ProxyEnv>();
  const checkTicket = ticketCheck({ secret: options.ticketSecret, clock });
  // '/:id/*' matches '/:id' too: one ticket check per request.
  registration.use('/:id/*', ticketAuth({ check: checkTicket }));
  // Writes by a link's ticket stop as soon as the link is revoked (reads end with the ticket, within minutes);
  // mounted on the write routes only, so the status poll does not pay for it.
  const notRevoked: MiddlewareHandler<ProxyEnv> = async (c, next) => {
    await assertLinkNotRevoked(revocations, c.get('ticket').linkId);
    return next();
  };
  if (windows) {
    registration.use(
      '*',
      rateLimit({
        limit: limits.perTicketPerMinute,
        windowMs: 60_000,
        clock,
        windows: windows.perTicket,
        key: (c) => (c as Context<ProxyEnv>).get('ticketDigest'),
      }),
    );
  }

  registration.get('/:id', async (c) => {
    const id = checkUuid(c.req.param('id'));
    return send(c, await pollAnswer(id));
  });

  registration.post('/:id/prepareDocuments', notRevoked, limitBody(limits.otherBodyBytes), async (c) => {
    const id = checkUuid(c.req.param('id'));
    const names = checkSignerNames(await jsonBody(c));
    applications.invalidate(id);
    const result = requireSuccess(await upstream.json('POST', id, '/prepareDocuments', names));
    applications.invalidate(id);
    const view = viewApplication(dataOf(result.body));
    for (const d of view?.documents ?? []) if (d.content) prepared.remember(id, d.id, d.content);
    return forward(c, id, result);
  });

  registration.post('/:id/sign', notRevoked, limitBody(limits.signBodyBytes), async (c) => {
    const id = checkUuid(c.req.param('id'));
    const request = checkSignRequest(await jsonBody(c), limits.signatureBytes);
    const signature = inspectSignature(request.Signature);
    const checkBeforeSend = (application: UpstreamJson, documentId: string) => {
      const view = viewApplication(dataOf(application.body));
      const status = view?.status?.toLowerCase();
      // Status matched in any casing (Table 13's spelling is not promised). The status answer may list no
      // documents at all while AwaitingSignature (l.2871, l.3517 show `Documents: []`): then the document is
      // taken as prepared, checked against the Content this proxy handed out, and OFD decides the rest.
      const listed = view?.documents ?? [];
      const document = listed.find((d) => d.id === documentId);
      if (!document && listed.length > 0) throw new ProxyError('DOCUMENT_NOT_FOUND');
      if (status !== 'awaitingsignature' || document?.signature === 'Signed') {
        throw new ProxyError('NOT_AWAITING_SIGNATURE', { detail: `status ${view?.status}, document ${document?.signature}` });
      }
      checkSignedContent(signature, document?.content ?? prepared.recall(id, documentId));
    };
    const recorded = await ledger.sign(id, request.DocumentId, request.Signature, checkBeforeSend);
    applications.invalidate(id);
    return answer(c, id, recorded);
  });

  registration.put('/:id/registration-report', notRevoked, limitBody(limits.otherBodyBytes), async (c) => {
    const id = checkUuid(c.req.param('id'));
    const report = checkRegistrationReport(await jsonBody(c));
    // OFD's PUT edits the whole application (7.9): only the report's moment opens it, read fresh.
    assertAwaitingReport(viewApplication(dataOf(requireSuccess(await applications.get(id, 0)).body)));
    applications.invalidate(id);
    const result = requireSuccess(await upstream.json('PUT', id, '', report));
    applications.invalidate(id);
    return forward(c, id, result);
  });

  registration.get('/:id/simplified/status', async (c) => {
    const id = checkUuid(c.req.param('id'));
    return forward(c, id, await upstream.json('GET', id, '/simplified/status'));
  });

  registration.get('/:id/files/:key{application|simplified|result/[A-Za-z]{1,40}(?:-[0-9]{1,2})?}', async (c) => {
    const id = checkUuid(c.req.param('id'));
    const key = c.req.param('key') as FileKey;
    let url: string | undefined;
    if (key === 'simplified') {
      const status = requireSuccess(await upstream.json('GET', id, '/simplified/status'));
      const data = dataOf(status.body) as { DownloadUrl?: unknown } | undefined;
      url = typeof data?.DownloadUrl === 'string' ? data.DownloadUrl : undefined;
    } else {
      const view = viewApplication(dataOf(requireSuccess(await applications.get(id)).body));
      if (key === 'application') url = view?.downloadUri;
      else {
        // By DocType, never by position (rewrite.ts resultDocKeys).
        const docs = view?.resultDocs ?? [];
        url = docs[resultDocKeys(docs.map((d) => d.docType)).indexOf(key as `result/${string}`)]?.uri;
      }
    }
    if (!url || !upstream.isOfdUrl(url)) throw new ProxyError('NOT_FOUND', { detail: `no file ${key}` });
    const file = await upstream.file(url);
    const scrubbedHeader = (value: string | null) => (value && !/AuthToken/i.test(value) && !tokenSpellings(options.authToken).test(value) ? value : null);
    const type = scrubbedHeader(file.headers.get('content-type')) ?? 'application/octet-stream';
    if (file.status !== 200 || type.includes('json') || type.includes('html')) {
      const text = await file.text().catch(() => '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (readEnvelope(parsed).kind === 'failure') throw new UpstreamRejection(file.status >= 400 ? file.status : 502, scrub(parsed));
      throw new ProxyError(file.status === 404 ? 'NOT_FOUND' : 'UPSTREAM_BAD_RESPONSE', { detail: `file answer ${file.status} ${type}` });
    }
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Content-Disposition': safeDisposition(scrubbedHeader(file.headers.get('content-disposition')), key),
    };
    const length = file.headers.get('content-length');
    if (length && /^\d+$/.test(length)) headers['Content-Length'] = length;
    return new Response(file.body, { status: 200, headers: { ...Object.fromEntries(c.res.headers), ...headers } });
  });

  // Known paths with another method: 405, still without touching upstream.
  for (const path of ['/:id', '/:id/prepareDocuments', '/:id/sign', '/:id/registration-report', '/:id/simplified/status', '/:id/files/*']) {
    registration.all(path, () => {
      throw new ProxyError('METHOD_NOT_ALLOWED');
    });
  }

  app.route('/api/registration', registration);
  app.all('/api/*', () => {
    throw new ProxyError('NOT_FOUND');
  });

  if (options.staticDir) {
    app.use('*', async (c, next) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
      // Source maps would hand out the sources and their comments: never served, even if a build left one.
      if (c.req.path.endsWith('.map')) return proxyErrorResponse(c, 'NOT_FOUND');
      return serveStatic({ root: options.staticDir! })(c, next);
    });
    // Single-page fallback: `/?application=…` and `/sign/…` both land on the page.
    app.get('*', serveStatic({ root: options.staticDir, path: 'index.html' }));
  }

  app.notFound((c) => proxyErrorResponse(c, 'NOT_FOUND'));

  app.onError((error, c) => send(c, errorAnswer(error, c.get('requestId'))));

  // A custom `clientAddress` reads a Hono context: then every request goes through Hono.
  if (!options.clientAddress) {
    nodeRoutes.set(
      app,
      statusPollRoute({
        allowedOrigins: originSet(admittedOrigins),
        checkTicket,
        requestIds: ids,
        ...(windows ? { limits: windows } : {}),
        addresses: addressing.rules,
        answer: pollAnswer,
        answerError: errorAnswer,
        log: accessLogging ? log : undefined,
        ...(metrics ? { metrics } : {}),
      }),
    );
  }

  return app;
}

function dataOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>).Data : undefined;
}

function describe(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  if (error instanceof Error) return `${error.name}: ${error.message}${(error as { code?: string }).code ? ` (${(error as { code?: string }).code})` : ''}`;
  return String(error);
}

function safeDisposition(upstream: string | null, key: FileKey): string {
  const fallback = `attachment; filename="${key.replace('/', '-')}.pdf"`;
  if (!upstream) return fallback;
  // Pass OFD's file name on only when it is plain: no header injection, no path.
  return /^[\x20-\x7e]{1,300}$/.test(upstream) && !/[\r\n]/.test(upstream) ? upstream : fallback;
}
