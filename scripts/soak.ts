/**
 * Soak: several hundred simulated signing clients through two proxy PROCESSES sharing a real redis-server, against
 * the mock OFD (on loopback) with faults injected all along. At the end it prints what matters on a bad day:
 * documents signed, upstream sign calls, duplicates (a `sign` reaching OFD for a document already signed — must be
 * 0), lost signatures (a document a client signed that OFD does not have — must be 0), errors by code, latency
 * percentiles and the proxies' memory at start and end.
 *
 *   npm run soak -- --minutes 2 [--clients 300] [--grace-seconds 120] [--scenario <mock scenario>] [--json out.json]
 *
 * When the load stops, a drain phase follows: no new journeys, no faults, and every document whose outcome is still
 * unknown is followed through the status (and offered again to the proxy, which re-sends only what its ledger
 * proves unsent) until it settles or the drain deadline (grace period + 60 s) passes. It prints how many stay
 * unresolved (target 0). `--scenario` runs the mock under one reading of the spec (src/mock-ofd/scenarios.ts).
 *
 * Exits 1 when there are duplicates, losses or unresolved documents. Loopback only; needs the Debian redis-server.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createMockOfd, MOCK_SCENARIO_NAMES, mockScenarioOptions, type MockScenarioName } from '../src/mock-ofd/index.js';
import type { FaultKind, MockRoute } from '../src/mock-ofd/types.js';
import { createTicket } from '../src/proxy/index.js';
import { startProxyProcess, type ProxyProcess } from '../test/reliability/helpers/processes.js';
import { startRedis } from '../test/helpers/redis-server.js';
import { AUTH_TOKEN, findSecret, TICKET_SECRET } from '../test/reliability/helpers/secrets.js';
import { signContent, signerNames } from '../test/reliability/helpers/world.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} takes a positive number`);
  return v;
};
const MINUTES = arg('minutes', 1);
const CLIENTS = Math.round(arg('clients', 300));
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const SCENARIO = (args.includes('--scenario') ? args[args.indexOf('--scenario') + 1] : 'examples') as MockScenarioName;
if (!MOCK_SCENARIO_NAMES.includes(SCENARIO)) throw new Error(`--scenario takes one of ${MOCK_SCENARIO_NAMES.join(', ')}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

// ----- the world -----
const redis = await startRedis();
const named = mockScenarioOptions(SCENARIO);
const { app: mockApp, control } = createMockOfd({
  ...named,
  authToken: AUTH_TOKEN,
  timings: { processingMs: 300, sendingMs: 300, fnsMs: 600 },
  scenario: { ...named.scenario, ...(named.scenario.awaitingDocumentsMs ? { awaitingDocumentsMs: 800 } : {}) },
});
let upstreamSigns = 0;
const refusals = new Map<string, string>();
let duplicates = 0;
const duplicateDocs: string[] = [];
// In front of the mock: every `sign` arriving for a document OFD already holds as signed is a duplicate.
const server = serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: async (request, env) => {
    const m = /\/registration\/([0-9a-f-]{36})\/sign$/.exec(new URL(request.url).pathname);
    if (m && request.method === 'POST') {
      upstreamSigns++;
      const body = (await request.clone().json().catch(() => ({}))) as { DocumentId?: string };
      if (body.DocumentId && control.acceptedSignature(m[1]!, body.DocumentId) !== undefined) {
        duplicates++;
        duplicateDocs.push(`${m[1]}/${body.DocumentId}`);
      }
    }
    const response = await mockApp.fetch(request, env);
    if (m && request.method === 'POST' && response.status === 400) {
      // Why OFD refused: kept per document for the unresolved report.
      const text = await response.clone().text();
      refusals.set(m[1]!, `${text.slice(0, 160)} ${control.lastSignatureRejection() ?? ''}`);
    }
    return response;
  },
});
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const ofdBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/integration`;
// Short deadlines so faults resolve within the run. The grace period after an unknown outcome stays at the
// production default (2 min): a shorter one than the time OFD may take to process a sign it received can send it
// twice (seen with 5 s on an overloaded machine: OFD processed some requests later than that).
const GRACE_MS = arg('grace-seconds', 120) * 1000;
const limits = { signTimeoutMs: 3_000, upstreamTimeoutMs: 3_000, unknownOutcomeGraceMs: GRACE_MS };
const logDir = mkdtempSync(join(tmpdir(), 'ofd-soak-logs-'));
const proxies: ProxyProcess[] = await Promise.all(
  [0, 1].map((i) => startProxyProcess({ ofdBaseUrl, redisUrl: redis.url, limits, logFile: join(logDir, `proxy-${i}.log`) })),
);

// ----- metrics -----
const latencies: Record<string, number[]> = { status: [], prepare: [], sign: [] };
const answers = new Map<string, number>();
let requests = 0;
const count = (key: string) => answers.set(key, (answers.get(key) ?? 0) + 1);
const signedByClients = new Map<string, string>(); // "app/doc" → what the client believes: sent | unresolved | refused
/** The one signature each document got, for the drain phase to offer again. */
const pendingBodies = new Map<string, { body: { DocumentId: string; Signature: string }; ticket: string }>();
const tickets: string[] = [];
let leaks = 0;

async function call(route: 'status' | 'prepare' | 'sign', url: string, ticket: string, body?: unknown) {
  const started = performance.now();
  requests++;
  try {
    const res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${ticket}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    latencies[route]!.push(performance.now() - started);
    if (findSecret(text)) leaks++;
    let json: { Error?: { Code?: string | number; Message?: string }; Errors?: { Code?: string | number; Message?: string }[]; Data?: ApplicationData } | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const code = String(json?.Error?.Code ?? json?.Errors?.[0]?.Code ?? (res.ok ? 'OK' : `HTTP_${res.status}`));
    count(`${route} ${res.status} ${code}`);
    const message = json?.Error?.Message ?? json?.Errors?.[0]?.Message ?? '';
    // The document is gone (replaced by a later prepare): the proxy's own check, or OFD's "Файл не найден" (Table 25).
    const documentGone = code === 'DOCUMENT_NOT_FOUND' || (res.status === 400 && /файл не найден/i.test(message));
    // OFD's own definite refusal of the signature (Table 25, forwarded or replayed by the proxy): settled, not signed.
    const refusedByOfd = res.status === 400 && !documentGone && /не удалось проверить кэп/i.test(message);
    return { status: res.status, code, data: json?.Data, documentGone, refusedByOfd };
  } catch (error) {
    latencies[route]!.push(performance.now() - started);
    count(`${route} network ${(error as Error).name}`);
    return { status: 0, code: 'NETWORK', data: undefined, documentGone: false, refusedByOfd: false };
  }
}

interface ApplicationData {
  Status?: string;
  Stage?: string;
  Documents?: { Id: string; Content?: string; Signature: string }[];
}

/** Status and stage in Table 13's spelling whatever the casing OFD used. */
const lower = (v: string | undefined) => v?.toLowerCase();

// ----- one client's journey, again and again -----
let stopping = false;
let journeys = 0;

async function journey(): Promise<void> {
  const application = control.createDemoApplication();
  const ticket = createTicket({ applicationId: application.Id, expiresInSeconds: 3600, secret: TICKET_SECRET });
  tickets.push(ticket);
  const via = () => `${pick(proxies).url}/api/registration/${application.Id}`;
  for (let i = 0; i < Math.floor(Math.random() * 3); i++) await call('status', via(), ticket);
  // Like the widget: read the status, act on it (prepare / sign what is unsigned), follow it; the status is the truth.
  const mine = new Map<string, { body: { DocumentId: string; Signature: string }; tries: number }>();
  const deadline = Date.now() + 60_000;
  let settledPolls = 0;
  let data: ApplicationData | undefined;
  // What prepareDocuments returned: the status may list the documents without Content, or not at all.
  let prepared: { Id: string; Content?: string; Signature: string }[] = [];
  while (Date.now() < deadline && settledPolls < 3) {
    data = data ?? (await call('status', via(), ticket)).data;
    // Finalization/New is "registration report needed": this round of signing is over (the widget shows the form).
    const stage = lower(data?.Stage);
    const status = stage === 'finalization' && lower(data?.Status) === 'new' ? 'reportneeded' : lower(data?.Status);
    let next: ApplicationData | undefined;
    if (status === 'new') {
      const r = await call('prepare', `${via()}/prepareDocuments`, ticket, signerNames());
      if (r.status === 200 && r.code === 'OK') {
        next = r.data;
        prepared = (r.data?.Documents ?? []).filter((d) => d.Content && d.Signature !== 'Signed');
      }
      // "Wrong status": already prepared, and the other instance's 1 s status cache still said New.
      else if (r.code === 'ValidationError' || r.code === '1') await sleep(1_100);
    } else if (status === 'awaitingsignature') {
      const listed = data!.Documents ?? [];
      const documents = (listed.length > 0 ? listed : prepared).map((d) => ({ ...d, Content: d.Content ?? prepared.find((p) => p.Id === d.Id)?.Content }));
      for (const doc of documents) {
        const key = `${application.Id}/${doc.Id}`;
        if (doc.Signature === 'Signed') {
          if (mine.has(doc.Id)) signedByClients.set(key, 'sent');
          continue;
        }
        let entry = mine.get(doc.Id);
        if (!entry) {
          if (!doc.Content) continue;
          entry = { body: { DocumentId: doc.Id, Signature: signContent(doc.Content) }, tries: 0 };
          mine.set(doc.Id, entry);
          signedByClients.set(key, 'unresolved');
          pendingBodies.set(key, { body: entry.body, ticket });
        } else if (entry.tries++ % 3 !== 2) {
          continue; // an unknown outcome: give the status a few polls before asking the proxy again
        }
        // A fifth of the users double-click or have two tabs open: identical requests to both instances at once.
        const copies = entry.tries === 0 && Math.random() < 0.2 ? 2 + Math.floor(Math.random() * 2) : 1;
        const body = entry.body;
        const results = await Promise.all(Array.from({ length: copies }, (_, i) => call('sign', `${proxies[i % 2]!.url}/api/registration/${application.Id}/sign`, ticket, body)));
        if (results.some((r) => r.status === 200 && r.code === 'OK')) signedByClients.set(key, 'sent');
        // The documents were replaced by a late prepare: nothing was signed; the new ones get signed instead.
        if (results.every((r) => r.documentGone)) signedByClients.delete(key);
        else if (results.some((r) => r.refusedByOfd)) signedByClients.set(key, 'refused');
      }
    } else if (status !== undefined && status !== 'awaitingdocuments') {
      // Past signing: what the status lists as signed is signed; a document it no longer lists was replaced.
      for (const id of mine.keys()) {
        const shown = data?.Documents?.find((d) => d.Id === id);
        if (shown?.Signature === 'Signed') signedByClients.set(`${application.Id}/${id}`, 'sent');
        else if (!shown && (data?.Documents?.length ?? 0) > 0) signedByClients.delete(`${application.Id}/${id}`);
      }
      settledPolls++;
    }
    data = next;
    await sleep(500 + Math.random() * 500);
  }
  journeys++;
}

async function client(): Promise<void> {
  await sleep(Math.random() * 3_000); // ramp up
  while (!stopping) await journey().catch((e: unknown) => count(`journey-error ${(e as Error).message}`));
}

// ----- faults, all along -----
const FAULTS: FaultKind[] = ['latency', '500', 'timeout', 'failure-200', 'html', 'drop-after-processing', '500-after-processing', 'timeout-after-processing'];
const ROUTES: MockRoute[] = ['sign', 'sign', 'status', 'prepareDocuments'];
let faultsInjected = 0;
// The mock keeps a bounded call log: count the faults that fired as they go by.
const seenCalls = new WeakSet<object>();
const faultsHitByKind = new Map<string, number>();
const countHits = () => {
  for (const c of control.calls()) {
    if (seenCalls.has(c)) continue;
    seenCalls.add(c);
    // The fault is set in the same tick the call is logged.
    if (c.fault) faultsHitByKind.set(`${c.route}:${c.fault}`, (faultsHitByKind.get(`${c.route}:${c.fault}`) ?? 0) + 1);
  }
};
const hitCounter = setInterval(countHits, 200);
const injector = setInterval(() => {
  const kind = pick(FAULTS);
  control.injectFault({ route: pick(ROUTES), kind, times: 1 + Math.floor(Math.random() * 3), latencyMs: 1_500, hangMs: 4_000 });
  faultsInjected++;
}, 400);

// ----- run -----
const memory = async () => Promise.all(proxies.map((p) => p.memory()));
console.log(`soak: ${CLIENTS} clients, grace ${GRACE_MS / 1000} s, 2 proxy processes on redis ${redis.url}, mock OFD ${ofdBaseUrl}, ${MINUTES} min`);
await sleep(2_000);
const memoryAtStart = await memory();
// The load generator, the mock OFD and the signing share this process: its event-loop lag is OFD's extra latency.
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();
const started = Date.now();
const running = Array.from({ length: CLIENTS }, () => client());
const progress = setInterval(() => {
  const s = Math.round((Date.now() - started) / 1000);
  console.log(`  ${s}s: ${journeys} journeys, ${requests} requests, ${upstreamSigns} upstream signs, duplicates ${duplicates}`);
}, 15_000);
await sleep(MINUTES * 60_000);
stopping = true;
clearInterval(injector);
control.clearFaults();
await Promise.all(running);
clearInterval(progress);
const elapsed = (Date.now() - started) / 1000;
await sleep(1_000);
const memoryAtEnd = await memory();

// ----- drain: load stopped, faults cleared; every unknown outcome settles through the status -----
/** Whether OFD took a signature for the document (the mock's own record, whatever its status answer shows). */
const isSigned = (key: string) => {
  const [appId, docId] = key.split('/') as [string, string];
  return control.acceptedSignature(appId, docId) !== undefined;
};
const unresolvedKeys = () => [...signedByClients].filter(([key, belief]) => belief === 'unresolved' && !isSigned(key)).map(([key]) => key);
const unresolvedAtStop = unresolvedKeys().length;
const drainStarted = Date.now();
const lastAnswer = new Map<string, string>();
const drainDeadline = drainStarted + GRACE_MS + 60_000;
console.log(`drain: ${unresolvedAtStop} documents unresolved when the load stopped; following them (deadline ${Math.round((drainDeadline - drainStarted) / 1000)} s)`);
while (Date.now() < drainDeadline) {
  const open = unresolvedKeys();
  if (open.length === 0) break;
  // The same signature again, through either proxy: the ledger answers the recorded outcome, reconciles through
  // the status, and sends only once its grace period proves the first attempt did not land.
  await Promise.all(
    open.map(async (key) => {
      const [appId] = key.split('/') as [string, string];
      const pending = pendingBodies.get(key)!;
      const r = await call('sign', `${pick(proxies).url}/api/registration/${appId}/sign`, pending.ticket, pending.body);
      lastAnswer.set(key, `${r.status} ${r.code}`);
      if (r.status === 200 && r.code === 'OK') signedByClients.set(key, 'sent');
      // Replaced by a later prepare (the ledger proved it was never signed): nothing to settle.
      if (r.documentGone) signedByClients.delete(key);
      else if (r.refusedByOfd) signedByClients.set(key, 'refused');
    }),
  );
  await sleep(5_000);
}
const drainSeconds = Math.round((Date.now() - drainStarted) / 1000);
for (const key of [...signedByClients.keys()]) if (isSigned(key)) signedByClients.set(key, 'sent');

// ----- what happened -----
let lost = 0;
let unresolved = 0;
const refusedByOfd = [...signedByClients.values()].filter((belief) => belief === 'refused').length;
for (const [key, belief] of signedByClients) {
  const signed = isSigned(key);
  if (belief === 'sent' && !signed) lost++;
  if (belief === 'unresolved' && !signed) unresolved++;
}
const documentsSigned = [...signedByClients.keys()].filter(isSigned).length;
clearInterval(hitCounter);
countHits();
const faultsHit = [...faultsHitByKind.values()].reduce((a, b) => a + b, 0);
let logLines = 0;
for (const p of proxies) for (const line of p.output) if (findSecret(line, tickets)) leaks++;
for (let i = 0; i < proxies.length; i++) {
  for (const line of readFileSync(join(logDir, `proxy-${i}.log`), 'utf8').split('\n')) {
    logLines++;
    if (line && findSecret(line, tickets)) leaks++;
  }
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const all = Object.values(latencies).flat();
const errors = [...answers].filter(([k]) => !/ 200 OK$/.test(k)).sort((a, b) => b[1] - a[1]);
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

const report = {
  minutes: MINUTES,
  clients: CLIENTS,
  seconds: Math.round(elapsed),
  journeys,
  requests,
  requestsPerSecond: Math.round(requests / elapsed),
  documentsSigned,
  documentsAttempted: signedByClients.size,
  upstreamSignCalls: upstreamSigns,
  duplicates,
  lost,
  unresolvedAtEnd: unresolved,
  refusedByOfd,
  unresolvedWhenLoadStopped: unresolvedAtStop,
  drainSeconds,
  scenario: SCENARIO,
  faultsInjected,
  faultsHit,
  faultsHitByKind: Object.fromEntries([...faultsHitByKind].sort()),
  secretLeaks: leaks,
  loadAverage: loadavg().map((n) => Number(n.toFixed(1))),
  soakProcessEventLoopDelayMs: { p50: Math.round(loopDelay.percentile(50) / 1e6), p99: Math.round(loopDelay.percentile(99) / 1e6) },
  latencyMs: Object.fromEntries(
    [['all', all] as const, ...Object.entries(latencies)].map(([k, v]) => [k, { p50: Math.round(percentile(v, 50)), p99: Math.round(percentile(v, 99)), max: Math.round(Math.max(0, ...v)) }]),
  ),
  errorRateByCode: Object.fromEntries(errors.map(([k, n]) => [k, `${((100 * n) / requests).toFixed(2)}% (${n})`])),
  proxyMemory: proxies.map((_, i) => ({
    start: { rss: mib(memoryAtStart[i]!.rss), heapUsed: mib(memoryAtStart[i]!.heapUsed) },
    end: { rss: mib(memoryAtEnd[i]!.rss), heapUsed: mib(memoryAtEnd[i]!.heapUsed) },
  })),
};

console.log('\n=== soak result ===');
console.log(`duration                 ${report.seconds} s, ${CLIENTS} clients, ${journeys} journeys`);
console.log(`requests                 ${requests} (${report.requestsPerSecond}/s)`);
console.log(`documents signed         ${documentsSigned} of ${signedByClients.size} attempted`);
console.log(`upstream sign calls      ${upstreamSigns}`);
console.log(`duplicates               ${duplicates}`);
for (const key of duplicateDocs.slice(0, 5)) {
  // Each sign OFD received for the document: when (mock clock, relative), which fault, what it answered.
  const [appId, docId] = key.split('/') as [string, string];
  const calls = control.calls().filter((c) => c.route === 'sign' && c.applicationId === appId && c.documentId === docId);
  const t0 = calls[0]?.at ?? 0;
  console.log(`  ${key}: ${calls.map((c) => `+${c.at - t0}ms ${c.fault ?? '-'} → ${c.status ?? 'dropped'}`).join(' | ')}`);
}
console.log(`lost signatures          ${lost}`);
console.log(`refused by OFD           ${refusedByOfd} (a definite "Не удалось проверить КЭП": settled, not signed, never re-sent)`);
console.log(`unresolved at the end    ${unresolved} (${unresolvedAtStop} when the load stopped, drain ${drainSeconds} s, scenario ${SCENARIO})`);
for (const key of unresolvedKeys().slice(0, 5)) {
  const [appId, docId] = key.split('/') as [string, string];
  const app = control.getApplication(appId);
  const calls = control.calls().filter((c) => c.route === 'sign' && c.applicationId === appId && c.documentId === docId);
  console.log(`  ${key}: ${app?.Stage}/${app?.Status}, listed ${app?.Documents.map((d) => `${d.Id === docId ? '*' : ''}${d.Signature}`).join(' ')}; signs: ${calls.map((c) => `${c.fault ?? '-'} → ${c.status ?? 'dropped'}`).join(' | ') || 'none'}; last answer ${lastAnswer.get(key) ?? '-'}; OFD: ${refusals.get(appId) ?? '-'}`);
}
console.log(`faults injected / hit    ${faultsInjected} / ${faultsHit}: ${[...faultsHitByKind].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`secret leaks             ${leaks} (in ${requests} answers and ${logLines} proxy log lines)`);
console.log(`mock/load-generator lag  p50 ${report.soakProcessEventLoopDelayMs.p50} ms, p99 ${report.soakProcessEventLoopDelayMs.p99} ms (event loop of the soak process)`);
console.log(`machine load average     ${report.loadAverage.join(' / ')} (1 / 5 / 15 min, 2 cores shared with everything else)`);
for (const [k, v] of Object.entries(report.latencyMs)) console.log(`latency ${k.padEnd(16)} p50 ${v.p50} ms, p99 ${v.p99} ms, max ${v.max} ms`);
console.log('error rate by code (proxy answers):');
for (const [k, v] of Object.entries(report.errorRateByCode)) console.log(`  ${k.padEnd(48)} ${v}`);
report.proxyMemory.forEach((m, i) => console.log(`proxy ${i + 1} memory          start rss ${m.start.rss} heap ${m.start.heapUsed} → end rss ${m.end.rss} heap ${m.end.heapUsed}`));
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(report, null, 2)}\n`);

for (const p of proxies) await p.kill('SIGTERM');
await new Promise<void>((resolve) => {
  server.close(() => resolve());
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
});
await redis.stop();
rmSync(logDir, { recursive: true, force: true });
process.exit(duplicates > 0 || lost > 0 || leaks > 0 || unresolved > 0 ? 1 : 0);
