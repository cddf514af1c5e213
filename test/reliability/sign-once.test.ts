/**
 * Sign exactly once: a double-submitting page, two tabs, two proxy processes behind a load balancer, and a proxy
 * process killed with SIGKILL while its `sign` is on the wire. OFD forbids a second `sign` of a document; the
 * count that matters is the mock OFD's own log of `sign` requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../src/mock-ofd/types.js';
import { createRedisLedgerStore, createTicket } from '../../src/proxy/index.js';
import { serveMockOfd, startProxyProcess, type ProxyProcess } from './helpers/processes.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { expectNoSecret, TICKET_SECRET } from './helpers/secrets.js';
import { createWorld, errorCodeOf, signContent, signerNames, type RecordedResponse } from './helpers/world.js';

const summary: string[] = [];
afterAll(() => console.log(`[reliability] sign-once:\n  ${summary.join('\n  ')}`));

/** What a caller can tell about the outcome: status, error code, and each document's signature state. */
function outcome(res: { status: number; json: unknown }): string {
  const code = errorCodeOf(res.json);
  const docs = (res.json as { Data?: { Documents?: { Signature: string }[] } } | undefined)?.Data?.Documents;
  return [String(res.status), code, docs?.map((d) => d.Signature).join(',')].filter(Boolean).join(' ');
}

describe('in one process: 100 identical sign requests at once', () => {
  const cases: (FaultKind | 'none')[] = ['none', 'drop-after-processing', '500-after-processing', 'timeout-after-processing', '500', 'failure-200', 'html'];
  for (const fault of cases) {
    it(`one upstream sign, every caller told the same outcome (fault: ${fault})`, async () => {
      // A slow network to OFD makes sure all 100 arrive while the first is still in flight.
      const world = createWorld({ limits: { signTimeoutMs: 600, unknownOutcomeGraceMs: 60_000 }, upstreamSignDelayMs: 150 });
      const app = await world.preparedApplication();
      const doc = app.documents[0]!;
      const signature = signContent(doc.Content);
      if (fault !== 'none') world.control.injectFault({ route: 'sign', kind: fault, hangMs: 1_000 });
      const answers = await Promise.all(Array.from({ length: 100 }, () => world.sign(app.id, app.ticket, doc.Id, signature)));
      const outcomes = new Set(answers.map(outcome));
      expect(world.control.signCallCount(app.id)).toBe(1);
      expect(outcomes.size, [...outcomes].join(' | ')).toBe(1);
      // What they are told matches what OFD did: signed when it processed the sign, "unknown" when it did not.
      const processed = ['none', 'drop-after-processing', '500-after-processing', 'timeout-after-processing'].includes(fault);
      expect([...outcomes][0]).toBe(processed ? '200 Signed' : '503 SIGN_OUTCOME_UNKNOWN');
      expect(world.control.calls().filter((c) => c.route === 'sign').map((c) => c.fault ?? 'none')).toEqual([fault]);
      summary.push(`fault ${fault}: 100 requests → ${world.control.signCallCount(app.id)} upstream sign; all answered "${[...outcomes][0]}"`);
      for (const r of answers) expectNoSecret(r.text, 'sign answer');
      for (const line of world.logs) expectNoSecret(line, 'log', world.tickets);
    });
  }

  it('a repeat after success is answered from the ledger; after a definite refusal no second sign reaches OFD (7.4 l.2318)', async () => {
    const world = createWorld();
    const app = await world.preparedApplication();
    const doc = app.documents[0]!;
    // Refused by OFD (a signature by another company's director): a definite answer, nothing was signed.
    const foreign = signContent(doc.Content, { certificate: 'otherCompanyDirector' });
    const refused = await world.sign(app.id, app.ticket, doc.Id, foreign);
    expect(refused.status).toBe(400);
    const retried = await Promise.all(Array.from({ length: 5 }, () => world.sign(app.id, app.ticket, doc.Id, signContent(doc.Content))));
    expect(retried.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(world.control.signCallCount(app.id)).toBe(1);

    const other = await world.preparedApplication();
    const otherDoc = other.documents[0]!;
    const good = signContent(otherDoc.Content);
    const first = await world.sign(other.id, other.ticket, otherDoc.Id, good);
    expect(first.status).toBe(200);
    const again = await Promise.all(Array.from({ length: 20 }, () => world.sign(other.id, other.ticket, otherDoc.Id, good)));
    expect(new Set(again.map(outcome))).toEqual(new Set([outcome(first)]));
    expect(world.control.signCallCount(other.id)).toBe(1);
  });

  it('a duplicate whose pre-send status check sees the document already signed by the first caller gets the shared outcome, not a refusal', async () => {
    // Found by the two-process test: B reads an empty ledger, then its status check is slow; meanwhile A claims,
    // sends and OFD signs. B's check then sees "Signed" — that is A's success, which B must report too.
    const world = createWorld();
    const app = await world.preparedApplication();
    const doc = app.documents[0]!;
    const signature = signContent(doc.Content);
    world.control.injectFault({ route: 'status', kind: 'latency', latencyMs: 400 });
    const statusCalls = () => world.control.calls().filter((c) => c.route === 'status').length;
    const before = statusCalls();
    const late = world.sign(app.id, app.ticket, doc.Id, signature);
    await until(() => statusCalls() > before, 'the slow status check to start');
    const first = await world.sign(app.id, app.ticket, doc.Id, signature);
    expect(outcome(first)).toBe('200 Signed');
    expect(outcome(await late)).toBe('200 Signed');
    expect(world.control.signCallCount(app.id)).toBe(1);
  });
});

describe('across two proxy processes sharing a real redis-server', () => {
  let redis: RedisServer;
  let mock: Awaited<ReturnType<typeof serveMockOfd>>;
  const processes: ProxyProcess[] = [];
  const limits = { signTimeoutMs: 3_000, signLeaseMs: 4_000, signWaitMs: 8_000, unknownOutcomeGraceMs: 1_000, statusCacheMs: 0 };

  beforeAll(async () => {
    [redis, mock] = await Promise.all([startRedis(), serveMockOfd()]);
  });
  afterAll(async () => {
    for (const p of processes) await p.kill('SIGTERM');
    await mock?.close();
    await redis?.stop();
    for (const p of processes) for (const line of p.output) expectNoSecret(line, `proxy process ${p.pid} output`, tickets);
  });

  const tickets: string[] = [];
  const start = async () => {
    const p = await startProxyProcess({ ofdBaseUrl: mock.baseUrl, redisUrl: redis.url, limits });
    processes.push(p);
    return p;
  };

  async function call(base: string, path: string, ticket: string, init: RequestInit = {}): Promise<RecordedResponse> {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ticket}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    expectNoSecret(text, `${path} answer`);
    return { status: res.status, headers: Object.fromEntries(res.headers), text, json };
  }

  async function prepared(via: string) {
    const application = mock.control.createDemoApplication();
    const ticket = createTicket({ applicationId: application.Id, expiresInSeconds: 600, secret: TICKET_SECRET });
    tickets.push(ticket);
    const res = await call(via, `/api/registration/${application.Id}/prepareDocuments`, ticket, { method: 'POST', body: JSON.stringify(signerNames()) });
    expect(res.status, res.text).toBe(200);
    const doc = (res.json as { Data: { Documents: { Id: string; Content: string }[] } }).Data.Documents[0]!;
    return { id: application.Id, ticket, doc, signature: signContent(doc.Content) };
  }

  const signBody = (doc: { Id: string }, signature: string) => JSON.stringify({ DocumentId: doc.Id, Signature: signature });

  let a: ProxyProcess;
  let b: ProxyProcess;

  it('100 identical sign requests split across both processes → exactly one upstream sign, one outcome', async () => {
    [a, b] = await Promise.all([start(), start()]);
    const app = await prepared(a.url);
    mock.control.injectFault({ route: 'sign', kind: 'latency', latencyMs: 300 });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(i % 2 ? a.url : b.url, `/api/registration/${app.id}/sign`, app.ticket, { method: 'POST', body: signBody(app.doc, app.signature) }),
      ),
    );
    const outcomes = new Set(answers.map(outcome));
    expect(mock.control.signCallCount(app.id)).toBe(1);
    expect(outcomes.size, [...outcomes].join(' | ')).toBe(1);
    expect([...outcomes][0]).toBe('200 Signed');
    summary.push(`two processes on Redis: 100 requests → ${mock.control.signCallCount(app.id)} upstream sign; all "${[...outcomes][0]}"`);
  });

  it('with the ledger unreachable (redis-server stopped) nothing is sent: a documented, retryable error instead', async () => {
    const own = await startRedis();
    const store = createRedisLedgerStore({ url: own.url });
    const world = createWorld({ proxy: { store } });
    const app = await world.preparedApplication();
    const doc = app.documents[0]!;
    await own.stop();
    const res = await world.sign(app.id, app.ticket, doc.Id, signContent(doc.Content));
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect((res.json as { Error?: { Retryable?: boolean } }).Error?.Retryable).toBe(true);
    expect(world.upstreamSignCalls()).toBe(0);
    await store.close?.().catch(() => undefined);
    summary.push(`ledger unreachable: answered ${outcome(res)}, upstream sign calls ${world.upstreamSignCalls()}`);
  });

  it('a process killed (SIGKILL) with two signs in flight, then restarted: the one OFD processed is not sent again, the one it never processed is sent once after the grace period', async () => {
    const processed = await prepared(a.url);
    const neverProcessed = await prepared(a.url);
    // The first sign to arrive is slow but goes through; the second hangs and OFD never processes it (504 later).
    mock.control.injectFault({ route: 'sign', kind: 'latency', latencyMs: 800 });
    mock.control.injectFault({ route: 'sign', kind: 'timeout', hangMs: 500 });
    const send = (x: typeof processed, via: string) =>
      call(via, `/api/registration/${x.id}/sign`, x.ticket, { method: 'POST', body: signBody(x.doc, x.signature) });
    const inFlight = [send(processed, a.url).catch((e: unknown) => e)];
    await until(() => mock.control.signCallCount(processed.id) === 1, 'the first sign to reach OFD');
    inFlight.push(send(neverProcessed, a.url).catch((e: unknown) => e));
    await until(() => mock.control.signCallCount(neverProcessed.id) === 1, 'the second sign to reach OFD');
    await a.kill('SIGKILL');
    // The browsers saw their connections die: to them the outcome is unknown.
    for (const result of await Promise.all(inFlight)) expect(result).toBeInstanceOf(Error);

    const restarted = await start();
    // The widget reconciles through the status: OFD did process the first one…
    await until(async () => outcome(await call(restarted.url, `/api/registration/${processed.id}`, processed.ticket)).endsWith('Signed'), 'the first document to show signed');
    // …and a user who presses "sign" again is answered without a second sign.
    const repeat = await send(processed, restarted.url);
    expect(outcome(repeat)).toBe('200 Signed');
    expect(mock.control.signCallCount(processed.id)).toBe(1);
    summary.push(`SIGKILL during sign (OFD processed it): restarted proxy answered "${outcome(repeat)}", upstream sign calls ${mock.control.signCallCount(processed.id)}`);

    // The second one OFD never processed: the status shows it unsigned; the proxy reconciles before re-sending it once.
    expect(outcome(await call(b.url, `/api/registration/${neverProcessed.id}`, neverProcessed.ticket))).toBe('200 Unsigned');
    const retried = await send(neverProcessed, b.url);
    expect(outcome(retried)).toBe('200 Signed');
    const signs = mock.control.calls().filter((c) => c.route === 'sign' && c.applicationId === neverProcessed.id);
    // Two requests, but only one ever took effect: the first was never processed (OFD answered it 504).
    expect(signs.map((s) => s.fault ?? 'processed')).toEqual(['timeout', 'processed']);
    expect(mock.control.acceptedSignature(neverProcessed.id, neverProcessed.doc.Id)).toBe(neverProcessed.signature);
    summary.push(`SIGKILL during sign (OFD did not process it): reconciled, re-sent once after the grace period → "${outcome(retried)}"`);
  });
});

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
