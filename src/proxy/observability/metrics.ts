/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written here rather than with prom-client:
 * four metric families need a few dozen lines, no dependency, and no default collectors that walk the process on
 * every scrape. Label values come from fixed sets (route names, outcomes), never from request data, so the
 * number of series stays bounded whatever clients send.
 */
import type { UpstreamFetch } from '../upstream/transport.js';

type Labels = Record<string, string>;

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
};

class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [labels, value] of this.values) lines.push(`${this.name}${labels} ${value}`);
    return lines.join('\n');
  }
}

class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}
  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    this.buckets.forEach((le, i) => {
      if (value <= le) s.counts[i]!++;
    });
    s.sum += value;
    s.count++;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(le) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

/** The route a request matched, from a fixed set (an unknown path is `other`, never the path itself). */
export function routeName(method: string, path: string): string {
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1);
  if (path === '/api/links/exchange') return 'link-exchange';
  const m = /^\/api\/registration\/[^/]+(\/.*)?$/.exec(path);
  if (m) {
    const rest = m[1] ?? '';
    if (rest === '') return 'status';
    if (rest === '/prepareDocuments') return 'prepare';
    if (rest === '/sign') return 'sign';
    if (rest === '/registration-report') return 'registration-report';
    if (rest === '/simplified/status') return 'simplified-status';
    if (rest.startsWith('/files/')) return 'file';
    return 'other';
  }
  if (path.startsWith('/api/')) return 'other';
  return method === 'GET' || method === 'HEAD' ? 'page' : 'other';
}

/** Which OFD call an upstream URL is (sign, status, …), for the latency histogram. */
function upstreamOperation(method: string, url: string): string {
  const path = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return '';
    }
  })();
  const m = /\/registration\/[^/]+(\/.*)?$/.exec(path);
  if (!m) return 'file';
  const rest = m[1] ?? '';
  if (rest === '') return method === 'PUT' ? 'registration-report' : 'status';
  if (rest === '/sign') return 'sign';
  if (rest === '/prepareDocuments') return 'prepare';
  if (rest === '/simplified/status') return 'simplified-status';
  return 'other';
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

export interface ProxyMetrics {
  request(method: string, path: string, status: number): void;
  /** The transport, timed: seconds until OFD's answer head arrived (or the call failed). */
  timeUpstream(fetch: UpstreamFetch): UpstreamFetch;
  /** A sign-ledger event (`sign-sent`, `sign-rejected`, `sign-ambiguous`, `sign-reconciled`). */
  signEvent(event: string, result?: string): void;
  linkExchange(outcome: string): void;
  render(): Promise<string>;
}

export interface MetricsSources {
  /** Whether the ledger store answers (1) or not (0), and which it is. */
  ledger: () => Promise<{ store: string; up: boolean }>;
}

export function createProxyMetrics(sources: MetricsSources): ProxyMetrics {
  const started = Date.now() / 1000;
  const requests = new Counter('ofd_signer_http_requests_total', 'Requests answered, by route, method and status class.');
  const upstream = new Histogram(
    'ofd_signer_upstream_request_duration_seconds',
    'Time until OFD answered (response head), by operation and outcome.',
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  );
  const signs = new Counter('ofd_signer_sign_outcomes_total', 'Sign attempts by outcome: sent, rejected (definite refusal), ambiguous, reconciled.');
  const exchanges = new Counter('ofd_signer_link_exchanges_total', 'Signing-link exchanges by outcome (ok or the refusal code).');
  let inFlight = 0;
  return {
    request(method, path, status) {
      requests.inc({ route: routeName(method, path), method, status: statusClass(status) });
    },
    timeUpstream(fetch) {
      return async (url, init) => {
        const operation = upstreamOperation(init.method, url);
        const isSign = operation === 'sign';
        if (isSign) inFlight++;
        const t0 = performance.now();
        try {
          const res = await fetch(url, init);
          upstream.observe({ operation, outcome: statusClass(res.status) }, (performance.now() - t0) / 1000);
          return res;
        } catch (error) {
          upstream.observe({ operation, outcome: 'error' }, (performance.now() - t0) / 1000);
          throw error;
        } finally {
          if (isSign) inFlight--;
        }
      };
    },
    signEvent(event, result) {
      const outcome = event.replace(/^sign-/, '');
      signs.inc(result ? { outcome, result } : { outcome });
    },
    linkExchange(outcome) {
      exchanges.inc({ outcome });
    },
    async render() {
      const ledger = await sources.ledger().catch(() => ({ store: 'unknown', up: false }));
      const memory = process.memoryUsage();
      const gauges = [
        '# HELP ofd_signer_ledger_up Whether the sign-once ledger store answers (1) or not (0).',
        '# TYPE ofd_signer_ledger_up gauge',
        `ofd_signer_ledger_up${labelText({ store: ledger.store })} ${ledger.up ? 1 : 0}`,
        '# HELP ofd_signer_sign_in_flight Sign calls of this instance waiting for OFD now.',
        '# TYPE ofd_signer_sign_in_flight gauge',
        `ofd_signer_sign_in_flight ${inFlight}`,
        '# HELP process_resident_memory_bytes Resident memory of this process.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${memory.rss}`,
        '# HELP process_start_time_seconds When this process started, seconds since the epoch.',
        '# TYPE process_start_time_seconds gauge',
        `process_start_time_seconds ${Math.floor(started)}`,
      ];
      return `${[requests.render(), upstream.render(), signs.render(), exchanges.render(), gauges.join('\n')].join('\n')}\n`;
    },
  };
}
