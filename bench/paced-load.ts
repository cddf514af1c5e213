/**
 * An open-loop load at a fixed rate, the shape of the status poll in production: many browsers, each polling
 * on its own schedule (the widget's first interval is 2 s, growing to 30 s), so arrivals are independent of
 * each other and of how fast the server answered the previous poll. Why not autocannon's `overallRate`:
 * autocannon 9 (lib/httpClient.js) lets each connection send back to back, as fast as answers come, until it
 * has sent its share of the second, then waits for its 1 s interval to reset the count — at "1,000 req/s over
 * 10 connections" every second starts with a saturated burst of 10 concurrent connections until 1,000
 * requests are through, then nothing. Its p99 is a burst's queueing, which grows as throughput falls (it also
 * records each slow answer several times, as its coordinated-omission correction assumes 1 ms between requests).
 *
 * Here arrivals are a Poisson process at `rate` (exponential gaps, seeded, so every path gets the same
 * schedule), each sent at its time on an idle keep-alive connection of a pool (a new connection only when all
 * are busy, up to `connections`), and latency is counted from the scheduled time to the last byte of the answer
 * (so a late send counts against the run, not for it). The timer wakes every millisecond and sends what is due.
 */
import { Pool } from 'undici';
import { quantile } from './context.js';

export interface PacedResult {
  /** Answers received (2xx). */
  ok: number;
  /** Non-2xx answers and failed requests. */
  errors: number;
  /** Latency quantiles, ms (µs resolution). */
  p50: number;
  p99: number;
  max: number;
  /** Requests per second actually sent. */
  achievedRps: number;
  /** Most requests in flight at once. */
  peakInFlight: number;
}

export async function pacedLoad(options: {
  url: string;
  headers: Record<string, string>;
  rate: number;
  durationSeconds: number;
  /** Most connections the pool may open (default 200: the browsers in flight at once stay far fewer). */
  connections?: number;
  /** Seed of the arrival schedule (the same seed gives every path the same gaps). */
  seed?: number;
}): Promise<PacedResult> {
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: options.connections ?? 200, pipelining: 1, keepAliveTimeout: 30_000 });
  const path = url.pathname + url.search;
  const random = mulberry32(options.seed ?? 1);
  const total = Math.round(options.rate * options.durationSeconds);
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const started = performance.now();
  let next = started;
  let sent = 0;
  const pending: Array<Promise<void>> = [];
  const send = (scheduled: number) => {
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    pending.push(
      pool
        .request({ method: 'GET', path, headers: options.headers })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode >= 200 && response.statusCode < 300) latencies.push(performance.now() - scheduled);
          else errors += 1;
        })
        .catch(() => {
          errors += 1;
        })
        .finally(() => {
          inFlight -= 1;
        }),
    );
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && next <= now) {
        send(next);
        sent += 1;
        next += (-Math.log(1 - random()) * 1000) / options.rate;
      }
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, next - performance.now())));
      else resolve();
    };
    tick();
  });
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  await pool.close();
  return {
    ok: latencies.length,
    errors,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: Math.max(...latencies),
    achievedRps: sent / sendSeconds,
    peakInFlight,
  };
}

/** A small seeded PRNG (mulberry32): the same arrival schedule for every path of a round. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
