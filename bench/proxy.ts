import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createTicket } from '../src/proxy/ticket.js';
import { startChild, type BenchChild } from './child.js';
import { median, quantile, round, type BenchSection, type Figures } from './context.js';
import { cpuMicros, ensureBuiltServer, MOCK_BIN, PROXY_BIN, residentMb, startBin, type BinProcess } from './proxy-process.js';
import { freePort, startNginx } from './setup-nginx.js';

const serverScript = new URL('./proxy-server.ts', import.meta.url);

/** Saturation: a fixed number of connections, as many requests as the path can take. */
const CONNECTIONS = 50;
/** Latency: a fixed request rate every path sustains, so p99 is the path's own, not queueing. */
const FIXED_RATE = 1000;

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
      // Before any load: what the built proxy holds at rest.
      figures['proxy.rss_idle_mb'] = round(residentMb(proxy.pid), 1);
      // Paths take turns, round after round, and each figure is the median of its rounds: a burst of other
      // work on the machine then hits every path alike instead of whichever was being measured.
      const plan = context.quick
        ? { rounds: 1, warm: 1, saturate: 2, fixed: 2, latencyRounds: 3, latency: 2 }
        : { rounds: 3, warm: 2, saturate: 4, fixed: 4, latencyRounds: 6, latency: 2 };
      const samples = new Map(targets.map((target) => [target.name, { saturated: [] as autocannon.Result[], fixed: [] as autocannon.Result[], cpuUs: [] as number[] }]));
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
          const fixed = await load(target, { connections: 10, duration: plan.fixed, overallRate: FIXED_RATE });
          sample.fixed.push(fixed);
          sample.cpuUs.push((cpuMicros(target.pid) - before) / Math.max(1, fixed['2xx'] + fixed.non2xx));
        }
      }
      // Latency alone: short fixed-rate turns of the mock, nginx and our proxy, the order rotated each round, so
      // that each path's p99 sits seconds from the direct one it is compared with. These rounds and the main
      // ones give the per-round differences whose median (and quartiles) the added-p99 target reads.
      const latencyPaths = targets.filter((t) => t.name === 'direct' || t.name === 'nginx' || t.name === 'proxy');
      for (let round = 0; round < plan.latencyRounds; round += 1) {
        const order = latencyPaths.map((_, i) => latencyPaths[(i + round) % latencyPaths.length]!);
        for (const target of order) {
          samples.get(target.name)!.fixed.push(await load(target, { connections: 10, duration: plan.latency, overallRate: FIXED_RATE }));
        }
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
        figures[`proxy.${target.name}_p50_ms`] = mid(fixed, (r) => r.latency.p50);
        figures[`proxy.${target.name}_p99_ms`] = mid(fixed, (r) => r.latency.p99);
        // Below FIXED_RATE the path could not keep up, and its "fixed rate" latency is queueing after all.
        figures[`proxy.${target.name}_fixed_achieved_rps`] = round(mid(fixed, (r) => r.requests.average), 0);
        figures[`proxy.${target.name}_errors`] = [...saturated, ...fixed].reduce((sum, r) => sum + r.errors + r.non2xx, 0);
        if (target.pid !== undefined && cpuUs.every(Number.isFinite)) figures[`proxy.${target.name}_cpu_us_per_request`] = round(median(cpuUs), 1);
      }
      const f = (key: string) => figures[`proxy.${key}`]!;
      figures['proxy.proxy_to_nginx_rps_ratio'] = round(f('proxy_rps') / f('nginx_rps'), 2);
      figures['proxy.bare_to_nginx_rps_ratio'] = round(f('bare_rps') / f('nginx_rps'), 2);
      figures['proxy.proxy_to_bare_rps_ratio'] = round(f('proxy_rps') / f('bare_rps'), 2);
      if (bareNode) figures['proxy.bare_node_to_nginx_rps_ratio'] = round(f('bare_node_rps') / f('nginx_rps'), 2);
      // Added p99: each round's difference to the direct path measured seconds before, then the median of those.
      const direct = samples.get('direct')!.fixed;
      const differences = (name: Target['name']) => samples.get(name)!.fixed.map((r, i) => r.latency.p99 - direct[i]!.latency.p99);
      for (const name of ['proxy', 'nginx'] as const) {
        const d = differences(name);
        figures[`proxy.${name}_added_p99_ms`] = median(d);
        // The spread of the per-round differences: how far this machine's noise moves the figure.
        figures[`proxy.${name}_added_p99_q1_ms`] = quantile(d, 0.25);
        figures[`proxy.${name}_added_p99_q3_ms`] = quantile(d, 0.75);
      }
      figures['proxy.added_p99_rounds'] = direct.length;
      if (Number.isFinite(figures['proxy.proxy_cpu_us_per_request']) && Number.isFinite(figures['proxy.bare_cpu_us_per_request'])) {
        // What our own work (tickets, checks, headers, rewriting) costs per poll beyond the bare forwarder.
        figures['proxy.own_work_us_per_request'] = round(f('proxy_cpu_us_per_request') - f('bare_cpu_us_per_request'), 1);
      }
      if (!context.quick) {
        // V8 gives back its young generation once the allocation rate drops (its memory reducer, after some seconds idle).
        const settleUntil = Date.now() + 20_000;
        while (Date.now() < settleUntil && residentMb(proxy.pid) > figures['proxy.rss_idle_mb']! + 5) await new Promise((resolve) => setTimeout(resolve, 1000));
        figures['proxy.rss_settled_mb'] = round(residentMb(proxy.pid), 1);
      }
      figures['proxy.connections'] = CONNECTIONS;
      figures['proxy.fixed_rate_rps'] = FIXED_RATE;
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

async function load(target: Target, options: { connections: number; duration: number; overallRate?: number }): Promise<autocannon.Result> {
  const result = await autocannon({ url: target.url, headers: target.headers, ...options });
  if (result['2xx'] === 0) throw new Error(`${target.name}: no successful responses under load`);
  return result;
}
