/** Runs OpenSSL with the GOST engine on files in a fresh temporary directory: the independent verifier. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpenSslResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function openssl(args: string[], files: Record<string, Uint8Array | string> = {}): OpenSslResult {
  const dir = mkdtempSync(join(tmpdir(), 'ofd-signer-openssl-'));
  try {
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `openssl cms -verify` of a DER CMS against a CA; `content` for detached signatures. */
export function opensslCmsVerify(cms: Uint8Array, caPem: string, content?: Uint8Array): OpenSslResult {
  const args = ['cms', '-verify', '-engine', 'gost', '-binary', '-inform', 'DER', '-in', 'sig.der', '-CAfile', 'ca.pem', '-out', 'out.bin'];
  const files: Record<string, Uint8Array | string> = { 'sig.der': cms, 'ca.pem': caPem };
  if (content) {
    args.push('-content', 'content.bin');
    files['content.bin'] = content;
  }
  return openssl(args, files);
}

export function base64ToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
}
