/**
 * Property-based fuzzing of the proxy (fast-check). Whatever a browser — or an attacker — sends:
 * - the proxy's own code never answers 5xx (5xx only when OFD itself failed, after a request that was allowed through);
 * - an invalid request never reaches OFD, and no `sign` ever goes out for a signature that is not right;
 * - every error is the proxy's documented envelope with a code from the catalogue and the catalogue's status;
 * - no response and no log line carries the AuthToken, the ticket secret or a ticket.
 * The seed is fixed so CI is repeatable; FUZZ_SEED=… and FUZZ_RUNS=… explore further.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_ERRORS } from '../../src/proxy/index.js';
import { BER_MUTATIONS, mutateBer, nestingBomb, toIndefinite } from './helpers/ber.js';
import { AUTH_TOKEN, expectNoSecret, FOREIGN_ORIGIN, PARTNER_ORIGIN, TICKET_SECRET } from './helpers/secrets.js';
import { createWorld, errorCodeOf, PROXY_CODES, signContent, type RecordedResponse, type World } from './helpers/world.js';
import { createTicket } from '../../src/proxy/index.js';
import { readFileSync } from 'node:fs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const casesRun: Record<string, number> = {};

function settings(name: string) {
  casesRun[name] = 0;
  return { seed: SEED, numRuns: RUNS, endOnFailure: true };
}

let world: World;
let app: { id: string; ticket: string; documents: { Id: string; Content: string }[] };
let other: { id: string; ticket: string };
let goodSignature: string;

beforeAll(async () => {
  world = createWorld();
  app = await world.preparedApplication();
  const otherApp = world.control.createDemoApplication();
  other = { id: otherApp.Id, ticket: world.ticketFor(otherApp.Id) };
  goodSignature = signContent(app.documents[0]!.Content);
});

afterAll(() => {
  const total = Object.values(casesRun).reduce((a, b) => a + b, 0);
  console.log(`[reliability] proxy fuzz: ${total} cases (seed ${SEED}): ${JSON.stringify(casesRun)}`);
  // Leak scan over everything this file saw.
  for (const r of world.responses) expectNoSecret(JSON.stringify(r), `response ${r.status}`);
  for (const line of world.logs) expectNoSecret(line, 'log line', world.tickets);
});

/** The invariants every answer must keep, whatever was asked. */
function expectWellFormed(res: RecordedResponse, upstreamCalled: boolean, where: string, head = false) {
  const code = errorCodeOf(res.json);
  if (res.status >= 500) {
    // Only OFD's own trouble may surface as 5xx, and only after the request was let through.
    expect(upstreamCalled, `${where}: 5xx ${res.text} without an upstream call`).toBe(true);
    expect(code, `${where}: ${res.text}`).not.toBe('INTERNAL');
  }
  if (res.status >= 400 && !upstreamCalled && !head) {
    expect(code && PROXY_CODES.has(code), `${where}: undocumented error ${res.status} ${res.text.slice(0, 200)}`).toBe(true);
    expect(res.status, `${where}: ${code}`).toBe(PROXY_ERRORS[code as keyof typeof PROXY_ERRORS].status);
    expect((res.json as { Status?: string }).Status).toBe('Failed');
  }
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expectNoSecret(res.text, where);
  expectNoSecret(JSON.stringify(res.headers), where);
}

async function observe(run: () => Promise<RecordedResponse>) {
  const before = world.upstreamCalls.length;
  const signsBefore = world.upstreamSignCalls();
  const res = await run();
  return { res, upstream: world.upstreamCalls.slice(before), signs: world.upstreamSignCalls() - signsBefore };
}

describe('fuzzing the whole API surface: methods, paths, headers, tickets, bodies', () => {
  const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
  const segment = () =>
    fc.oneof(
      fc.constantFrom('api', 'registration', 'sign', 'prepareDocuments', 'registration-report', 'files', 'application', 'result', '0', '999',
        'simplified', 'status', 'healthz', '..', '.', '', '%00', '%ZZ', '%2e%2e', '%2F', 'AuthToken=x', '~', 'LONG'),
      fc.constant('APP'),
      fc.constant('OTHER'),
      fc.uuid(),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
      fc.webSegment(),
    );
  const path = fc
    .tuple(fc.constantFrom('/api/registration/', '/api/', '/', '/api/registration/APP/'), fc.array(segment(), { maxLength: 4 }), fc.option(fc.webQueryParameters()))
    .map(([prefix, segs, query]) => `${prefix}${segs.join('/')}${query ? `?${query}` : ''}`);
  const auth = fc.oneof(
    fc.constant<string | undefined>(undefined),
    fc.constantFrom('VALID', 'OTHER', 'EXPIRED', 'TAMPERED', 'FOREIGN-SECRET', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(9000)}`),
    fc.string({ maxLength: 80 }).map((s) => `Bearer ${s}`),
    fc.string({ maxLength: 40 }),
  );
  const origin = fc.constantFrom(undefined, PARTNER_ORIGIN, FOREIGN_ORIGIN, 'null', 'http://127.0.0.1:1', `${PARTNER_ORIGIN}.attacker.example`);
  const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x');
  const body = fc.oneof(
    fc.constant<string | undefined>(undefined),
    fc.string({ maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.constant('{"DocumentId":"'),
    fc.constant('{"LastName":"Романова","GivenName":'),
    fc.constant('HUGE'),
    fc.constant('\u0000\u0001\u0002'),
  );

  function resolveTicket(kind: string | undefined): string | undefined {
    switch (kind) {
      case 'VALID':
        return `Bearer ${app.ticket}`;
      case 'OTHER':
        return `Bearer ${other.ticket}`;
      case 'EXPIRED':
        return `Bearer ${createTicket({ applicationId: app.id, expiresInSeconds: 1, secret: TICKET_SECRET, now: world.now() - 10_000 })}`;
      case 'TAMPERED': {
        const [v, payload, mac] = app.ticket.split('.') as [string, string, string];
        return `Bearer ${v}.${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
      }
      case 'FOREIGN-SECRET':
        return `Bearer ${createTicket({ applicationId: app.id, expiresInSeconds: 600, secret: 'another-partner-secret-another-partner-secret', now: world.now() })}`;
      default:
        return kind;
    }
  }

  /** Routes that may reach OFD when called correctly (a `sign` needs a real signature: never generated here). */
  const FORWARDED: { method: string[]; pattern: RegExp }[] = [
    { method: ['GET', 'HEAD'], pattern: /^\/api\/registration\/APPID$/ },
    { method: ['GET', 'HEAD'], pattern: /^\/api\/registration\/APPID\/simplified\/status$/ },
    { method: ['GET', 'HEAD'], pattern: /^\/api\/registration\/APPID\/files\/(application|simplified|result\/\d{1,3})$/ },
    { method: ['POST'], pattern: /^\/api\/registration\/APPID\/prepareDocuments$/ },
    { method: ['PUT'], pattern: /^\/api\/registration\/APPID\/registration-report$/ },
  ];

  it('no 5xx of our own, no upstream call for invalid requests, documented codes, no secret', async () => {
    const name = 'api-surface';
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), path, auth, origin, contentType, body, async (method, rawPath, authKind, originValue, type, payload) => {
        casesRun[name]!++;
        const url = rawPath.replaceAll('APP', app.id).replaceAll('OTHER', other.id).replaceAll(`${app.id}ID`, app.id).replaceAll('LONG', 'A'.repeat(3000));
        const headers: Record<string, string> = {};
        const authorization = resolveTicket(authKind);
        if (authorization !== undefined) headers.authorization = authorization;
        if (originValue) headers.origin = originValue;
        if (type) headers['content-type'] = type;
        const payloadText = payload === 'HUGE' ? `{"x":"${'y'.repeat(20_000)}"}` : payload;
        const withBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
        let request: Request;
        try {
          request = new Request(`http://proxy.test${url}`, { method, headers, ...(withBody ? { body: payloadText } : {}) });
        } catch {
          return; // not expressible as an HTTP request at all
        }
        const before = world.upstreamCalls.length;
        const res = await world.proxy.request(request);
        const text = await res.text();
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const recorded = { status: res.status, headers: Object.fromEntries(res.headers), text, json };
        world.responses.push(recorded);
        const upstream = world.upstreamCalls.slice(before);
        const where = `${method} ${url.slice(0, 120)} auth=${String(authKind).slice(0, 30)} origin=${originValue}`;
        expectWellFormed(recorded, upstream.length > 0, where, method === 'HEAD');
        expect(upstream.filter((c) => c.path.endsWith('/sign')), where).toHaveLength(0);
        if (upstream.length > 0) {
          // Only a correct request may pass: the right ticket, an allowed origin, a forwarded route.
          const pathOnly = new URL(request.url).pathname.replace(app.id, 'APPID');
          const route = FORWARDED.find((r) => r.pattern.test(pathOnly) && r.method.includes(method));
          expect(authKind, where).toBe('VALID');
          expect([undefined, PARTNER_ORIGIN], where).toContain(originValue);
          expect(route, `${where} reached OFD`).toBeDefined();
          expect(upstream.length, where).toBeLessThanOrEqual(2);
          for (const call of upstream) expect(call.path.includes(app.id), where).toBe(true);
        }
      }),
      settings(name),
    );
  });
});

describe('fuzzing sign bodies: JSON, ids, base64, CMS, BER', () => {
  async function signWith(body: string, contentType = 'application/json') {
    return observe(() =>
      world.request(`/api/registration/${app.id}/sign`, { method: 'POST', ticket: app.ticket, body, headers: { 'content-type': contentType } }),
    );
  }
  const refusedBeforeSend = new Set(['INVALID_BODY', 'INVALID_ID', 'BODY_TOO_LARGE', 'SIGNATURE_INVALID', 'SIGNATURE_CONTENT_MISMATCH', 'DOCUMENT_NOT_FOUND']);

  function expectRefused(o: Awaited<ReturnType<typeof signWith>>, where: string) {
    expectWellFormed(o.res, o.upstream.length > 0, where);
    expect(o.signs, `${where}: a bad signature reached OFD`).toBe(0);
    const code = errorCodeOf(o.res.json);
    expect(refusedBeforeSend.has(code ?? ''), `${where}: answered ${o.res.status} ${o.res.text.slice(0, 200)}`).toBe(true);
  }

  it('arbitrary JSON and malformed fields are refused before anything is sent', async () => {
    const name = 'sign-json';
    const documentId = fc.oneof(fc.constant('DOC'), fc.uuid(), fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null), fc.constant(undefined));
    const signature = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.base64String({ maxLength: 400 }),
      fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString('base64')),
      fc.constantFrom('', '====', 'MIA=', 'MA==', '!!!!', 'MIAGCSqGSIb3DQEHAqCAMIACAQEx', '\r\n'),
      fc.integer(),
      fc.constant(null),
    );
    const body = fc.oneof(
      fc.record({ DocumentId: documentId, Signature: signature }, { requiredKeys: [] }).map((o) => JSON.stringify(o).replace('"DOC"', `"${app.documents[0]!.Id}"`)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 100 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        casesRun[name]!++;
        expectRefused(await signWith(payload), `sign body ${payload.slice(0, 120)}`);
      }),
      settings(name),
    );
  });

  it('truncated, huge and non-CMS signatures are refused; the document keeps its one sign', async () => {
    const name = 'sign-signature-bytes';
    const der = Buffer.from(goodSignature, 'base64');
    const signature = fc.oneof(
      fc.integer({ min: 1, max: der.length - 1 }).map((n) => der.subarray(0, n).toString('base64')),
      fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((b) => Buffer.from(b).toString('base64')),
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.concat([Buffer.from([0x30, 0x80]), b]).toString('base64')),
      fc.integer({ min: 1, max: 3 }).map((n) => goodSignature.slice(0, goodSignature.length - n)),
      fc.constantFrom('A'.repeat(2_200_000), `${goodSignature}#`, goodSignature.replace(/[+/]/g, '-'), `data:;base64,${goodSignature}`),
    );
    await fc.assert(
      fc.asyncProperty(signature, async (sig) => {
        casesRun[name]!++;
        expectRefused(await signWith(JSON.stringify({ DocumentId: app.documents[0]!.Id, Signature: sig })), `signature ${sig.slice(0, 60)}…(${sig.length})`);
      }),
      { ...settings(name), numRuns: Math.min(RUNS, 120) },
    );
  });

  it('BER oddities (bad lengths, indefinite primitives, missing end-of-contents, nesting bombs) are refused', async () => {
    const name = 'sign-ber';
    const der = new Uint8Array(Buffer.from(goodSignature, 'base64'));
    const ber = toIndefinite(der);
    const damaged = fc.oneof(
      fc.tuple(fc.constantFrom(...BER_MUTATIONS), fc.nat(), fc.boolean()).map(([m, pick, useBer]) => mutateBer(useBer ? ber : der, m, pick)),
      fc.tuple(fc.integer({ min: 1, max: 3_000 }), fc.boolean()).map(([depth, closed]) => nestingBomb(depth, closed)),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        casesRun[name]!++;
        const o = await signWith(JSON.stringify({ DocumentId: app.documents[0]!.Id, Signature: Buffer.from(bytes).toString('base64') }));
        expectRefused(o, `BER ${Buffer.from(bytes.subarray(0, 24)).toString('hex')}…(${bytes.length})`);
      }),
      { ...settings(name), numRuns: Math.min(RUNS, 150) },
    );
  });

  it('real CMS over the wrong content is refused as SIGNATURE_CONTENT_MISMATCH with no sign sent', async () => {
    const name = 'sign-wrong-content';
    const fixtures = ['attached-der-256.p7s', 'attached-ber-256.p7s', 'attached-der-512.p7s', 'attached-ber-512.p7s'].map((f) =>
      readFileSync(new URL(`../fixtures/cms/${f}`, import.meta.url)).toString('base64'),
    );
    const content = app.documents[0]!.Content;
    const wrong = fc.oneof(
      fc.constantFrom(...fixtures),
      fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== content).map((s) => signContent(s)),
      fc.integer({ min: 1, max: content.length - 1 }).map((n) => signContent(content.slice(0, n))),
      fc.constant(signContent(`${content}\n`)),
      fc.constant(signContent(content.toLowerCase())),
    );
    await fc.assert(
      fc.asyncProperty(wrong, async (sig) => {
        casesRun[name]!++;
        const o = await signWith(JSON.stringify({ DocumentId: app.documents[0]!.Id, Signature: sig }));
        expectRefused(o, 'wrong content');
        expect(errorCodeOf(o.res.json)).toBe('SIGNATURE_CONTENT_MISMATCH');
      }),
      { ...settings(name), numRuns: Math.min(RUNS, 40) },
    );
  });

  it('after all of that the document still takes its one good signature, in DER and in BER', async () => {
    expect(world.upstreamSignCalls(app.id)).toBe(0);
    const ber = Buffer.from(toIndefinite(new Uint8Array(Buffer.from(goodSignature, 'base64')))).toString('base64');
    const o = await signWith(JSON.stringify({ DocumentId: app.documents[0]!.Id, Signature: ber }));
    expect(o.res.status, o.res.text).toBe(200);
    expect(world.upstreamSignCalls(app.id)).toBe(1);
    expect(world.control.acceptedSignature(app.id, app.documents[0]!.Id)).toBe(ber);
  });
});

describe('fuzzing the other JSON bodies', () => {
  it('prepareDocuments forwards only three checked names, or refuses without calling OFD', async () => {
    const name = 'prepare-json';
    const local = createWorld();
    const target = local.control.createDemoApplication();
    const ticket = local.ticketFor(target.Id);
    const names = fc.oneof(fc.string({ maxLength: 250 }), fc.constantFrom('Романова', 'O’Brien-Smith', '<script>', 'a\u0000b', ' ', '\u202e'), fc.integer(), fc.constant(null));
    const body = fc.oneof(
      fc.record({ LastName: names, GivenName: names, Position: names, Extra: fc.jsonValue() }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        casesRun[name]!++;
        const before = local.upstreamCalls.length;
        const res = await local.request(`/api/registration/${target.Id}/prepareDocuments`, { method: 'POST', ticket, body: payload });
        const upstream = local.upstreamCalls.slice(before);
        const where = `prepare ${payload.slice(0, 100)}`;
        expect(res.status, where).toBeLessThan(500);
        if (upstream.length === 0) {
          expect(errorCodeOf(res.json), where).toBe('INVALID_BODY');
        } else {
          expect(upstream).toHaveLength(1);
          const forwarded = JSON.parse(upstream[0]!.body!) as Record<string, unknown>;
          expect(Object.keys(forwarded).every((k) => ['LastName', 'GivenName', 'Position'].includes(k)), where).toBe(true);
          for (const v of Object.values(forwarded)) expect(typeof v === 'string' && /^[^\u0000-\u001f<>\u202e]*$/.test(v), where).toBe(true);
        }
        expectNoSecret(res.text, where);
      }),
      settings(name),
    );
    for (const line of local.logs) expectNoSecret(line, 'log line', local.tickets);
  });

  it('registration-report forwards only checked FiscalDocumentData, or refuses without calling OFD', async () => {
    const name = 'report-json';
    const local = createWorld();
    const target = local.control.createDemoApplication();
    const ticket = local.ticketFor(target.Id);
    const field = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.constantFrom('2026-11-20T10:15', '2026-02-30T10:00', '12345', '0', '-1', '1e3', ''));
    const body = fc.oneof(
      fc.record({ KktDetails: fc.record({ FiscalDocumentData: fc.record({ DateTime: field, DocumentNumber: field, Signature: field }, { requiredKeys: [] }), Model: fc.string() }, { requiredKeys: [] }) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        casesRun[name]!++;
        const before = local.upstreamCalls.length;
        const res = await local.request(`/api/registration/${target.Id}/registration-report`, { method: 'PUT', ticket, body: payload });
        // Only writes count: a checked report is followed by a fresh status read (the stage check).
        const upstream = local.upstreamCalls.slice(before).filter((c) => c.method === 'PUT');
        const where = `report ${payload.slice(0, 100)}`;
        expect(res.status, where).toBeLessThan(500);
        if (upstream.length === 0) {
          expect(['INVALID_BODY', 'NOT_AWAITING_REPORT'], where).toContain(errorCodeOf(res.json));
        } else {
          const forwarded = JSON.parse(upstream[0]!.body!) as { KktDetails: Record<string, unknown> };
          expect(Object.keys(forwarded)).toEqual(['KktDetails']);
          expect(Object.keys(forwarded.KktDetails)).toEqual(['FiscalDocumentData']);
        }
        expectNoSecret(res.text, where);
      }),
      settings(name),
    );
  });
});

describe('the AuthToken in what OFD answers never reaches the browser', () => {
  it('any string OFD puts the token into is scrubbed from the proxied answer', async () => {
    const name = 'token-echo';
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.constantFrom('?AuthToken=', '&AuthToken=', ' ', '', 'authtoken='), async (pre, post, glue) => {
        casesRun[name]!++;
        const echo = createWorld({
          proxy: {
            upstream: async () => {
              const body = { Data: null, Success: false, Errors: [{ Code: 'ValidationError', Message: `${pre}${glue}${AUTH_TOKEN}${post}` }] };
              return new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } }) as never;
            },
          },
        });
        const target = echo.control.createDemoApplication();
        const res = await echo.request(`/api/registration/${target.Id}`, { ticket: echo.ticketFor(target.Id) });
        expect(res.status).toBe(400);
        expectNoSecret(res.text, 'echoed token');
        for (const line of echo.logs) expectNoSecret(line, 'log line', echo.tickets);
      }),
      { ...settings(name), numRuns: Math.min(RUNS, 60) },
    );
  });
});

describe('over a real socket: bodies cut short, lying lengths, oversized headers', () => {
  it('the proxy stays up, calls nothing upstream and keeps answering', async () => {
    const { startProxyServer } = await import('../../src/proxy/index.js');
    const { connect } = await import('node:net');
    let upstreamCalls = 0;
    const logs: string[] = [];
    const server = await startProxyServer({
      ofdBaseUrl: 'http://127.0.0.1:9/api/integration',
      authToken: AUTH_TOKEN,
      ticketSecret: TICKET_SECRET,
      allowedOrigins: [PARTNER_ORIGIN],
      upstream: async () => {
        upstreamCalls++;
        throw new Error('no upstream in this test');
      },
      logger: (line) => logs.push(JSON.stringify(line)),
    });
    const { port } = new URL(server.url);
    const raw = (bytes: string, endAfterWrite = true) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let answer = '';
        socket.on('data', (d) => (answer += d.toString('latin1')));
        socket.on('error', () => resolve(answer));
        socket.on('close', () => resolve(answer));
        socket.write(bytes, () => {
          if (endAfterWrite) socket.end();
        });
        setTimeout(() => socket.destroy(), 1_500);
      });
    const id = app.id;
    const auth = `Authorization: Bearer ${app.ticket}\r\n`;
    const cases = [
      // Content-Length promises more than arrives, then the client hangs up.
      `POST /api/registration/${id}/sign HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"DocumentId":"`,
      // A huge declared length: refused before reading it.
      `POST /api/registration/${id}/sign HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}`,
      // Chunked body that never finishes.
      `POST /api/registration/${id}/prepareDocuments HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"LastName":"Ро`,
      // Both Content-Length and chunked (request smuggling shape).
      `POST /api/registration/${id}/sign HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      // An enormous header.
      `GET /api/registration/${id} HTTP/1.1\r\nHost: x\r\nX-Junk: ${'a'.repeat(70_000)}\r\n${auth}\r\n`,
      // Not HTTP at all.
      '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003',
      `GET /api/registration/${id} HTTP/9.9\r\n\r\n`,
    ];
    const statuses: string[] = [];
    for (const c of cases) {
      const answer = await raw(c);
      statuses.push(answer.split('\r\n')[0] || '(closed)');
      expect(answer).not.toContain(AUTH_TOKEN);
      expect(/^HTTP\/1\.1 5\d\d/.test(answer), `${c.slice(0, 60)} → ${answer.slice(0, 80)}`).toBe(false);
    }
    casesRun['socket'] = cases.length;
    // Still serving, and nothing went upstream.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(upstreamCalls).toBe(0);
    for (const line of logs) expectNoSecret(line, 'log line', [app.ticket]);
    await server.close();
    console.log(`[reliability] raw socket cases: ${statuses.join(' | ')}`);
  });
});
