import type { Figures, MachineDescription } from './context.js';
import { TARGETS, verdictOf } from './targets.js';

type Cell = string;
type Row = readonly Cell[];

const missing = '—';

function num(figures: Figures, key: string, unit = '', digits = 0): Cell {
  const value = figures[key];
  if (value === undefined || !Number.isFinite(value)) return missing;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit}`;
}

function kb(figures: Figures, key: string): Cell {
  const value = figures[key];
  return value === undefined || !Number.isFinite(value) ? missing : `${(value / 1024).toFixed(1)} KB`;
}

/** How many times the alternative is bigger/slower than ours ("3.4 × ours"). */
function times(figures: Figures, oursKey: string, theirsKey: string): Cell {
  const ours = figures[oursKey];
  const theirs = figures[theirsKey];
  if (ours === undefined || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || ours === 0) return missing;
  return `${(theirs / ours).toFixed(1)} ×`;
}

const PROXY_PATHS = {
  direct: 'mock OFD directly',
  proxy: 'ofd-signer proxy (built bin) → mock, status cache off',
  nginx: 'nginx → mock',
  bare: 'reference: bare Hono + undici forwarder',
  bare_node: 'reference: bare node:http + our undici transport',
  proxy_cached: 'ofd-signer proxy, default 1 s status cache',
} as const;

function rows(f: Figures): Array<{ title: string; header: Row; rows: Row[] }> {
  const sections: Array<{ title: string; header: Row; rows: Row[] }> = [
    {
      title: 'Size (gzip -9)',
      header: ['what a page loads', 'ofd-signer', 'crypto-pro', 'crypto-pro / ours'],
      rows: [
        ['widget before the first screen: embed + static imports', kb(f, 'bundle.widget_initial_gzip_bytes'), missing, missing],
        ['widget: embed + every chunk, no CryptoPro loader', kb(f, 'bundle.widget_gzip_bytes'), missing, missing],
        ['plugin adapter alone (ofd-signer/plugin)', kb(f, 'bundle.adapter_gzip_bytes'), kb(f, 'bundle.crypto_pro_gzip_bytes'), times(f, 'bundle.adapter_gzip_bytes', 'bundle.crypto_pro_gzip_bytes')],
        ['its sentences, ru + en (ofd-signer/plugin/messages)', kb(f, 'bundle.adapter_messages_gzip_bytes'), missing, missing],
        ['our extension loader (lazy chunk; pages without a loader)', kb(f, 'bundle.adapter_extension_loader_gzip_bytes'), 'inside the bundle above', missing],
        ['CryptoPro loader (npm cadesplugin-api, lazy chunk)', kb(f, 'bundle.cadesplugin_loader_gzip_bytes'), 'inside the bundle above', missing],
      ],
    },
    {
      title: 'Plugin round trips (emulator call log)',
      header: ['operation', 'ofd-signer', 'crypto-pro', 'crypto-pro / ours'],
      rows: [
        ['list certificates: fixed calls', num(f, 'plugin.list_calls_fixed', '', 1), num(f, 'plugin.crypto_pro_list_calls_fixed', '', 1), missing],
        ['list certificates: calls per certificate', num(f, 'plugin.list_calls_per_certificate', '', 2), num(f, 'plugin.crypto_pro_list_calls_per_certificate', '', 2), times(f, 'plugin.list_calls_per_certificate', 'plugin.crypto_pro_list_calls_per_certificate')],
        ['list 100 certificates: most calls in flight at once', num(f, 'plugin.list_max_concurrency'), num(f, 'plugin.crypto_pro_list_max_concurrency'), missing],
        ['sign one document (attached), after listing', num(f, 'plugin.sign_calls_per_document'), num(f, 'plugin.crypto_pro_sign_calls_per_document'), times(f, 'plugin.sign_calls_per_document', 'plugin.crypto_pro_sign_calls_per_document')],
        ['sign the next document, same certificate', num(f, 'plugin.sign_calls_next_document'), num(f, 'plugin.crypto_pro_sign_calls_per_document'), times(f, 'plugin.sign_calls_next_document', 'plugin.crypto_pro_sign_calls_per_document')],
        ['each extra document in a batch of 20, same certificate', num(f, 'plugin.sign_calls_per_extra_document', '', 1), num(f, 'plugin.crypto_pro_sign_calls_per_extra_document', '', 1), times(f, 'plugin.sign_calls_per_extra_document', 'plugin.crypto_pro_sign_calls_per_extra_document')],
        ['batch of 20: PIN prompts (caching allowed)', num(f, 'plugin.batch_20_pin_prompts'), num(f, 'plugin.crypto_pro_batch_20_pin_prompts'), missing],
        ['sign with no listing before (find by thumbprint)', num(f, 'plugin.sign_calls_without_listing'), num(f, 'plugin.crypto_pro_sign_calls_per_document'), times(f, 'plugin.sign_calls_without_listing', 'plugin.crypto_pro_sign_calls_per_document')],
      ],
    },
    {
      title: 'Latency, 2 ms per plugin call (median)',
      header: ['operation', 'ofd-signer', 'crypto-pro', 'crypto-pro / ours'],
      rows: [10, 100, 1000].map<Row>((n) => [
        `list ${n} certificates`,
        num(f, `latency.list_${n}_ms`, ' ms', 1),
        num(f, `latency.crypto_pro_list_${n}_ms`, ' ms', 1),
        times(f, `latency.list_${n}_ms`, `latency.crypto_pro_list_${n}_ms`),
      ]),
    },
    {
      title: 'Proxy: GET /api/registration/:id',
      header: ['upstream path', 'req/s (saturated)', 'p50 / p99 at 1,000 req/s: paced · autocannon burst (achieved req/s)', 'p99 saturated'],
      rows: (['direct', 'proxy', 'nginx', 'bare', 'bare_node', 'proxy_cached'] as const)
        .filter((name) => ['direct', 'proxy', 'nginx'].includes(name) || Number.isFinite(f[`proxy.${name}_rps`]))
        .map<Row>((name) => [
          PROXY_PATHS[name],
          num(f, `proxy.${name}_rps`),
          `${num(f, `proxy.${name}_p50_ms`, ' ms', 1)} / ${num(f, `proxy.${name}_p99_ms`, ' ms', 1)} · ${num(f, `proxy.${name}_burst_p50_ms`, ' ms')} / ${num(f, `proxy.${name}_burst_p99_ms`, ' ms')} (${num(f, `proxy.${name}_fixed_achieved_rps`)})`,
          num(f, `proxy.${name}_saturated_p99_ms`, ' ms'),
        ]),
    },
    {
      title: 'Content scaling: adapter + emulator sign, then inspectCms',
      header: ['content', 'time', 'peak RSS above start', 'time per MB'],
      rows: [
        ['1 KB', '1kb'],
        ['100 KB', '100kb'],
        ['1 MB', '1mb'],
        ['10 MB', '10mb'],
      ].map<Row>(([label, key]) => [label!, num(f, `scaling.sign_${key}_ms`, ' ms', 1), num(f, `scaling.peak_${key}_mb`, ' MB', 1), num(f, `scaling.ms_per_mb_${key}`, ' ms', 1)]),
    },
  ];
  const latency = sections[2]!;
  if (f['latency.crypto_pro_list_1000_extrapolated'] === 1) {
    latency.rows[2] = [latency.rows[2]![0]!, latency.rows[2]![1]!, `${latency.rows[2]![2]} (extrapolated, --quick)`, latency.rows[2]![3]!];
  }
  latency.rows.push(
    ['sign one document, after listing', num(f, 'latency.sign_ms', ' ms', 1), num(f, 'latency.crypto_pro_sign_ms', ' ms', 1), times(f, 'latency.sign_ms', 'latency.crypto_pro_sign_ms')],
    ['sign the next document, same certificate', num(f, 'latency.sign_next_document_ms', ' ms', 1), num(f, 'latency.crypto_pro_sign_ms', ' ms', 1), times(f, 'latency.sign_next_document_ms', 'latency.crypto_pro_sign_ms')],
    ['sign 20 documents in one batch (PIN cached)', num(f, 'latency.batch_20_ms', ' ms', 1), num(f, 'latency.crypto_pro_batch_20_ms', ' ms', 1), times(f, 'latency.batch_20_ms', 'latency.crypto_pro_batch_20_ms')],
    ['sign one document at 0 ms per call (GOST arithmetic)', num(f, 'latency.sign_at_0ms_ms', ' ms', 1), missing, missing],
  );
  sections[3]!.rows.push(
    ...(['added_p99', 'burst_added_p99'] as const).map<Row>((key) => [
      `added p99 over the mock at 1,000 req/s, ${key === 'added_p99' ? 'paced' : 'autocannon burst'}, median of ${num(f, `proxy.${key === 'added_p99' ? '' : 'burst_'}added_p99_rounds`)} rounds (middle half): proxy / nginx`,
      `${num(f, `proxy.proxy_${key}_ms`, ' ms', 1)} (${num(f, `proxy.proxy_${key}_q1_ms`, '', 1)}–${num(f, `proxy.proxy_${key}_q3_ms`, ' ms', 1)}) / ${num(f, `proxy.nginx_${key}_ms`, ' ms', 1)} (${num(f, `proxy.nginx_${key}_q1_ms`, '', 1)}–${num(f, `proxy.nginx_${key}_q3_ms`, ' ms', 1)})`,
      missing,
      missing,
    ]),
    [
      'req/s: proxy / nginx · bare Hono / nginx · bare node:http / nginx · proxy / bare Hono',
      `${num(f, 'proxy.proxy_to_nginx_rps_ratio', ' ×', 2)} · ${num(f, 'proxy.bare_to_nginx_rps_ratio', ' ×', 2)} · ${num(f, 'proxy.bare_node_to_nginx_rps_ratio', ' ×', 2)} · ${num(f, 'proxy.proxy_to_bare_rps_ratio', ' ×', 2)}`,
      missing,
      missing,
    ],
    ['CPU per poll at 1,000 req/s: bare node:http + our transport', num(f, 'proxy.bare_node_cpu_us_per_request', ' µs'), missing, missing],
    [
      'CPU per poll at 1,000 req/s: proxy / bare forwarder (own work)',
      `${num(f, 'proxy.proxy_cpu_us_per_request', ' µs')} / ${num(f, 'proxy.bare_cpu_us_per_request', ' µs')} (${num(f, 'proxy.own_work_us_per_request', ' µs')})`,
      missing,
      missing,
    ],
    [
      'proxy resident memory: at rest, before any request · after the first poll → after the run (peak; settled)',
      `${num(f, 'proxy.rss_idle_mb', ' MB', 1)} · ${num(f, 'proxy.rss_first_poll_mb', ' MB', 1)} → ${num(f, 'proxy.rss_mb', ' MB', 1)} (${num(f, 'proxy.rss_peak_mb', ' MB', 1)}; ${num(f, 'proxy.rss_settled_mb', ' MB', 1)})`,
      missing,
      missing,
    ],
  );
  return sections;
}

function formatTable(header: Row, body: Row[]): string {
  const all = [header, ...body];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  const line = (row: Row): string => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** The whole report as Markdown (stdout and docs/bench.md use the same text). */
export function renderReport(
  figures: Figures,
  machine: MachineDescription & { loadAverage1mAtStart: number },
  date: string,
  quick: boolean,
  /** After `--merge`: when each section's figures were measured (machine and load are this run's). */
  sectionDates?: Readonly<Record<string, string>>,
): string {
  const parts: string[] = [];
  parts.push(`Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`);
  parts.push(`Load average (1 min) at start / end: ${machine.loadAverage1mAtStart} / ${machine.loadAverage1m}`);
  parts.push(`Date: ${date}${quick ? ' (--quick: smaller loads)' : ''}`);
  if (sectionDates) {
    const listed = Object.entries(sectionDates).map(([section, at]) => `${section} ${at}`);
    parts.push(`Merged (\`--merge\`): machine and load average are those of this run; sections measured at: ${listed.join(', ')}`);
  }
  for (const section of rows(figures)) {
    parts.push(`\n### ${section.title}\n\n${formatTable(section.header, section.rows)}`);
  }
  const targetRows: Row[] = TARGETS.map((target) => {
    const outcome = target.evaluate(figures);
    return [target.label, outcome?.actual ?? missing, verdictOf(outcome)];
  });
  parts.push(`\n### Targets\n\n${formatTable(['target', 'measured', 'result'], targetRows)}`);
  return parts.join('\n');
}
