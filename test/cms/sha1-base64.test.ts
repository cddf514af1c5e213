import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64PrefixToBytes, base64ToBytes, bytesToBase64, derFromInput } from '../../src/cms/base64.js';
import { bytesToHex } from '../../src/cms/der.js';
import { isCmsParseError } from '../../src/cms/errors/CmsParseError.js';
import { sha1 } from '../../src/cms/sha1.js';

describe('sha1', () => {
  it('matches the FIPS 180 test vectors', () => {
    expect(bytesToHex(sha1(new Uint8Array(0)))).toBe('DA39A3EE5E6B4B0D3255BFEF95601890AFD80709');
    expect(bytesToHex(sha1(new TextEncoder().encode('abc')))).toBe('A9993E364706816ABA3E25717850C26C9CD0D89D');
  });

  it('agrees with node:crypto at every length around the block boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 0xff);
      expect(bytesToHex(sha1(data))).toBe(createHash('sha1').update(data).digest('hex').toUpperCase());
    }
  });

  it('hashes a view into a larger buffer by its own bytes only', () => {
    const big = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const view = big.subarray(17, 217);
    expect(bytesToHex(sha1(view))).toBe(createHash('sha1').update(view).digest('hex').toUpperCase());
  });
});

describe('base64', () => {
  it('round-trips any bytes and matches Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('tolerates whitespace, line breaks and missing padding', () => {
    expect(new TextDecoder().decode(base64ToBytes(' PD94\r\n bWwg\n'))).toBe('<?xml ');
    expect(new TextDecoder().decode(base64ToBytes('YWI'))).toBe('ab');
  });

  it('rejects anything that is not base64 with BASE64_INVALID', () => {
    for (const bad of ['MIAG.....', 'abc*', 'YQ==YQ==', 'A', 'YQ===', 'Привет', '-_8A', 'YWJj\u0000']) {
      try {
        base64ToBytes(bad);
        throw new Error(`accepted ${bad}`);
      } catch (error) {
        expect(isCmsParseError(error) && error.code).toBe('BASE64_INVALID');
      }
    }
  });

  it('reads the readable prefix of a cut-off sample', () => {
    expect(bytesToHex(base64PrefixToBytes('MIAGCSqG\n  SIb3D.....'))).toBe(bytesToHex(base64ToBytes('MIAGCSqGSIb3')));
  });

  it('unwraps PEM', () => {
    const pem = `-----BEGIN CERTIFICATE-----\nAQID\nBA==\n-----END CERTIFICATE-----\n`;
    expect(derFromInput(pem)).toEqual(Uint8Array.of(1, 2, 3, 4));
  });

  it('encodes 10 MB without running out of stack', () => {
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x41);
    const text = bytesToBase64(big);
    expect(text.length).toBe(Math.ceil(big.length / 3) * 4);
    expect(base64ToBytes(text).length).toBe(big.length);
  });
});
