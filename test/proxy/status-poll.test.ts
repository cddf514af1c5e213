/**
 * The status poll has two paths in one server: the node:http one in front of Hono for its plain case, and
 * Hono's route for everything else. A partner's widget must not be able to tell them apart: same status,
 * body, headers, logs, limits and refusals. `?via=hono` sends the same poll down Hono's path (the node:http
 * path takes no query string), so each case is asked both ways and compared.
 */
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxyServer, type RunningProxy } from '../../src/proxy/server.js';
import { createTicket } from '../../src/proxy/ticket.js';
import { AUTH_TOKEN, createFakeOfd } from './helpers/fake-ofd.js';
import { APP_ID, CONTENT, DOC_ID, OTHER_APP_ID, PARTNER_ORIGIN, SECRET, harnessOptions } from './helpers/setup.js';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let running: RunningProxy | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: { perTicketPerMinute?: number; rateLimit?: boolean; accessLog?: boolean } = {}) {
  const ofd = createFakeOfd();
  ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
  const logs: Record<string, unknown>[] = [];
  const now = { value: Date.UTC(2026, 0, 15, 10, 0, 0) };
  running = await startProxyServer({
    ...harnessOptions(ofd, now, logs),
    limits: { statusCacheMs: 0, ...(options.perTicketPerMinute ? { perTicketPerMinute: options.perTicketPerMinute } : {}) },
    ...(options.rateLimit === false ? { rateLimit: false } : {}),
    ...(options.accessLog === false ? { accessLog: false } : {}),
  });
  const ticket = createTicket({ applicationId: APP_ID, expiresInSeconds: 600, secret: SECRET, now: now.value });
  return { ofd, logs, now, ticket, url: running.url };
}

/** A raw request (node:http, so no header is added or normalised on the way). */
function get(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) out[res.rawHeaders[i]!.toLowerCase()] = res.rawHeaders[i + 1]!;
        resolve({ status: res.statusCode!, headers: out, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The same poll down both paths; which path answered shows in the header order, the one thing that differs. */
async function bothWays(base: string, headers: Record<string, string>, id = APP_ID) {
  const direct = await get(`${base}/api/registration/${id}`, headers);
  const viaHono = await get(`${base}/api/registration/${id}?via=hono`, headers);
  return { direct, viaHono };
}

const comparable = (answer: Answer) => {
  const { date: _date, 'x-request-id': id, ...headers } = answer.headers;
  return { status: answer.status, headers, body: answer.body.replaceAll(id ?? '\u0000', '<request id>'), hasRequestId: typeof id === 'string' };
};

describe('status poll: the node:http path answers as the Hono route does', () => {
  it('a browser poll from a listed origin: same status, body, security and CORS headers, log line', async () => {
    const { ticket, url, logs } = await start();
    const { direct, viaHono } = await bothWays(url, { authorization: `Bearer ${ticket}`, origin: PARTNER_ORIGIN });
    expect(direct.status).toBe(200);
    // The node:http path writes its own headers first; Hono's adapter writes them sorted.
    expect(Object.keys(direct.headers)[0]).toBe('x-request-id');
    expect(Object.keys(viaHono.headers)[0]).not.toBe('x-request-id');
    expect(comparable(direct)).toEqual(comparable(viaHono));
    expect(direct.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(direct.body).not.toContain(AUTH_TOKEN);
    const requests = logs.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(2);
    const shape = ({ requestId: _r, ms: _m, time: _t, ...line }: Record<string, unknown>) => line;
    expect(shape(requests[0]!)).toEqual(shape(requests[1]!));
  });

  it('keeps a well-formed incoming X-Request-Id on both paths', async () => {
    const { ticket, url } = await start();
    const { direct, viaHono } = await bothWays(url, { authorization: `Bearer ${ticket}`, 'x-request-id': 'partner-trace-0001' });
    expect(direct.headers['x-request-id']).toBe('partner-trace-0001');
    expect(viaHono.headers['x-request-id']).toBe('partner-trace-0001');
  });

  it.each([
    ['an origin that is not listed', (t: string) => ({ authorization: `Bearer ${t}`, origin: 'https://evil.example' }), 'ORIGIN_NOT_ALLOWED'],
    ['no ticket', () => ({}), 'TICKET_MISSING'],
    ['a forged ticket', (t: string) => ({ authorization: `Bearer ${t.slice(0, -2)}xx` }), 'TICKET_INVALID'],
    ['two Authorization headers', (t: string) => ({ authorization: [`Bearer ${t}`, `Bearer ${t}`] as unknown as string }), 'TICKET_MISSING'],
  ])('refuses %s with the same error either way', async (_what, headers, code) => {
    const { ticket, url, ofd } = await start();
    const { direct, viaHono } = await bothWays(url, headers(ticket));
    expect(JSON.parse(direct.body).Error.Code).toBe(code);
    expect(comparable(direct)).toEqual(comparable(viaHono));
    expect(ofd.calls).toHaveLength(0);
  });

  it('an expired ticket and a ticket for another application are refused the same way after being remembered', async () => {
    const { ticket, url, now } = await start();
    expect((await get(`${url}/api/registration/${APP_ID}`, { authorization: `Bearer ${ticket}` })).status).toBe(200);
    const other = await bothWays(url, { authorization: `Bearer ${ticket}` }, OTHER_APP_ID);
    expect(JSON.parse(other.direct.body).Error.Code).toBe('TICKET_WRONG_APPLICATION');
    expect(comparable(other.direct)).toEqual(comparable(other.viaHono));
    now.value += 601_000;
    const expired = await bothWays(url, { authorization: `Bearer ${ticket}` });
    expect(JSON.parse(expired.direct.body).Error.Code).toBe('TICKET_EXPIRED');
    expect(comparable(expired.direct)).toEqual(comparable(expired.viaHono));
  });

  it('an upstream that fails answers the same error envelope, logged once per request', async () => {
    const { ticket, url, ofd, logs } = await start();
    ofd.onGet(() => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    const { direct, viaHono } = await bothWays(url, { authorization: `Bearer ${ticket}` });
    expect(direct.status).toBe(502);
    expect(JSON.parse(direct.body).Error.Code).toBe('UPSTREAM_UNAVAILABLE');
    expect(comparable(direct)).toEqual(comparable(viaHono));
    expect(logs.filter((line) => line.msg === 'UPSTREAM_UNAVAILABLE')).toHaveLength(2);
  });

  it('OFD failure envelopes pass through scrubbed on both paths', async () => {
    const { ticket, url, ofd } = await start();
    ofd.onGet(() => new Response(JSON.stringify({ Data: null, Success: false, Errors: [{ Code: 'X', Message: `bad token ${AUTH_TOKEN}` }] }), { status: 400 }));
    const { direct, viaHono } = await bothWays(url, { authorization: `Bearer ${ticket}` });
    expect(direct.status).toBe(400);
    expect(direct.body).not.toContain(AUTH_TOKEN);
    expect(comparable(direct)).toEqual(comparable(viaHono));
  });

  it('one rate limit per ticket across both paths', async () => {
    const { ticket, url } = await start({ perTicketPerMinute: 3 });
    const auth = { authorization: `Bearer ${ticket}` };
    const statuses = [
      (await get(`${url}/api/registration/${APP_ID}`, auth)).status,
      (await get(`${url}/api/registration/${APP_ID}?via=hono`, auth)).status,
      (await get(`${url}/api/registration/${APP_ID}`, auth)).status,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    const over = await bothWays(url, auth);
    expect(over.direct.status).toBe(429);
    expect(over.direct.headers['retry-after']).toMatch(/^\d+$/);
    expect(comparable(over.direct)).toEqual(comparable(over.viaHono));
  });

  it('`accessLog: false` drops the line per request on both paths, and keeps the error lines', async () => {
    const { ticket, url, ofd, logs } = await start({ accessLog: false });
    await bothWays(url, { authorization: `Bearer ${ticket}` });
    ofd.onGet(() => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    await bothWays(url, { authorization: `Bearer ${ticket}` });
    expect(logs.map((line) => line.msg)).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
  });
});
