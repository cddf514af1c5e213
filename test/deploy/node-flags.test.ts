/**
 * The proxy's node flags (docs/bench.md, "Memory") live in one place, the bin's shebang line, and reach every way
 * the proxy is started: the built bin keeps the line and starts through it as npm's bin link does, and the
 * Dockerfile's CMD (alpine's busybox env may not split `env -S`) spells out the same flags.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/node/proxy-cli.js');

function shebangFlags(file: string): string[] {
  const line = readFileSync(file, 'utf8').split('\n')[0]!;
  const m = /^#!\/usr\/bin\/env -S node((?: --[a-z-]+=\d+)+)$/.exec(line);
  if (!m) throw new Error(`${file}: unexpected shebang ${line}`);
  return m[1]!.trim().split(' ');
}

describe('the proxy bin carries its node flags', () => {
  const flags = shebangFlags(join(ROOT, 'src/proxy/cli.ts'));

  it('sets a small young generation and a tighter old-generation growth', () => {
    expect(flags).toContain('--max-semi-space-size=4');
    expect(flags.some((f) => f.startsWith('--heap-growing-percent='))).toBe(true);
  });

  it("the Dockerfile's CMD runs node with the same flags", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd!)).toEqual(['node', ...flags, 'dist/node/proxy-cli.js']);
  });

  it('the built bin is executable, keeps the line, and starts through it', () => {
    if (!existsSync(BIN)) throw new Error('dist/node is missing: npm run build:server (npm test builds it)');
    expect(shebangFlags(BIN)).toEqual(flags);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
    const run = spawnSync(BIN, ['--help'], { env: { ...process.env, PATH }, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: ofd-signer-proxy/);
  });
});
