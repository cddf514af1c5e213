/**
 * The status poll has two paths in one server: the node:http one in front of Hono for its plain case, and
 * Hono's route for everything else. A partner's widget must not be able to tell them apart: same status,
 * body, headers, logs, limits and refusals. `?via=hono` sends the same poll down Hono's path (the node:http
 * path takes no query string), so each case is asked both ways and compared.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxyServer, type RunningProxy, type StartProxyServerOptions } from '../../src/proxy/server.js';
import { createMemoryLinkRevocations } from '../../src/proxy/links/revocations.js';
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

async function start(
  options: { perTicketPerMinute?: number; rateLimit?: boolean; accessLog?: boolean } & Partial<StartProxyServerOptions> = {},
) {
  const { perTicketPerMinute, rateLimit, accessLog, ...more } = options;
  const ofd = createFakeOfd();
  ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
  const logs: Record<string, unknown>[] = [];
  const now = { value: Date.UTC(2026, 0, 15, 10, 0, 0) };
  running = await startProxyServer({
    ...harnessOptions(ofd, now, logs),
    limits: { statusCacheMs: 0, ...(perTicketPerMinute ? { perTicketPerMinute } : {}) },
    ...(rateLimit === false ? { rateLimit: false } : {}),
    ...(accessLog === false ? { accessLog: false } : {}),
    ...more,
  });
  const ticket = createTicket({ applicationId: APP_ID, expiresInSeconds: 600, secret: SECRET, now: now.value });
  return { ofd, logs, now, ticket, url: running.url };
}

/** A raw request (node:http, so no header is added or normalised on the way); GET unless a body is given. */
function get(url: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, method: body === undefined ? 'GET' : 'POST' }, (res) => {
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
    req.end(body);
  });
}

/** The same poll down both paths; which path answered shows in the header order, the one thing that differs. */
async function bothWays(base: string, headers: Record<string, string>, id = APP_ID) {
  const direct = await get(`${base}/api/registration/${id}`, headers);
  const viaHono = await get(`${base}/api/registration/${id}?via=hono`, headers);
  return { direct, viaHono };
}

/** Whether the node:http path wrote this answer (it writes its own headers first; Hono's adapter sorts them). */
const fromNodePath = (answer: Answer) => Object.keys(answer.headers)[0] === 'x-request-id';

const comparable = (answer: Answer) => {
  const { date: _date, 'x-request-id': id, ...headers } = answer.headers;
  return { status: answer.status, headers, body: answer.body.replaceAll(id ?? '\u0000', '<request id>'), hasRequestId: typeof id === 'string' };
};

describe('status poll: the node:http path answers as the Hono route does', () => {
  it('a browser poll from a listed origin: same status, body, security and CORS headers, log line', async () => {
    const { ticket, url, logs } = await start();
    const { direct, viaHono } = await bothWays(url, { authorization: `Bearer ${ticket}`, origin: PARTNER_ORIGIN });
    expect(direct.status).toBe(200);
    expect([fromNodePath(direct), fromNodePath(viaHono)]).toEqual([true, false]);
    expect(comparable(direct)).toEqual(comparable(viaHono));
    expect(direct.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(direct.body).not.toContain(AUTH_TOKEN);
    const requests = logs.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(2);
    const shape = ({ requestId: _r, ms: _m, time: _t, ...line }: Record<string, unknown>) => line;
    expect(shape(requests[0]!)).toEqual(shape(requests[1]!));
  });

  it('an X-Request-Id from a client that is not a trusted hop is replaced on both paths', async () => {
    // No trusted hops at all, then a balancer listed that is not this client's address.
    for (const trust of [{}, { trustProxy: 1, trustedProxies: ['10.0.0.0/8'] }]) {
      const { ticket, url, logs } = await start(trust);
      const { direct, viaHono } = await bothWays(url, { authorization: `Bearer ${ticket}`, 'x-request-id': 'partner-trace-0001' });
      expect(direct.status).toBe(200);
      expect(fromNodePath(direct)).toBe(true);
      expect(direct.headers['x-request-id']).not.toBe('partner-trace-0001');
      expect(viaHono.headers['x-request-id']).not.toBe('partner-trace-0001');
      expect(direct.headers['x-request-id']).not.toBe(viaHono.headers['x-request-id']);
      // Nor may it claim an address: the socket peer is the client.
      expect(logs.filter((line) => line.msg === 'request').map((line) => [line.requestId, line.client])).toEqual([
        [direct.headers['x-request-id'], '127.0.0.1'],
        [viaHono.headers['x-request-id'], '127.0.0.1'],
      ]);
      await running?.close();
      running = undefined;
    }
  });

  it('from a trusted hop: its X-Request-Id is kept and the client is the address it forwarded, on both paths', async () => {
    const { ticket, url, logs } = await start({ trustProxy: 1, trustedProxies: ['127.0.0.1'] });
    const headers = { authorization: `Bearer ${ticket}`, 'x-request-id': 'partner-trace-0001', 'x-forwarded-for': 'spoofed, 198.51.100.7' };
    const { direct, viaHono } = await bothWays(url, headers);
    expect(direct.headers['x-request-id']).toBe('partner-trace-0001');
    expect([fromNodePath(direct), fromNodePath(viaHono)]).toEqual([true, false]);
    expect(comparable(direct)).toEqual(comparable(viaHono));
    const requests = logs.filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.requestId, line.client])).toEqual([
      ['partner-trace-0001', '198.51.100.7'],
      ['partner-trace-0001', '198.51.100.7'],
    ]);
  });

  it('log lines of both paths go through the redactor: a request id shaped like a signing-link code is not logged', async () => {
    const { ticket, url, logs } = await start({ trustProxy: 1, trustedProxies: ['127.0.0.1'] });
    const code = 'l1.AbCdEfGhIj.KlMnOpQrStUvWxYz0123';
    const { direct, viaHono } = await bothWays(url, { authorization: `Bearer ${ticket}`, 'x-request-id': code });
    expect(direct.headers['x-request-id']).toBe(code);
    expect([fromNodePath(direct), fromNodePath(viaHono)]).toEqual([true, false]);
    expect(comparable(direct)).toEqual(comparable(viaHono));
    const requests = logs.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(JSON.stringify(logs)).not.toContain(code);
    expect(requests.map((line) => line.requestId)).toEqual(['[ticket]', '[ticket]']);
  });

  it('CORS and file links follow PUBLIC_URL on both paths; the Host header changes nothing', async () => {
    const { ticket, url } = await start({ publicUrl: 'https://sign.example' });
    const auth = { authorization: `Bearer ${ticket}` };
    // The proxy's own page (PUBLIC_URL's origin) calls the API same-origin.
    const own = await bothWays(url, { ...auth, origin: 'https://sign.example' });
    expect(own.direct.status).toBe(200);
    expect(fromNodePath(own.direct)).toBe(true);
    expect(own.direct.headers['access-control-allow-origin']).toBe('https://sign.example');
    expect(comparable(own.direct)).toEqual(comparable(own.viaHono));
    expect(JSON.parse(own.direct.body).Data.DownloadUri).toBe(`https://sign.example/api/registration/${APP_ID}/files/application`);
    // The origin the Host header would make is not the proxy's: refused either way.
    const hostOrigin = await bothWays(url, { ...auth, origin: new URL(url).origin });
    expect(JSON.parse(hostOrigin.direct.body).Error.Code).toBe('ORIGIN_NOT_ALLOWED');
    expect(comparable(hostOrigin.direct)).toEqual(comparable(hostOrigin.viaHono));
    // A Host a client makes up: the same links, the same CORS decision.
    const forged = await bothWays(url, { ...auth, host: 'evil.example', origin: 'https://sign.example' });
    expect(comparable(forged.direct)).toEqual(comparable(own.direct));
    expect(comparable(forged.viaHono)).toEqual(comparable(own.direct));
    const evil = await bothWays(url, { ...auth, host: 'evil.example', origin: 'http://evil.example' });
    expect(JSON.parse(evil.direct.body).Error.Code).toBe('ORIGIN_NOT_ALLOWED');
    expect(comparable(evil.direct)).toEqual(comparable(evil.viaHono));
  });

  it('a revoked link\'s ticket still reads the status, the same on both paths, and can no longer write', async () => {
    const revocations = createMemoryLinkRevocations();
    const { url, now } = await start({ linkRevocations: revocations });
    const ticket = createTicket({ applicationId: APP_ID, expiresInSeconds: 600, secret: SECRET, now: now.value, linkId: 'link-0001' });
    await revocations.revoke('link-0001', Date.now() + 600_000);
    const auth = { authorization: `Bearer ${ticket}` };
    const { direct, viaHono } = await bothWays(url, auth);
    expect([direct.status, fromNodePath(direct)]).toEqual([200, true]);
    expect(comparable(direct)).toEqual(comparable(viaHono));
    const names = JSON.stringify({ LastName: 'Романова', GivenName: 'Анна', Position: 'Директор' });
    const write = await get(`${url}/api/registration/${APP_ID}/prepareDocuments`, { ...auth, 'content-type': 'application/json' }, names);
    expect(JSON.parse(write.body).Error.Code).toBe('LINK_REVOKED');
  });

  it('/metrics counts the polls and their upstream calls whichever path answered them', async () => {
    const token = 'metrics-token-0123456789abcdef-0123456789';
    const { ticket, url, ofd } = await start({ metricsToken: token });
    const auth = { authorization: `Bearer ${ticket}` };
    const ok = await bothWays(url, auth);
    expect([ok.direct.status, ok.viaHono.status]).toEqual([200, 200]);
    expect([fromNodePath(ok.direct), fromNodePath(ok.viaHono)]).toEqual([true, false]);
    ofd.onGet(() => new Response(JSON.stringify({ Data: null, Success: false, Errors: [{ Code: 'X', Message: 'no' }] }), { status: 400 }));
    const failed = await bothWays(url, auth);
    expect([failed.direct.status, failed.viaHono.status]).toEqual([400, 400]);
    const metrics = await get(`${url}/metrics`, { authorization: `Bearer ${token}` });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('ofd_signer_http_requests_total{route="status",method="GET",status="2xx"} 2\n');
    expect(metrics.body).toContain('ofd_signer_http_requests_total{route="status",method="GET",status="4xx"} 2\n');
    expect(metrics.body).toContain('ofd_signer_upstream_request_duration_seconds_count{operation="status",outcome="2xx"} 2\n');
    expect(metrics.body).toContain('ofd_signer_upstream_request_duration_seconds_count{operation="status",outcome="4xx"} 2\n');
    // /metrics and /readyz (Hono's) carry the API answers' security headers, as the poll does on both paths.
    const ready = await get(`${url}/readyz`, {});
    for (const answer of [metrics, ready, ok.direct]) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('the server\'s connection limits hold after a poll the node:http path answered: an idle keep-alive is closed', async () => {
    const { ticket, url } = await start({ connections: { keepAliveTimeoutMs: 300 } });
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    const started = Date.now();
    const closedAfter = await new Promise<number | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 8_000);
      socket.on('connect', () =>
        socket.write(`GET /api/registration/${APP_ID} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ticket}\r\nConnection: keep-alive\r\n\r\n`),
      );
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(Date.now() - started);
      });
    });
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    // The node:http path's answer: its own headers come first.
    expect(text.split('\r\n')[1]).toMatch(/^x-request-id: /i);
    // Closed well before Node's default of 5 s (it closes ≈ 1 s after the 300 ms here, when it next checks).
    expect(closedAfter).toBeDefined();
    expect(closedAfter!).toBeLessThan(4_000);
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
