import { describe, expect, it } from 'vitest';
import { renderReport } from '../../bench/report.js';
import { TARGETS, verdictOf } from '../../bench/targets.js';

const machine = { cpuModel: 'test cpu', cores: 2, memoryGb: 4, node: 'v20', platform: 'linux', loadAverage1m: 0, loadAverage1mAtStart: 0 };

function verdict(figures: Record<string, number>, label: string): string | undefined {
  const outcome = TARGETS.find((target) => target.label.startsWith(label))?.evaluate(figures);
  return outcome ? verdictOf(outcome) : undefined;
}

// The bench's verdicts are what a reader acts on: a figure over its target must read MISS, one within PASS,
// and a figure that was not measured must not be reported as either.
describe('bench: targets and report', () => {
  it('judges sizes, round trips and proxy overhead against the issue\'s targets', () => {
    expect(verdict({ 'bundle.adapter_gzip_bytes': 6000 }, 'adapter')).toBe('PASS');
    expect(verdict({ 'bundle.adapter_gzip_bytes': 6001 }, 'adapter')).toBe('MISS');
    expect(verdict({ 'bundle.widget_initial_gzip_bytes': 20_000 }, 'widget before the first screen')).toBe('PASS');
    expect(verdict({ 'bundle.widget_initial_gzip_bytes': 20_001 }, 'widget before the first screen')).toBe('MISS');
    expect(verdict({ 'bundle.widget_gzip_bytes': 40_001 }, 'widget, every chunk')).toBe('MISS');
    expect(verdict({ 'plugin.sign_calls_per_document': 8 }, '≤ 7 plugin calls')).toBe('MISS');
    expect(verdict({ 'proxy.proxy_rps': 4000, 'proxy.nginx_rps': 10000 }, 'proxy ≥ 0.5')).toBe('MISS');
    expect(verdict({ 'proxy.proxy_p99_ms': 5, 'proxy.nginx_p99_ms': 4, 'proxy.direct_p99_ms': 3 }, 'proxy adds')).toBe('PASS');
    expect(verdict({ 'proxy.proxy_p99_ms': 7, 'proxy.nginx_p99_ms': 4, 'proxy.direct_p99_ms': 3 }, 'proxy adds')).toBe('MISS');
    expect(verdict({ 'proxy.proxy_p99_ms': 5, 'proxy.direct_p99_ms': 3 }, 'proxy adds')).toBeUndefined();
    // Per-round differences win over the medians; a direct path slower than our proxy's is noise, not a verdict.
    expect(verdict({ 'proxy.proxy_p99_ms': 9, 'proxy.nginx_p99_ms': 4, 'proxy.direct_p99_ms': 3, 'proxy.proxy_added_p99_ms': 2, 'proxy.nginx_added_p99_ms': 1 }, 'proxy adds')).toBe('PASS');
    expect(verdict({ 'proxy.proxy_p99_ms': 20, 'proxy.nginx_p99_ms': 4, 'proxy.direct_p99_ms': 30 }, 'proxy adds')).toBe('n/a');
    // With per-round quartiles: a verdict only when our rounds' middle half is on one side of the allowance.
    const rounds = { 'proxy.proxy_p99_ms': 9, 'proxy.nginx_p99_ms': 4, 'proxy.direct_p99_ms': 3, 'proxy.proxy_added_p99_ms': 4, 'proxy.nginx_added_p99_ms': 2 };
    expect(verdict({ ...rounds, 'proxy.proxy_added_p99_q1_ms': 3, 'proxy.proxy_added_p99_q3_ms': 5 }, 'proxy adds')).toBe('PASS');
    expect(verdict({ ...rounds, 'proxy.proxy_added_p99_q1_ms': 3, 'proxy.proxy_added_p99_q3_ms': 9 }, 'proxy adds')).toBe('n/a');
    expect(verdict({ ...rounds, 'proxy.proxy_added_p99_ms': 8, 'proxy.proxy_added_p99_q1_ms': 6, 'proxy.proxy_added_p99_q3_ms': 12 }, 'proxy adds')).toBe('MISS');
    // nginx below the direct path counts as 0 ms added: the allowance is 1 ms, and our 6–13 ms tail misses it.
    const nginxBelowDirect = { ...rounds, 'proxy.nginx_added_p99_ms': -3, 'proxy.proxy_added_p99_ms': 7 };
    expect(verdict({ ...nginxBelowDirect, 'proxy.proxy_added_p99_q1_ms': 6, 'proxy.proxy_added_p99_q3_ms': 13 }, 'proxy adds')).toBe('MISS');
    expect(verdict({ ...nginxBelowDirect, 'proxy.proxy_added_p99_ms': 0.5, 'proxy.proxy_added_p99_q1_ms': 0, 'proxy.proxy_added_p99_q3_ms': 1 }, 'proxy adds')).toBe('PASS');
    // The paced figures decide; autocannon's burst shape is shown beside them and changes nothing.
    const paced = { ...rounds, 'proxy.proxy_added_p99_q1_ms': 3, 'proxy.proxy_added_p99_q3_ms': 5 };
    const burst = { 'proxy.proxy_burst_p99_ms': 30, 'proxy.nginx_burst_p99_ms': 4, 'proxy.direct_burst_p99_ms': 3 };
    expect(verdict({ ...paced, ...burst }, 'proxy adds')).toBe('PASS');
    expect(verdict(burst, 'proxy adds')).toBeUndefined();
    expect(TARGETS.find((t) => t.label.startsWith('proxy adds'))!.evaluate({ ...paced, ...burst })!.actual).toMatch(/autocannon burst shape: 27\.00 ms .* → MISS/);
    expect(verdict({ 'proxy.rss_mb': 100.4 }, 'proxy RSS')).toBe('MISS');
    expect(verdict({ 'proxy.rss_mb': 96 }, 'proxy RSS')).toBe('PASS');
    expect(verdict({ 'scaling.sign_1mb_ms': 100, 'scaling.sign_10mb_ms': 3000 }, 'signing time grows')).toBe('MISS');
    expect(verdict({}, 'widget')).toBeUndefined();
  });

  it('prints ratios beside our figures and n/a for what was not measured', () => {
    const report = renderReport(
      { 'bundle.adapter_gzip_bytes': 5000, 'bundle.crypto_pro_gzip_bytes': 23000, 'plugin.list_calls_per_certificate': 2, 'plugin.crypto_pro_list_calls_per_certificate': 7 },
      machine,
      '2026-01-01T00:00:00.000Z',
      false,
    );
    expect(report).toMatch(/plugin adapter alone[^\n]*4\.9 KB[^\n]*22\.5 KB[^\n]*4\.6 ×/);
    expect(report).toMatch(/calls per certificate[^\n]*2\.00[^\n]*7\.00[^\n]*3\.5 ×/);
    expect(report).toMatch(/adapter ≤ 6,000 B gzip[^\n]*PASS/);
    expect(report).toMatch(/widget before the first screen ≤ 20,000 B gzip[^\n]*n\/a/);
    expect(report).toMatch(/widget, every chunk ≤ 40,000 B gzip[^\n]*n\/a/);
  });

  // "At rest" once read 92 MB, above the after-load figure: it was taken right after the first polls, while undici's
  // parser was being compiled. The row names which reading is which, so the two cannot be taken for each other.
  it('shows the proxy at rest before any request apart from its memory after the first poll and after the load', () => {
    const figures = { 'proxy.rss_idle_mb': 64.3, 'proxy.rss_first_poll_mb': 66.2, 'proxy.rss_mb': 85, 'proxy.rss_peak_mb': 86.8, 'proxy.rss_settled_mb': 70.1 };
    const row = renderReport(figures, machine, '2026-01-01T00:00:00.000Z', false)
      .split('\n')
      .find((line) => line.includes('proxy resident memory'));
    expect(row).toMatch(/at rest, before any request · after the first poll → after the run \(peak; settled\)[^\n]*64\.3 MB · 66\.2 MB → 85\.0 MB \(86\.8 MB; 70\.1 MB\)/);
    const partial = renderReport({ 'proxy.rss_idle_mb': 64.3, 'proxy.rss_mb': 85 }, machine, '2026-01-01T00:00:00.000Z', false);
    expect(partial).toMatch(/64\.3 MB · — → 85\.0 MB/);
  });
});
