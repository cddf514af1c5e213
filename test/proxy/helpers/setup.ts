import { createProxyApp } from '../../../src/proxy/app.js';
import type { ProxyOptions } from '../../../src/proxy/options.js';
import { createTicket } from '../../../src/proxy/ticket.js';
import { AUTH_TOKEN, OFD_BASE, createFakeOfd, type FakeOfd } from './fake-ofd.js';

export const SECRET = 'test-ticket-secret-0123456789abcdef-0123456789';
export const APP_ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';
export const OTHER_APP_ID = '81c178ca-fdf0-46f1-a4e6-a6cf0d77d39c';
export const DOC_ID = 'aaf0ba41-be2f-41f8-9267-f827194d8786';
export const DOC2_ID = 'bbf0ba41-be2f-41f8-9267-f827194d8787';
/** Base64 of a windows-1251 XML prolog, as OFD's Content starts. */
export const CONTENT = Buffer.from('<?xml version="1.0" encoding="windows-1251"?><Файл ИдФайл="test"/>', 'latin1').toString('base64');
export const PARTNER_ORIGIN = 'https://partner.example';

export interface Harness {
  app: ReturnType<typeof createProxyApp>;
  ofd: FakeOfd;
  logs: Record<string, unknown>[];
  ticket: string;
  now: { value: number };
  request(path: string, init?: RequestInit & { ticket?: string | null }): Promise<Response>;
}

/** The proxy options every harness uses: the fake OFD, a settable clock, log lines collected. */
export function harnessOptions(ofd: FakeOfd, now: { value: number }, logs: Record<string, unknown>[]): ProxyOptions {
  return {
    ofdBaseUrl: OFD_BASE,
    authToken: AUTH_TOKEN,
    ticketSecret: SECRET,
    allowedOrigins: [PARTNER_ORIGIN],
    publicUrl: 'http://localhost',
    upstream: ofd.fetch,
    clock: () => now.value,
    logger: (line) => logs.push(line as Record<string, unknown>),
  };
}

export function createHarness(overrides: Partial<ProxyOptions> = {}, ofd: FakeOfd = createFakeOfd()): Harness {
  const logs: Record<string, unknown>[] = [];
  const now = { value: Date.UTC(2026, 0, 15, 10, 0, 0) };
  const app = createProxyApp({ ...harnessOptions(ofd, now, logs), ...overrides });
  const ticket = createTicket({ applicationId: APP_ID, expiresInSeconds: 600, secret: SECRET, now: now.value });
  return {
    app,
    ofd,
    logs,
    ticket,
    now,
    request(path, init = {}) {
      const { ticket: t, ...rest } = init;
      const headers = new Headers(rest.headers);
      const chosen = t === undefined ? ticket : t;
      if (chosen !== null) headers.set('authorization', `Bearer ${chosen}`);
      if (rest.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return Promise.resolve(app.request(path, { ...rest, headers }));
    },
  };
}

export async function errorCode(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as { Error?: { Code?: string } };
  return body.Error?.Code;
}
