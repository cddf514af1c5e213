/**
 * One proxy in front of the mock OFD, joined in process (`app.request`, no sockets), with everything the
 * reliability tests observe: every upstream request, every response the proxy gave (for the leak scan) and
 * every log line.
 */
import { createMockOfd } from '../../../src/mock-ofd/index.js';
import type { MockOfdControl, MockOfdOptions } from '../../../src/mock-ofd/types.js';
import { createProxyApp, createTicket, PROXY_ERRORS, type ProxyLimits, type ProxyOptions, type UpstreamFetch } from '../../../src/proxy/index.js';
import { buildCadesBes, createDemoCertificates, DEMO_COMPANY } from '../../../src/testing/index.js';
import { AUTH_TOKEN, PARTNER_ORIGIN, TICKET_SECRET } from './secrets.js';

export const OFD_BASE = 'http://mock-ofd.test/api/integration';
export const PROXY_ORIGIN = 'http://proxy.test';

export interface UpstreamRecord {
  method: string;
  path: string;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

export interface WorldOptions {
  mock?: MockOfdOptions;
  limits?: Partial<ProxyLimits>;
  proxy?: Partial<ProxyOptions>;
  /** Hold every upstream `sign` this long before OFD sees it, so concurrent duplicates surely overlap. */
  upstreamSignDelayMs?: number;
}

export const PROXY_CODES = new Set(Object.keys(PROXY_ERRORS));

/** `{Status:'Failed',Error:{Code}}` → Code. */
export function errorCodeOf(json: unknown): string | undefined {
  const error = (json as { Error?: { Code?: unknown } } | undefined)?.Error;
  return typeof error?.Code === 'string' ? error.Code : undefined;
}

export function createWorld(options: WorldOptions = {}) {
  let now = Date.UTC(2026, 10, 24, 9, 0, 0);
  const clock = () => now;
  const { app: mockApp, control } = createMockOfd({ authToken: AUTH_TOKEN, clock, ...options.mock });
  const upstreamCalls: UpstreamRecord[] = [];
  const upstream: UpstreamFetch = async (url, init) => {
    const u = new URL(url);
    upstreamCalls.push({ method: init.method, path: u.pathname, ...(init.body === undefined ? {} : { body: init.body }) });
    if (options.upstreamSignDelayMs && u.pathname.endsWith('/sign')) await new Promise((r) => setTimeout(r, options.upstreamSignDelayMs));
    const res = await mockApp.request(url, { method: init.method, headers: init.headers, body: init.body ?? null, signal: init.signal });
    return { status: res.status, headers: res.headers, text: () => res.text(), body: res.body };
  };
  const logs: string[] = [];
  const responses: RecordedResponse[] = [];
  const proxy = createProxyApp({
    ofdBaseUrl: OFD_BASE,
    authToken: AUTH_TOKEN,
    ticketSecret: TICKET_SECRET,
    allowedOrigins: [PARTNER_ORIGIN],
    publicUrl: 'http://proxy.test',
    upstream,
    clock,
    logger: (line) => logs.push(JSON.stringify(line)),
    rateLimit: false,
    ...options.proxy,
    limits: { statusCacheMs: 0, ...options.limits },
  });
  const tickets: string[] = [];

  const world = {
    proxy,
    control,
    /** Straight to the mock OFD (the partner's back office calls, e.g. starting a simplified registration). */
    ofd: (path: string, init: RequestInit = {}) => mockApp.request(`${OFD_BASE}${path}${path.includes('?') ? '&' : '?'}AuthToken=${AUTH_TOKEN}`, init),
    upstreamCalls,
    logs,
    responses,
    tickets,
    advance(ms: number) {
      // The mock reads the same clock, so both move together.
      now += ms;
    },
    now: () => now,
    ticketFor(applicationId: string, expiresInSeconds = 3600, secret: string = TICKET_SECRET): string {
      const ticket = createTicket({ applicationId, expiresInSeconds, secret, now });
      tickets.push(ticket);
      return ticket;
    },
    upstreamSignCalls(applicationId?: string) {
      return upstreamCalls.filter((c) => c.method === 'POST' && c.path.endsWith('/sign') && (!applicationId || c.path.includes(applicationId))).length;
    },
    /** A request to the proxy as a browser would make it; the response is recorded for the leak scan. */
    async request(path: string, init: RequestInit & { ticket?: string } = {}): Promise<RecordedResponse> {
      const { ticket, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (ticket !== undefined) headers.set('authorization', `Bearer ${ticket}`);
      if (rest.body !== undefined && rest.body !== null && !headers.has('content-type')) headers.set('content-type', 'application/json');
      const res = await proxy.request(`${PROXY_ORIGIN}${path}`, { ...rest, headers });
      return record(res);
    },
    /** A demo application prepared for signing: status AwaitingSignature, its documents handed out by the proxy. */
    async preparedApplication(): Promise<{ id: string; ticket: string; documents: { Id: string; Content: string }[] }> {
      const application = control.createDemoApplication();
      const ticket = world.ticketFor(application.Id);
      const res = await world.request(`/api/registration/${application.Id}/prepareDocuments`, {
        method: 'POST',
        ticket,
        body: JSON.stringify(signerNames()),
      });
      if (res.status !== 200) throw new Error(`prepareDocuments answered ${res.status}: ${res.text}`);
      const documents = ((res.json as { Data: { Documents: { Id: string; Content: string }[] } }).Data.Documents ?? []).map((d) => ({
        Id: d.Id,
        Content: d.Content,
      }));
      return { id: application.Id, ticket, documents };
    },
    sign(applicationId: string, ticket: string, documentId: string, signature: string, headers: Record<string, string> = {}) {
      return world.request(`/api/registration/${applicationId}/sign`, {
        method: 'POST',
        ticket,
        headers,
        body: JSON.stringify({ DocumentId: documentId, Signature: signature }),
      });
    },
  };

  async function record(res: Response): Promise<RecordedResponse> {
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const recorded = { status: res.status, headers: Object.fromEntries(res.headers), text, json };
    responses.push(recorded);
    return recorded;
  }

  return world;
}

export type World = ReturnType<typeof createWorld>;

export function signerNames() {
  const d = DEMO_COMPANY.director;
  return { LastName: d.lastName, GivenName: `${d.firstName} ${d.middleName}`, Position: d.title };
}

/** A real CAdES-BES by the demo company's director over the given content string (its own bytes, section 7.4). */
export function signContent(content: string, options: { detached?: boolean; certificate?: 'director' | 'otherCompanyDirector' } = {}): string {
  const demo = createDemoCertificates();
  const der = buildCadesBes({
    content: new TextEncoder().encode(content),
    certificate: demo[options.certificate ?? 'director'],
    detached: options.detached ?? false,
  });
  return Buffer.from(der).toString('base64');
}

export type { MockOfdControl };
