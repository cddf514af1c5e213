import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createTicket } from '../src/proxy/ticket.js';
import { startChild, type BenchChild } from './child.js';
import { median, round, type BenchSection, type Figures } from './context.js';
import { startNginx } from './setup-nginx.js';

const serverScript = new URL('./proxy-server.ts', import.meta.url);

/** Saturation: a fixed number of connections, as many requests as the path can take. */
const CONNECTIONS = 50;
/** Latency: a fixed request rate every path sustains, so p99 is the path's own, not queueing. */
const FIXED_RATE = 1000;

interface Target {
  name: 'direct' | 'proxy' | 'nginx' | 'bare' | 'proxy_cached';
  url: string;
  headers: Record<string, string>;
}

/**
 * The status poll through three paths, each server in its own process: the mock OFD directly, our
 * proxy in front of it, nginx in front of it. Saturated throughput, latency at a fixed rate, and our
 * proxy's memory.
 */
export const proxySection: BenchSection = {
  name: 'proxy',
  async run(context) {
    const figures: Figures = {};
    const authToken = `bench-${randomBytes(8).toString('hex')}`;
    const ticketSecret = randomBytes(32).toString('hex');
    const children: Array<BenchChild<unknown>> = [];
    let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
    try {
      const mock = await startChild<{ url: string; applicationId: string }>(serverScript, ['mock', '', '', authToken]);
      children.push(mock);
      // Our proxy, and in full runs two references: our proxy with its default 1 s status cache, and a bare forwarder.
      const roles: string[][] = [['proxy', mock.ready.url, ticketSecret, authToken, '0']];
      if (!context.quick) roles.push(['proxy', mock.ready.url, ticketSecret, authToken, '1000'], ['bare', mock.ready.url, '', authToken]);
      const started = await Promise.allSettled(roles.map((args) => startChild<{ url: string }>(serverScript, args)));
      // Every child that did start is kept, so `finally` stops it even when a sibling failed.
      for (const result of started) if (result.status === 'fulfilled') children.push(result.value);
      const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) throw failed.reason;
      const [proxy, cached, bare] = started.map((result) => (result as PromiseFulfilledResult<BenchChild<{ url: string }>>).value);
      const id = mock.ready.applicationId;
      nginx = await startNginx({
        upstreamUrl: mock.ready.url,
        prefix: path.join(context.tmpDir, 'nginx'),
        log: context.log,
        authToken,
      });
      const ticket = createTicket({ applicationId: id, expiresInSeconds: 3600, secret: ticketSecret });
      const targets: Target[] = [
        { name: 'direct', url: `${mock.ready.url}/api/integration/v2/b2b/kkt/registration/${id}?AuthToken=${authToken}`, headers: {} },
        { name: 'proxy', url: `${proxy!.ready.url}/api/registration/${id}`, headers: { authorization: `Bearer ${ticket}` } },
        { name: 'nginx', url: `${nginx.url}/api/registration/${id}`, headers: {} },
      ];
      if (cached && bare) {
        targets.push(
          { name: 'bare', url: `${bare.ready.url}/api/registration/${id}`, headers: {} },
          { name: 'proxy_cached', url: `${cached.ready.url}/api/registration/${id}`, headers: { authorization: `Bearer ${ticket}` } },
        );
      }
      for (const target of targets) await checkAnswers(target);
      // Before any load: what the process holds at rest (Node, tsx's loader, the app).
      const idle = await proxy!.request<{ rssMb: number }>('memory');
      figures['proxy.rss_idle_mb'] = round(idle.rssMb, 1);
      // Paths take turns, round after round, and each figure is the median of its rounds: a burst of other
      // work on the machine then hits every path alike instead of whichever was being measured.
      const plan = context.quick ? { rounds: 1, warm: 1, saturate: 2, fixed: 2 } : { rounds: 3, warm: 2, saturate: 4, fixed: 4 };
      const samples = new Map<string, { saturated: autocannon.Result[]; fixed: autocannon.Result[] }>(
        targets.map((target) => [target.name, { saturated: [], fixed: [] }]),
      );
      for (const target of targets) await load(target, { connections: CONNECTIONS, duration: plan.warm });
      for (let round = 1; round <= plan.rounds; round += 1) {
        context.log(`proxy: round ${round}/${plan.rounds}: ${plan.saturate} s at ${CONNECTIONS} connections and ${plan.fixed} s at ${FIXED_RATE} req/s per path`);
        for (const target of targets) {
          const sample = samples.get(target.name)!;
          sample.saturated.push(await load(target, { connections: CONNECTIONS, duration: plan.saturate }));
          sample.fixed.push(await load(target, { connections: 10, duration: plan.fixed, overallRate: FIXED_RATE }));
        }
      }
      for (const target of targets) {
        const { saturated, fixed } = samples.get(target.name)!;
        const mid = (results: autocannon.Result[], pick: (result: autocannon.Result) => number): number => median(results.map(pick));
        figures[`proxy.${target.name}_rps`] = round(mid(saturated, (r) => r.requests.average), 0);
        figures[`proxy.${target.name}_saturated_p50_ms`] = mid(saturated, (r) => r.latency.p50);
        figures[`proxy.${target.name}_saturated_p99_ms`] = mid(saturated, (r) => r.latency.p99);
        figures[`proxy.${target.name}_p50_ms`] = mid(fixed, (r) => r.latency.p50);
        figures[`proxy.${target.name}_p99_ms`] = mid(fixed, (r) => r.latency.p99);
        // Below FIXED_RATE the path could not keep up, and its "fixed rate" latency is queueing after all.
        figures[`proxy.${target.name}_fixed_achieved_rps`] = round(mid(fixed, (r) => r.requests.average), 0);
        figures[`proxy.${target.name}_errors`] = [...saturated, ...fixed].reduce((sum, r) => sum + r.errors + r.non2xx, 0);
      }
      // Memory of the proxy that forwarded every poll (status cache off).
      const memory = await proxy!.request<{ rssMb: number; heapUsedMb: number }>('memory');
      figures['proxy.rss_mb'] = round(memory.rssMb, 1);
      figures['proxy.heap_used_mb'] = round(memory.heapUsedMb, 1);
      figures['proxy.connections'] = CONNECTIONS;
      figures['proxy.fixed_rate_rps'] = FIXED_RATE;
    } finally {
      await nginx?.stop();
      for (const child of children.reverse()) await child.stop();
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

