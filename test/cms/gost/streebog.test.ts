// Streebog (GOST R 34.11-2012): the standard's examples (RFC 6986, section 10) and OpenSSL's GOST engine on
// 1,000 random messages per length, hashed by one `openssl dgst` process over all the files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streebog } from '../../../src/cms/gost/streebog.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

// RFC 6986, 10.1 and 10.2: M1 is 63 ASCII digits; M2 is 72 bytes of CP1251 text. The RFC prints numbers most
// significant byte first; these are the byte strings and digests in the order OpenSSL and CMS use.
const M1 = new TextEncoder().encode('012345678901234567890123456789012345678901234567890123456789012');
const M2 = fromHex(
  'd1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120eceef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb',
);

describe('Streebog', () => {
  it.each([
    ['M1', M1, 512, '1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48'],
    ['M1', M1, 256, '9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500'],
    ['M2', M2, 512, '1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28'],
    ['M2', M2, 256, '9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50'],
  ] as const)('gives the standard example digest of %s (%i bits)', (_name, message, bits, expected) => {
    expect(hex(streebog(message, bits))).toBe(expected);
  });

  it('agrees with OpenSSL on 1,000 random messages and on carry-heavy blocks, both lengths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofd-signer-streebog-'));
    try {
      const messages: Uint8Array[] = [];
      for (let i = 0; i < 1000; i++) {
        // Lengths around the block boundaries matter most: 0–200 bytes covers 0–3 blocks and every padding case.
        const m = new Uint8Array(i % 201);
        crypto.getRandomValues(m);
        messages.push(m);
      }
      // All-0xff blocks make the 512-bit checksum Σ carry through every limb.
      messages.push(new Uint8Array(64).fill(0xff), new Uint8Array(192).fill(0xff), new Uint8Array(64 * 5 + 7).fill(0xee));
      const names = messages.map((m, i) => {
        writeFileSync(join(dir, `m${i}`), m);
        return `m${i}`;
      });
      for (const bits of [256, 512] as const) {
        const r = spawnSync('openssl', ['dgst', '-engine', 'gost', `-md_gost12_${bits}`, '-r', ...names], { cwd: dir, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        const theirs = new Map(r.stdout.trim().split('\n').map((line) => {
          const [digest, name] = line.split(' ');
          return [name!.replace(/^\*/, ''), digest!] as const;
        }));
        const disagreements = names.filter((name, i) => theirs.get(name) !== hex(streebog(messages[i]!, bits)));
        expect(disagreements).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves its input unchanged and reads a view at any offset', () => {
    const data = new Uint8Array(1 << 16).map((_, i) => i * 31);
    const before = hex(data);
    expect(streebog(data, 256)).toHaveLength(32);
    expect(hex(data)).toBe(before);
    expect(hex(streebog(data.subarray(5, 1000), 512))).toBe(hex(streebog(data.slice(5, 1000), 512)));
  });
});
