import { startChild } from './child.js';
import type { SizeRun } from './scaling-child.js';
import { median, round, type BenchSection, type Figures } from './context.js';

const childScript = new URL('./scaling-child.ts', import.meta.url);

const SIZES = [
  { key: '1kb', bytes: 1024 },
  { key: '100kb', bytes: 100 * 1024 },
  { key: '1mb', bytes: 1024 * 1024 },
  { key: '10mb', bytes: 10 * 1024 * 1024 },
] as const;

/**
 * Sign + inspect time and peak memory per content size. Full runs: each size three times, each in a
 * fresh process. --quick: all sizes once, ascending, in one process.
 */
export const scalingSection: BenchSection = {
  name: 'scaling',
  async run(context) {
    const figures: Figures = {};
    const bySize = new Map<number, SizeRun[]>(SIZES.map((size) => [size.bytes, []]));
    const batches: number[][] = context.quick
      ? [SIZES.map((size) => size.bytes)]
      : [1, 2, 3].flatMap(() => SIZES.map((size) => [size.bytes]));
    for (const batch of batches) {
      const child = await startChild<{ runs: SizeRun[] }>(childScript, batch.map(String), { timeoutMs: 180_000 });
      for (const run of child.ready.runs) bySize.get(run.sizeBytes)!.push(run);
      await child.stop();
    }
    for (const size of SIZES) {
      const runs = bySize.get(size.bytes)!;
      const totalMs = median(runs.map((run) => run.totalMs));
      figures[`scaling.sign_${size.key}_ms`] = round(totalMs, 1);
      figures[`scaling.sign_only_${size.key}_ms`] = round(median(runs.map((run) => run.signMs)), 1);
      figures[`scaling.inspect_${size.key}_ms`] = round(median(runs.map((run) => run.inspectMs)), 1);
      figures[`scaling.verify_${size.key}_ms`] = round(median(runs.map((run) => run.verifyMs)), 1);
      const peaks = runs.map((run) => run.peakAboveStartMb).filter((peak): peak is number => peak !== undefined);
      if (peaks.length > 0) figures[`scaling.peak_${size.key}_mb`] = round(Math.max(...peaks), 1);
      // Below 1 MB the fixed part (signed attributes, the signature itself) dominates; per-MB says nothing there.
      if (size.bytes >= 2 ** 20) figures[`scaling.ms_per_mb_${size.key}`] = round(totalMs / (size.bytes / 2 ** 20), 1);
      context.log(`scaling: ${size.key}: ${figures[`scaling.sign_${size.key}_ms`]} ms, verify ${figures[`scaling.verify_${size.key}_ms`]} ms, peak +${figures[`scaling.peak_${size.key}_mb`] ?? '?'} MB`);
    }
    if (figures['scaling.peak_10mb_mb'] !== undefined) {
      figures['scaling.peak_per_content_mb_10mb'] = round(figures['scaling.peak_10mb_mb'] / 10, 2);
    }
    return figures;
  },
};
