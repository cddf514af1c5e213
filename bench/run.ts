/**
 * `npm run bench [-- --quick] [-- --only=bundle,plugin,latency,proxy,scaling [--merge]] [-- --docs] [-- --out=file.json]`
 * Measures ofd-signer beside the alternatives in one run, prints a Markdown table and writes
 * bench/results.json (flat `section.name` → number, plus the machine and the date).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, type BenchContext, type BenchSection, type Figures } from './context.js';
import { renderReport } from './report.js';
import { REQUIRED_KEYS, TARGETS, verdictOf } from './targets.js';

// Loaded one by one, so that a subject that does not build yet costs its own figures only.
const sections: ReadonlyArray<{ name: string; load: () => Promise<BenchSection> }> = [
  { name: 'bundle', load: async () => (await import('./size.js')).sizeSection },
  { name: 'plugin', load: async () => (await import('./plugin-calls.js')).pluginCallsSection },
  { name: 'latency', load: async () => (await import('./latency.js')).latencySection },
  { name: 'proxy', load: async () => (await import('./proxy.js')).proxySection },
  { name: 'scaling', load: async () => (await import('./scaling.js')).scalingSection },
];

const docsFile = fileURLToPath(new URL('../docs/bench.md', import.meta.url));
const DOCS_START = '<!-- bench:results:start -->';
const DOCS_END = '<!-- bench:results:end -->';

function parseArgs(argv: readonly string[]): { quick: boolean; docs: boolean; only: Set<string> | undefined; out: string; merge: boolean } {
  const quick = argv.includes('--quick');
  // `--only=… --merge`: the sections run replace their own keys in results.json, the other sections' stay.
  const merge = argv.includes('--merge') && argv.some((arg) => arg.startsWith('--only='));
  const docs = argv.includes('--docs');
  const onlyArg = argv.find((arg) => arg.startsWith('--only='));
  const outArg = argv.find((arg) => arg.startsWith('--out='));
  return {
    quick,
    docs,
    only: onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined,
    // A partial run must not replace the figures of a whole one.
    out: outArg
      ? path.resolve(outArg.slice('--out='.length))
      : fileURLToPath(new URL(onlyArg && !merge ? './results.partial.json' : './results.json', import.meta.url)),
    merge,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadAtStart = describeMachine().loadAverage1m;
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'ofd-signer-bench-'));
  const context: BenchContext = {
    quick: args.quick,
    tmpDir,
    log: (message) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`),
  };
  const figures: Figures = {};
  const failures: string[] = [];
  try {
    for (const section of sections) {
      if (args.only && !args.only.has(section.name)) continue;
      context.log(`${section.name} …`);
      try {
        Object.assign(figures, await (await section.load()).run(context));
      } catch (error) {
        // One broken subject must not hide the others' figures.
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push(`${section.name}: ${message}`);
        context.log(`${section.name} FAILED: ${message}`);
      }
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }

  const machine = describeMachine();
  const date = new Date().toISOString();
  // Merging: the earlier run's figures of the sections not run now, and when each section was last measured.
  const earlier = args.merge && existsSync(args.out) ? (JSON.parse(readFileSync(args.out, 'utf8')) as Record<string, unknown>) : undefined;
  const sectionDates: Record<string, string> = {};
  if (earlier) {
    const ran = [...args.only!];
    const previousDates = (earlier.sectionDates ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(earlier)) {
      const section = key.split('.')[0]!;
      if (typeof value !== 'number' || !key.includes('.') || ran.includes(section)) continue;
      figures[key] = value;
      sectionDates[section] = previousDates[section] ?? String(earlier.date);
    }
    for (const section of ran) sectionDates[section] = date;
  }
  const missingKeys = REQUIRED_KEYS.filter((key) => !Number.isFinite(figures[key]));
  const targets = Object.fromEntries(
    TARGETS.map((target) => [target.label, verdictOf(target.evaluate(figures))]),
  );
  const sortedFigures = Object.fromEntries(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));
  const results = {
    ...sortedFigures,
    date,
    mode: args.quick ? 'quick' : 'full',
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    machine: { ...machine, loadAverage1mAtStart: loadAtStart },
    targets,
    ...(earlier ? { sectionDates } : {}),
    ...(missingKeys.length > 0 ? { missingKeys } : {}),
    ...(failures.length > 0 ? { failures } : {}),
  };
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  const report = renderReport(figures, { ...machine, loadAverage1mAtStart: loadAtStart }, date, args.quick, earlier ? sectionDates : undefined);
  process.stdout.write(`${report}\n`);
  if (args.docs) writeDocs(report, context);
  context.log(`wrote ${path.relative(process.cwd(), args.out)} in ${results.durationSeconds} s`);
  if (missingKeys.length > 0) context.log(`missing keys: ${missingKeys.join(', ')}`);
  if (failures.length > 0) process.exitCode = 1;
}

/** `--docs`: puts the latest tables between the markers of docs/bench.md (the README copies them). */
function writeDocs(report: string, context: BenchContext): void {
  if (!existsSync(docsFile)) return context.log('docs/bench.md does not exist: --docs skipped');
  const text = readFileSync(docsFile, 'utf8');
  const start = text.indexOf(DOCS_START);
  const end = text.indexOf(DOCS_END);
  if (start < 0 || end < start) return context.log(`docs/bench.md lacks the ${DOCS_START} … ${DOCS_END} markers: --docs skipped`);
  writeFileSync(docsFile, `${text.slice(0, start + DOCS_START.length)}\n${report}\n${text.slice(end)}`);
  context.log('updated docs/bench.md');
}

await main();
