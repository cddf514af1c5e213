/**
 * createProxyApp: the small server between the signing widget and OFD. Browsers get only the routes the
 * widget needs, authorised by a ticket; OFD gets the partner's AuthToken, which never travels back.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ProxyEnv } from './env.js';
import { ProxyError } from './errors/proxy-error.js';
import { proxyErrorResponse } from './errors/respond.js';
import { UpstreamRejection } from './errors/upstream-rejection.js';
import { SignOnceLedger } from './ledger/sign-once.js';
import { createMemoryLedgerStore } from './ledger/memory-store.js';
import type { RecordedAnswer } from './ledger/store.js';
import { accessLog } from './middleware/access-log.js';
import { limitBody } from './middleware/body-limit.js';
import { corsAllowlist } from './middleware/cors-allowlist.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { ticketAuth } from './middleware/ticket-auth.js';
import { resolveLimits, type ProxyOptions } from './options.js';
import { createRedactor } from './redact.js';
import { checkSignedContent, inspectSignature } from './signature-check.js';
import { ApplicationCache, PreparedContents } from './upstream/application-cache.js';
import { readEnvelope, viewApplication } from './upstream/envelope.js';
import { OfdUpstream, type UpstreamJson } from './upstream/ofd-upstream.js';
import { renderUpstreamBody, resultDocKeys, scrubToken, type FileKey } from './upstream/rewrite.js';
import { createUndiciUpstream } from './upstream/transport.js';
import { checkRegistrationReport, checkSignerNames, checkSignRequest, checkUuid } from './validation.js';

export type ProxyApp = Hono<ProxyEnv>;

const JSON_TYPE = { 'Content-Type': 'application/json' } as const;

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
  const upstream = new OfdUpstream({
    baseUrl: options.ofdBaseUrl,
    authToken: options.authToken,
    fetch: options.upstream ?? createUndiciUpstream(),
    timeoutMs: limits.upstreamTimeoutMs,
  });
  const applications = new ApplicationCache(upstream, limits.statusCacheMs, clock);
  const prepared = new PreparedContents(6 * 3600_000, clock);
  const store = options.store ?? createMemoryLedgerStore({ clock });
  const scrub = (body: unknown) => scrubToken(body, options.authToken);
  const publicBase = (c: Context) => (options.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
  const clientAddress =
    options.clientAddress ?? (options.trustProxy ? forwardedClientAddress : defaultClientAddress);

  const ledger = new SignOnceLedger({
    store,
    clock,
    getApplication: (id, maxAgeMs) => applications.get(id, maxAgeMs),
    sendSign: (id, body) => upstream.json('POST', id, '/sign', body, limits.signTimeoutMs),
    leaseMs: limits.signLeaseMs,
    waitMs: limits.signWaitMs,
    graceMs: limits.unknownOutcomeGraceMs,
    scrub,
    log: (event) => log({ level: 'info', msg: 'sign-ledger', ...event }),
  });

  /**
   * An upstream answer to the browser: rewritten on success, OFD's own envelope (scrubbed) on failure. What
   * `c.json` of the rewritten body would send; `renderUpstreamBody` edits OFD's text where it safely can.
   */
  const forward = (c: Context, applicationId: string, result: { status: number; body: unknown; text?: string }) => {
    const text = renderUpstreamBody(result.body, { applicationId, publicBase: publicBase(c), authToken: options.authToken }, result.text);
    const status = result.status as ContentfulStatusCode;
    return text === undefined ? c.body(null, status, JSON_TYPE) : c.body(text, status, JSON_TYPE);
  };
  const answer = (c: Context<ProxyEnv>, applicationId: string, recorded: RecordedAnswer) => {
    if (recorded.code) throw new ProxyError(recorded.code);
    return forward(c, applicationId, { status: recorded.status, body: recorded.body });
  };
  const requireSuccess = (result: UpstreamJson): UpstreamJson => {
    if (!result.ok) throw new UpstreamRejection(result.status, scrub(result.body));
    return result;
  };

  const app = new Hono<ProxyEnv>();
  // Security headers go first among the headers: they are set before the handler runs (see securityHeaders).
  app.use('*', requestId(), securityHeaders());
  if (logging) app.use('*', accessLog(log, clientAddress));

  app.get('/healthz', (c) => c.json({ Status: 'Success', Data: { ok: true } }));

  const selfOrigin = (c: Context) => publicBase(c).replace(/^(https?:\/\/[^/]+).*$/, '$1');
  const allowedOrigins = [...options.allowedOrigins];
  app.use('/api/*', options.demo ? demoCors(allowedOrigins, selfOrigin) : corsAllowlist(allowedOrigins, selfOrigin));
  // Limits off: the middleware is not mounted at all (one async step less per request).
  const limited = options.rateLimit !== false;
  if (limited) {
    app.use(
      '/api/*',
      rateLimit({ limit: limits.perAddressPerMinute, windowMs: 60_000, clock, key: (c) => `addr:${clientAddress(c)}` }),
    );
  }

  const registration = new Hono<ProxyEnv>();
  // '/:id/*' matches '/:id' too: one ticket check per request.
  registration.use('/:id/*', ticketAuth({ secret: options.ticketSecret, clock }));
  if (limited) {
    registration.use(
      '*',
      rateLimit({
        limit: limits.perTicketPerMinute,
        windowMs: 60_000,
        clock,
        key: (c) => (c as Context<ProxyEnv>).get('ticketDigest'),
      }),
    );
  }

  registration.get('/:id', async (c) => {
    const id = checkUuid(c.req.param('id'));
    return forward(c, id, await applications.get(id));
  });

  registration.post('/:id/prepareDocuments', limitBody(limits.otherBodyBytes), async (c) => {
    const id = checkUuid(c.req.param('id'));
    const names = checkSignerNames(await jsonBody(c));
    applications.invalidate(id);
    const result = requireSuccess(await upstream.json('POST', id, '/prepareDocuments', names));
    applications.invalidate(id);
    const view = viewApplication(dataOf(result.body));
    for (const d of view?.documents ?? []) if (d.content) prepared.remember(id, d.id, d.content);
    return forward(c, id, result);
  });

  registration.post('/:id/sign', limitBody(limits.signBodyBytes), async (c) => {
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

  registration.put('/:id/registration-report', limitBody(limits.otherBodyBytes), async (c) => {
    const id = checkUuid(c.req.param('id'));
    const report = checkRegistrationReport(await jsonBody(c));
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
    const scrubbedHeader = (value: string | null) => (value && !/AuthToken/i.test(value) && !value.includes(options.authToken) ? value : null);
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
      return serveStatic({ root: options.staticDir! })(c, next);
    });
    // Single-page fallback: `/?application=…` and `/sign/…` both land on the page.
    app.get('*', serveStatic({ root: options.staticDir, path: 'index.html' }));
  }

  app.notFound((c) => proxyErrorResponse(c, 'NOT_FOUND'));

  app.onError((error, c) => {
    if (error instanceof ProxyError) {
      const level = error.status >= 500 ? 'error' : 'warn';
      log({ level, msg: error.code, requestId: c.get('requestId'), detail: error.message, cause: describe(error.cause) });
      return proxyErrorResponse(c, error.code, error.headers);
    }
    if (error instanceof UpstreamRejection) {
      log({ level: 'warn', msg: 'upstream-rejection', requestId: c.get('requestId'), status: error.status });
      return c.json(error.body as object, error.status as ContentfulStatusCode);
    }
    if (error instanceof HTTPException && error.status === 413) return proxyErrorResponse(c, 'BODY_TOO_LARGE');
    log({ level: 'error', msg: 'internal', requestId: c.get('requestId'), error: describe(error), stack: (error as Error).stack });
    return proxyErrorResponse(c, 'INTERNAL');
  });

  return app;
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new ProxyError('INVALID_BODY', { detail: 'content-type must be application/json' });
  }
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof ProxyError) throw error;
    if (error instanceof HTTPException && error.status === 413) throw new ProxyError('BODY_TOO_LARGE');
    throw new ProxyError('INVALID_BODY', { detail: 'body is not JSON' });
  }
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

function defaultClientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The address our own reverse proxy appended last; earlier hops are whatever the client claimed. */
function forwardedClientAddress(c: Context): string {
  const hops = c.req.header('x-forwarded-for')?.split(',').map((h) => h.trim()).filter(Boolean);
  return hops?.at(-1) ?? defaultClientAddress(c);
}

/** Demo: the listed origins plus any page served from localhost or 127.0.0.1. */
function demoCors(allowed: string[], selfOrigin: (c: Context) => string | undefined) {
  const strict = corsAllowlist(allowed, selfOrigin);
  return async (c: Context, next: () => Promise<void>) => {
    const origin = c.req.header('origin');
    if (origin && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin)) {
      return corsAllowlist([origin], selfOrigin)(c, next);
    }
    return strict(c, next);
  };
}
