import { describe, expect, it } from 'vitest';
import { generateGostKeyPair, gostSign, gostVerify, streebog256, streebog512 } from '../../src/cms/gost.js';
import { GOST_CURVES } from '../../src/cms/gost/curves.js';
import { openssl } from './helpers/openssl.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function opensslDigest(algorithm: string, data: Uint8Array): string {
  const r = openssl(['dgst', '-engine', 'gost', `-${algorithm}`, '-r', 'data.bin'], { 'data.bin': data });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split(' ')[0]!.trim();
}

describe('src/cms/gost', () => {
  it('computes Streebog-256 and -512 as OpenSSL does', () => {
    for (const text of ['', 'hello', 'Заявление о регистрации ККТ'.repeat(20)]) {
      expect(hex(streebog256(utf8(text)))).toBe(opensslDigest('md_gost12_256', utf8(text)));
      expect(hex(streebog512(utf8(text)))).toBe(opensslDigest('md_gost12_512', utf8(text)));
    }
  });

  it('does not depend on the offset of a Uint8Array view', () => {
    const backing = utf8('xxhelloxx');
    expect(hex(streebog256(backing.subarray(2, 7)))).toBe(hex(streebog256(utf8('hello'))));
  });

  it.each([256, 512] as const)('signs and verifies with %i-bit keys; tampering is detected', (bits) => {
    const keys = generateGostKeyPair(bits);
    expect(keys.publicKey).toHaveLength(bits / 4);
    const data = utf8('документ');
    const signature = gostSign(keys.privateKey, data, bits);
    expect(signature).toHaveLength(bits / 4);
    expect(gostVerify(keys.publicKey, data, signature, bits)).toBe(true);
    expect(gostVerify(keys.publicKey, utf8('документы'), signature, bits)).toBe(false);
    const flipped = signature.slice();
    flipped[5]! ^= 1;
    expect(gostVerify(keys.publicKey, data, flipped, bits)).toBe(false);
    expect(gostVerify(generateGostKeyPair(bits).publicKey, data, signature, bits)).toBe(false);
  });

  it('rejects a signature of the wrong length instead of throwing', () => {
    const keys = generateGostKeyPair();
    expect(gostVerify(keys.publicKey, utf8('a'), new Uint8Array(10))).toBe(false);
  });

  it.each([...GOST_CURVES.entries()].map(([oid, curve]) => [curve.name, oid, curve.bits] as const))(
    'signs and verifies on %s (%s) when the curve is named, and only on that curve',
    (_name, oid, bits) => {
      const keys = generateGostKeyPair(bits, oid);
      const data = utf8('заявление');
      const signature = gostSign(keys.privateKey, data, bits, oid);
      expect(gostVerify(keys.publicKey, data, signature, bits, oid)).toBe(true);
      const other = bits === 256 ? '1.2.643.7.1.2.1.1.1' : '1.2.643.7.1.2.1.2.2';
      if (oid !== other) expect(gostVerify(keys.publicKey, data, signature, bits, other)).toBe(false);
    },
  );

  it('refuses an unknown curve or one of the other size', () => {
    const keys = generateGostKeyPair();
    const signature = gostSign(keys.privateKey, utf8('a'));
    expect(gostVerify(keys.publicKey, utf8('a'), signature, 256, '1.2.3.4')).toBe(false);
    expect(gostVerify(keys.publicKey, utf8('a'), signature, 256, '1.2.643.7.1.2.1.2.1')).toBe(false);
    expect(() => generateGostKeyPair(512, '1.2.643.2.2.35.1')).toThrow(RangeError);
  });
});
