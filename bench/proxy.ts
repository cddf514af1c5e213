import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createTicket } from '../src/proxy/ticket.js';
import { startChild, type BenchChild } from './child.js';
import { median, quantile, round, type BenchSection, type Figures } from './context.js';
import { cpuMicros, ensureBuiltServer, MOCK_BIN, PROXY_BIN, residentMb, settledResidentMb, startBin, type BinProcess } from './proxy-process.js';
import { pacedLoad, type PacedResult } from './paced-load.js';
import { freePort, startNginx } from './setup-nginx.js';

const serverScript = new URL('./proxy-server.ts', import.meta.url);

/** Saturation: a fixed number of connections, as many requests as the path can take. */
const CONNECTIONS = 50;
/** Latency: a fixed request rate every path sustains, so p99 is the path's own, not queueing. */
const FIXED_RATE = 1000;
/** autocannon's shape at FIXED_RATE (kept for comparison with earlier runs): 10 connections, bursts each second. */
const BURST_CONNECTIONS = 10;

interface Target {
  name: 'direct' | 'proxy' | 'nginx' | 'bare' | 'bare_node' | 'proxy_cached';
  url: string;
  headers: Record<string, string>;
  /** The process whose CPU time the fixed-rate runs count (ours and the bare forwarder). */
  pid?: number | undefined;
}

/**
 * The status poll through four paths, each server in its own process: the mock OFD directly, our proxy in
 * front of it as a partner runs it (`node dist/node/proxy-cli.js`, status cache off), nginx in front of it, and
 * a bare Hono + undici forwarder (the floor for a Hono proxy). Saturated throughput, latency at a fixed rate,
 * CPU per request, and our proxy's memory. Full runs add a bare node:http forwarder on our transport (the floor
 * under our own design) and our proxy with its default 1 s status cache.
 */
export const proxySection: BenchSection = {
  name: 'proxy',
  async run(context) {
    ensureBuiltServer(context.log);
    const figures: Figures = {};
    const authToken = `bench-${randomBytes(8).toString('hex')}`;
    const ticketSecret = randomBytes(32).toString('hex');
    const bins: BinProcess[] = [];
    const children: Array<BenchChild<unknown>> = [];
    let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
    try {
      const mock = await startBin(MOCK_BIN, { PORT: String(await freePort()), OFD_AUTH_TOKEN: authToken }, /listening on (\S+)[\s\S]*demo application: (\S+)/);
      bins.push(mock);
      const [, mockUrl, id] = mock.ready as unknown as [string, string, string];
      const startProxy = async (statusCacheMs: number) => {
        const port = await freePort();
        const proxy = await startBin(
          PROXY_BIN,
          {
            HOST: '127.0.0.1',
            PORT: String(port),
            OFD_BASE_URL: `${mockUrl}/api/integration`,
            OFD_AUTH_TOKEN: authToken,
            TICKET_SECRET: ticketSecret,
            ALLOWED_ORIGINS: 'http://127.0.0.1',
            PUBLIC_URL: `http://127.0.0.1:${port}`,
            STATUS_CACHE_MS: String(statusCacheMs),
            // The bench hammers one ticket from one address: rate limits would measure themselves.
            RATE_LIMIT: 'off',
            // As the nginx config below (access_log off): the forwarding path itself.
            ACCESS_LOG: 'off',
          },
          /"msg":"listening"/,
        );
        bins.push(proxy);
        return { url: `http://127.0.0.1:${port}`, pid: proxy.child.pid };
      };
      const proxy = await startProxy(0);
      // At rest: the built proxy listening, start-up settled, before any request has reached it.
      figures['proxy.rss_idle_mb'] = round(await settledResidentMb(proxy.pid), 1);
      const cached = context.quick ? undefined : await startProxy(1000);
      const bare = await startChild<{ url: string }>(serverScript, ['bare', mockUrl, authToken]);
      children.push(bare);
      const bareNode = context.quick ? undefined : await startChild<{ url: string }>(serverScript, ['bare_node', mockUrl, authToken]);
      if (bareNode) children.push(bareNode);
      nginx = await startNginx({ upstreamUrl: mockUrl, prefix: path.join(context.tmpDir, 'nginx'), log: context.log, authToken });
      const ticket = createTicket({ applicationId: id, expiresInSeconds: 3600, secret: ticketSecret });
      const bearer = { authorization: `Bearer ${ticket}` };
      const targets: Target[] = [
        { name: 'direct', url: `${mockUrl}/api/integration/v2/b2b/kkt/registration/${id}?AuthToken=${authToken}`, headers: {}, pid: mock.child.pid },
        { name: 'proxy', url: `${proxy.url}/api/registration/${id}`, headers: bearer, pid: proxy.pid },
        { name: 'nginx', url: `${nginx.url}/api/registration/${id}`, headers: {} },
        { name: 'bare', url: `${bare.ready.url}/api/registration/${id}`, headers: {}, pid: bare.process.pid },
      ];
      if (bareNode) targets.push({ name: 'bare_node', url: `${bareNode.ready.url}/api/registration/${id}`, headers: {}, pid: bareNode.process.pid });
      if (cached) targets.push({ name: 'proxy_cached', url: `${cached.url}/api/registration/${id}`, headers: bearer, pid: cached.pid });
      for (const target of targets) await checkAnswers(target);
      // At rest after its first poll (undici's HTTP parser compiled, settled: proxy-process.ts), before any load.
      figures['proxy.rss_first_poll_mb'] = round(await settledResidentMb(proxy.pid), 1);
      // Paths take turns, round after round, and each figure is the median of its rounds: a burst of other
      // work on the machine then hits every path alike instead of whichever was being measured.
      const plan = context.quick
        ? { rounds: 1, warm: 1, saturate: 2, fixed: 2, latencyRounds: 3, latency: 2 }
        : { rounds: 3, warm: 2, saturate: 4, fixed: 4, latencyRounds: 6, latency: 2 };
      const paced = context.quick ? { rounds: 3, seconds: 2 } : { rounds: 8, seconds: 3 };
      const samples = new Map(
        targets.map((target) => [target.name, { saturated: [] as autocannon.Result[], fixed: [] as autocannon.Result[], paced: [] as PacedResult[], cpuUs: [] as number[] }]),
      );
      for (const target of targets) await load(target, { connections: CONNECTIONS, duration: plan.warm });
      let rssPeak = 0;
      for (let round = 1; round <= plan.rounds; round += 1) {
        context.log(`proxy: round ${round}/${plan.rounds}: ${plan.saturate} s at ${CONNECTIONS} connections and ${plan.fixed} s at ${FIXED_RATE} req/s per path`);
        for (const target of targets) {
          const sample = samples.get(target.name)!;
          sample.saturated.push(await load(target, { connections: CONNECTIONS, duration: plan.saturate }));
          if (target.name === 'proxy') rssPeak = Math.max(rssPeak, residentMb(target.pid));
          // CPU per request at the fixed rate: the same work for every path, whatever else runs on the machine.
          const before = cpuMicros(target.pid);
          const fixed = await load(target, { connections: BURST_CONNECTIONS, duration: plan.fixed, overallRate: FIXED_RATE });
          sample.fixed.push(fixed);
          sample.cpuUs.push((cpuMicros(target.pid) - before) / Math.max(1, fixed['2xx'] + fixed.non2xx));
        }
      }
      // Latency alone: short fixed-rate turns of the mock, nginx and our proxy, the order rotated each round, so
      // that each path's p99 sits seconds from the direct one it is compared with. First in autocannon's burst
      // shape (these rounds and the main ones give the `*_burst_*` figures), then open-loop paced arrivals, the
      // shape of the status poll in production (paced-load.ts says why the two differ), which the target reads.
      const latencyPaths = targets.filter((t) => t.name === 'direct' || t.name === 'nginx' || t.name === 'proxy');
      const rotated = (round: number) => latencyPaths.map((_, i) => latencyPaths[(i + round) % latencyPaths.length]!);
      for (let round = 0; round < plan.latencyRounds; round += 1) {
        for (const target of rotated(round)) {
          samples.get(target.name)!.fixed.push(await load(target, { connections: BURST_CONNECTIONS, duration: plan.latency, overallRate: FIXED_RATE }));
        }
      }
      // A paced warm-up of each path opens the generator's connections (and each proxy's upstream ones).
      for (const target of latencyPaths) await pace(target, 1, 0);
      for (let round = 0; round < paced.rounds; round += 1) {
        // The same seed for every path of a round: the same arrival schedule.
        for (const target of rotated(round)) samples.get(target.name)!.paced.push(await pace(target, paced.seconds, round + 1));
      }
      // Our proxy's memory right after it forwarded every poll (status cache off), and once it has settled.
      figures['proxy.rss_mb'] = round(residentMb(proxy.pid), 1);
      figures['proxy.rss_peak_mb'] = round(Math.max(rssPeak, figures['proxy.rss_mb']), 1);
      for (const target of targets) {
        const { saturated, fixed, cpuUs } = samples.get(target.name)!;
        const mid = (results: autocannon.Result[], pick: (result: autocannon.Result) => number): number => median(results.map(pick));
        figures[`proxy.${target.name}_rps`] = round(mid(saturated, (r) => r.requests.average), 0);
        figures[`proxy.${target.name}_saturated_p50_ms`] = mid(saturated, (r) => r.latency.p50);
        figures[`proxy.${target.name}_saturated_p99_ms`] = mid(saturated, (r) => r.latency.p99);
        figures[`proxy.${target.name}_burst_p50_ms`] = mid(fixed, (r) => r.latency.p50);
        figures[`proxy.${target.name}_burst_p99_ms`] = mid(fixed, (r) => r.latency.p99);
        const { paced: open } = samples.get(target.name)!;
        if (open.length > 0) {
          figures[`proxy.${target.name}_p50_ms`] = round(median(open.map((r) => r.p50)), 2);
          figures[`proxy.${target.name}_p99_ms`] = round(median(open.map((r) => r.p99)), 2);
          figures[`proxy.${target.name}_paced_achieved_rps`] = round(median(open.map((r) => r.achievedRps)), 0);
          figures[`proxy.${target.name}_paced_peak_in_flight`] = Math.max(...open.map((r) => r.peakInFlight));
        }
        // Below FIXED_RATE the path could not keep up, and its "fixed rate" latency is queueing after all.
        figures[`proxy.${target.name}_fixed_achieved_rps`] = round(mid(fixed, (r) => r.requests.average), 0);
        figures[`proxy.${target.name}_errors`] =
          [...saturated, ...fixed].reduce((sum, r) => sum + r.errors + r.non2xx, 0) + open.reduce((sum, r) => sum + r.errors, 0);
        if (target.pid !== undefined && cpuUs.every(Number.isFinite)) figures[`proxy.${target.name}_cpu_us_per_request`] = round(median(cpuUs), 1);
      }
      const f = (key: string) => figures[`proxy.${key}`]!;
      figures['proxy.proxy_to_nginx_rps_ratio'] = round(f('proxy_rps') / f('nginx_rps'), 2);
      figures['proxy.bare_to_nginx_rps_ratio'] = round(f('bare_rps') / f('nginx_rps'), 2);
      figures['proxy.proxy_to_bare_rps_ratio'] = round(f('proxy_rps') / f('bare_rps'), 2);
      if (bareNode) figures['proxy.bare_node_to_nginx_rps_ratio'] = round(f('bare_node_rps') / f('nginx_rps'), 2);
      // Added p99: each round's difference to the direct path measured seconds before, then the median of those,
      // for both load shapes; the spread of the per-round differences says how far this machine's noise moves it.
      const added = (key: string, p99s: (name: Target['name']) => number[]) => {
        const direct = p99s('direct');
        for (const name of ['proxy', 'nginx'] as const) {
          const d = p99s(name).map((p99, i) => p99 - direct[i]!);
          figures[`proxy.${name}_${key}_ms`] = round(median(d), 2);
          figures[`proxy.${name}_${key}_q1_ms`] = round(quantile(d, 0.25), 2);
          figures[`proxy.${name}_${key}_q3_ms`] = round(quantile(d, 0.75), 2);
        }
        return direct.length;
      };
      figures['proxy.burst_added_p99_rounds'] = added('burst_added_p99', (name) => samples.get(name)!.fixed.map((r) => r.latency.p99));
      figures['proxy.added_p99_rounds'] = added('added_p99', (name) => samples.get(name)!.paced.map((r) => r.p99));
      if (Number.isFinite(figures['proxy.proxy_cpu_us_per_request']) && Number.isFinite(figures['proxy.bare_cpu_us_per_request'])) {
        // What our own work (tickets, checks, headers, rewriting) costs per poll beyond the bare forwarder.
        figures['proxy.own_work_us_per_request'] = round(f('proxy_cpu_us_per_request') - f('bare_cpu_us_per_request'), 1);
      }
      if (!context.quick) {
        // V8 gives back its young generation once the allocation rate drops (its memory reducer, after some seconds idle).
        const settleUntil = Date.now() + 20_000;
        while (Date.now() < settleUntil && residentMb(proxy.pid) > figures['proxy.rss_first_poll_mb']! + 5) await new Promise((resolve) => setTimeout(resolve, 1000));
        figures['proxy.rss_settled_mb'] = round(residentMb(proxy.pid), 1);
      }
      figures['proxy.connections'] = CONNECTIONS;
      figures['proxy.fixed_rate_rps'] = FIXED_RATE;
      figures['proxy.burst_connections'] = BURST_CONNECTIONS;
    } finally {
      await nginx?.stop();
      for (const child of children.reverse()) await child.stop();
      for (const bin of bins.reverse()) await bin.stop();
    }
    return figures;
  },
};

/** Every path must answer the same 200 JSON, or the comparison means nothing. */
async function checkAnswers(target: Target): Promise<void> {
  const response = await fetch(target.url, { headers: target.headers });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${target.name}: GET status answered ${response.status}: ${body.slice(0, 300)}`);
}

async function pace(target: Target, seconds: number, seed: number): Promise<PacedResult> {
  const result = await pacedLoad({ url: target.url, headers: target.headers, rate: FIXED_RATE, durationSeconds: seconds, seed });
  if (result.ok === 0) throw new Error(`${target.name}: no successful responses under paced load`);
  return result;
}

async function load(target: Target, options: { connections: number; duration: number; overallRate?: number }): Promise<autocannon.Result> {
  const result = await autocannon({ url: target.url, headers: target.headers, ...options });
  if (result['2xx'] === 0) throw new Error(`${target.name}: no successful responses under load`);
  return result;
}
