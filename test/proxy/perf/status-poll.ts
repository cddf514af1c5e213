/**
 * Informal throughput check of the status-poll path (not a test): the mock OFD alone, and the proxy in front of
 * it with each transport, every server in its own process, autocannon in this one.
 *
 *   npx tsx test/proxy/perf/status-poll.ts [seconds=8] [connections=50]
 *
 * Figures depend on the machine and on whatever else runs; compare rows of one run, not runs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const TOKEN = 'perf-token-0123456789abcdef';
const SECRET = 'perf-secret-perf-secret-perf-secret-0123';
const self = fileURLToPath(import.meta.url);

type Ready = { url: string; applicationId?: string };

async function child(args: string[]): Promise<{ proc: ChildProcess; ready: Ready }> {
  const proc = fork(self, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as Ready));
    proc.once('exit', (code) => reject(new Error(`child ${args[0]} exited ${code}`)));
  });
  return { proc, ready };
}

async function serveRole(role: string, upstreamUrl?: string, cacheMs?: string, transport?: string) {
  if (role === 'mock') {
    const { startMockOfdServer } = await import('../../../src/mock-ofd/server.js');
    const running = await startMockOfdServer({ host: '127.0.0.1', port: 0, authToken: TOKEN });
    const application = running.control.createDemoApplication();
    process.send!({ url: running.url, applicationId: application.Id });
    return;
  }
  const { startProxyServer } = await import('../../../src/proxy/index.js');
  const running = await startProxyServer({
    ofdBaseUrl: `${upstreamUrl}/api/integration`,
    authToken: TOKEN,
    ticketSecret: SECRET,
    allowedOrigins: ['https://partner.example'],
    rateLimit: false,
    log: false,
    limits: { statusCacheMs: Number(cacheMs) },
    ...(transport === 'fetch' ? { upstream: (url, init) => fetch(url, init) } : {}),
  });
  process.send!({ url: running.url });
}

async function measure(url: string, headers: Record<string, string>, seconds: number, connections: number) {
  await autocannon({ url, headers, connections, duration: 2 }); // warm-up: JIT, connections
  const r = await autocannon({ url, headers, connections, duration: seconds });
  return { reqPerSec: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function main() {
  const seconds = Number(process.argv[2] ?? 8);
  const connections = Number(process.argv[3] ?? 50);
  const mock = await child(['mock']);
  const id = mock.ready.applicationId!;
  const { createTicket } = await import('../../../src/proxy/ticket.js');
  const ticket = createTicket({ applicationId: id, expiresInSeconds: 3600, secret: SECRET });
  const rows: Record<string, unknown>[] = [];
  rows.push({
    target: 'mock OFD directly',
    ...(await measure(`${mock.ready.url}/api/integration/v2/b2b/kkt/registration/${id}?AuthToken=${TOKEN}`, {}, seconds, connections)),
  });
  for (const [label, cache, transport] of [
    ['proxy → mock, undici request + keep-alive Agent, no cache', '0', 'undici'],
    ['proxy → mock, global fetch, no cache', '0', 'fetch'],
    ['proxy → mock, undici, 1 s status cache (default)', '1000', 'undici'],
  ] as const) {
    const proxy = await child(['proxy', mock.ready.url, cache, transport]);
    rows.push({
      target: label,
      ...(await measure(`${proxy.ready.url}/api/registration/${id}`, { authorization: `Bearer ${ticket}` }, seconds, connections)),
    });
    proxy.proc.kill();
  }
  mock.proc.kill();
  console.table(rows);
}

const [role, ...rest] = process.argv.slice(2);
if (role === 'mock' || role === 'proxy') await serveRole(role, ...rest);
else await main();
