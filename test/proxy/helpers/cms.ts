/**
 * Real CMS signatures for the tests, made by OpenSSL with the GOST engine (Debian libengine-gost-openssl):
 * a GOST R 34.10-2012 key and self-signed certificate, then `openssl cms -sign` in DER (definite lengths) or,
 * with `-stream`, BER indefinite lengths like the spec's 7.6.3 sample.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SignOptions {
  detached?: boolean;
  ber?: boolean;
  withoutCertificate?: boolean;
  twoSigners?: boolean;
}

export interface TestSigner {
  sign(content: string | Uint8Array, options?: SignOptions): string;
  dispose(): void;
}

export function createTestSigner(): TestSigner {
  const dir = mkdtempSync(join(tmpdir(), 'ofd-proxy-cms-'));
  const conf = join(dir, 'openssl.cnf');
  writeFileSync(
    conf,
    [
      'openssl_conf = openssl_def',
      '[openssl_def]',
      'engines = engine_section',
      '[engine_section]',
      'gost = gost_section',
      '[gost_section]',
      'engine_id = gost',
      'dynamic_path = /usr/lib/x86_64-linux-gnu/engines-3/gost.so',
      'default_algorithms = ALL',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, OPENSSL_CONF: conf };
  const openssl = (args: string[]) => execFileSync('openssl', args, { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const name of ['a', 'b']) {
    openssl([
      'req', '-x509', '-newkey', 'gost2012_256', '-pkeyopt', 'paramset:A', '-nodes',
      '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', `/CN=Test signer ${name}`, '-days', '30',
    ]);
  }
  let counter = 0;
  return {
    sign(content, options = {}) {
      const file = `content-${counter++}`;
      writeFileSync(join(dir, file), content);
      const args = ['cms', '-sign', '-binary', '-in', file, '-signer', 'a.pem', '-inkey', 'a.key', '-md', 'md_gost12_256', '-outform', 'DER', '-out', `${file}.p7s`];
      if (options.twoSigners) args.push('-signer', 'b.pem', '-inkey', 'b.key');
      if (!options.detached) args.push('-nodetach');
      if (options.ber) args.push('-stream');
      if (options.withoutCertificate) args.push('-nocerts');
      openssl(args);
      return readFileSync(join(dir, `${file}.p7s`)).toString('base64');
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
