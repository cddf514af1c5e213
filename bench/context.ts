import os from 'node:os';

/** What every bench section receives. */
export interface BenchContext {
  /** `--quick`: smaller loads, same keys, the whole run under a minute. */
  readonly quick: boolean;
  /** A scratch directory removed at the end of the run. */
  readonly tmpDir: string;
  /** Progress lines go to stderr so stdout carries only the table. */
  log(message: string): void;
}

/** Flat `section.name` → number, as written to bench/results.json. */
export type Figures = Record<string, number>;

export interface BenchSection {
  readonly name: string;
  run(context: BenchContext): Promise<Figures>;
}

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average when the description was taken: other work on the machine skews timings. */
  loadAverage1m: number;
}

export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage1m: round(os.loadavg()[0] ?? 0, 2),
  };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The q-quantile (0..1), linear between the nearest ranks; the median is quantile(values, 0.5). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
