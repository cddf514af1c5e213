import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './child.js';

/**
 * The built server bins as a partner runs them — the `ofd-signer-proxy` and `ofd-signer-mock` bins, started as
 * executables so that their shebang lines (and the node flags there) apply — and what the bench reads of a
 * process from outside: resident memory and CPU time, from Linux's /proc.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
export const PROXY_BIN = path.join(root, 'dist/node/proxy-cli.js');
export const MOCK_BIN = path.join(root, 'dist/node/mock-ofd-cli.js');

/** Builds dist/node (`npm run build:server`) when it is missing or older than any file under src/. */
export function ensureBuiltServer(log: (message: string) => void): void {
  // A build from before the bins were made executable counts as missing.
  const ready = (bin: string) => existsSync(bin) && (statSync(bin).mode & 0o111) !== 0;
  const built = ready(PROXY_BIN) && ready(MOCK_BIN) ? Math.min(statSync(PROXY_BIN).mtimeMs, statSync(MOCK_BIN).mtimeMs) : 0;
  if (built > newestSource(path.join(root, 'src'))) return;
  log('proxy: dist/node is missing or older than src/: npm run build:server …');
  const result = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build:server failed (${result.status}):\n${(result.stderr || result.stdout).slice(-2000)}`);
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return newest;
}

export interface BinProcess {
  readonly child: ChildProcess;
  /** The first match of `ready` in the process's output. */
  readonly ready: RegExpExecArray;
  stop(): Promise<void>;
}

/**
 * Starts the bin itself (its shebang: `/usr/bin/env -S node <flags>`, which execs node in the same process, so the
 * pid is node's) with the given environment and waits until its output matches `ready`.
 */
export async function startBin(bin: string, env: Record<string, string>, ready: RegExp, timeoutMs = 30_000): Promise<BinProcess> {
  // `env` finds node on the PATH: the bench's own node first, as it would be for a partner's shell.
  const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  const child = spawn(bin, [], { env: { ...process.env, PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path.basename(bin)} did not start in ${timeoutMs} ms: ${output.slice(-1000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (!found) return;
      clearTimeout(timer);
      resolve(found);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(bin)} exited with code ${code}: ${output.slice(-1000)}`));
    });
  });
  // From here on its output is not read (a proxy with access logs off writes little); keep the pipes drained.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    child,
    ready: match,
    stop: () => stopProcess(child),
  };
}

/** Resident memory of a process, MB (Linux /proc; NaN elsewhere). */
export function residentMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * Resident memory once it has stopped moving: read every `stepMs` until the readings of the last `quietMs` lie
 * within 0.5 MB of each other (or `timeoutMs` has passed), MB. A reading taken right after a process's first
 * request can catch a transient: undici compiles its HTTP parser (llhttp, WebAssembly) on the first upstream
 * connection, and V8's optimising tier-up of that module briefly holds ≈ 35 MB of compiler memory for ≈ 100 ms.
 */
export async function settledResidentMb(pid: number | undefined, { stepMs = 50, quietMs = 500, timeoutMs = 5_000 } = {}): Promise<number> {
  const until = Date.now() + timeoutMs;
  const window: number[] = [residentMb(pid)];
  const keep = Math.max(2, Math.ceil(quietMs / stepMs) + 1);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    window.push(residentMb(pid));
    if (window.length > keep) window.shift();
    if (window.length === keep && Math.max(...window) - Math.min(...window) <= 0.5) break;
  }
  return window.at(-1)!;
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** User + system CPU time a process has used so far, µs (Linux /proc; NaN elsewhere). */
export function cpuMicros(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
