import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bytesToHex,
  decodeOid,
  parseDer,
  parseDerPrefix,
  readBitString,
  readIntegerHex,
  readOctetString,
  readOid,
  readString,
  readTime,
} from '../../src/cms/der.js';
import { reencodeDefinite } from '../../src/cms/der-encode.js';
import { CmsParseError, isCmsParseError } from '../../src/cms/errors/CmsParseError.js';
import { ascii, ctx, genTime, hexBytes, indefinite, int, octets, oid, seq, str, tlv, utcTime } from './helpers/der-builder.js';

function parseError(fn: () => unknown): CmsParseError {
  try {
    fn();
  } catch (error) {
    if (isCmsParseError(error)) return error;
    throw new Error(`expected a CmsParseError, got ${String(error)}`);
  }
  throw new Error('expected a CmsParseError, nothing was thrown');
}

describe('parseDer: structure', () => {
  it('reads nested definite-length elements with their offsets', () => {
    const bytes = seq(int('05'), seq(octets(ascii('hi'))));
    const root = parseDer(bytes);
    expect(root.tag).toBe(0x30);
    expect(root.children.map((c) => c.tag)).toEqual([0x02, 0x30]);
    expect(readIntegerHex(root.children[0])).toBe('05');
    expect(readOctetString(root.children[1]!.children[0])).toEqual(ascii('hi'));
    expect(root.end).toBe(bytes.length);
    expect(root.usesIndefiniteLength).toBe(false);
  });

  it('reads long-form lengths', () => {
    const content = new Uint8Array(300).fill(7);
    const root = parseDer(octets(content));
    expect(root.content.length).toBe(300);
    expect(root.contentStart).toBe(4); // 04 82 01 2C
  });

  it('reads BER indefinite length and joins chunks of a constructed OCTET STRING', () => {
    const chunked = indefinite(0x04, octets(ascii('PD94')), octets(ascii('bWwg')), indefinite(0x04, octets(ascii('!'))));
    const root = parseDer(indefinite(0x30, int('01'), ctx(0, chunked)));
    expect(root.indefinite).toBe(true);
    expect(root.usesIndefiniteLength).toBe(true);
    expect(new TextDecoder().decode(readOctetString(root.children[1]!.children[0]))).toBe('PD94bWwg!');
  });

  it('re-encodes an indefinite-length element as definite DER under another tag', () => {
    const inner = seq(oid('1.2.840.113549.1.9.3'), tlv(0x31, oid('1.2.840.113549.1.7.1')));
    const ber = indefinite(0xa0, inner);
    const der = reencodeDefinite(parseDer(ber), 0x31);
    expect(bytesToHex(der)).toBe(bytesToHex(tlv(0x31, inner)));
  });

  it('reads high tag numbers', () => {
    const root = parseDer(Uint8Array.of(0x9f, 0x81, 0x00, 0x01, 0xff));
    expect(root.tagClass).toBe(2);
    expect(root.tagNumber).toBe(128);
    expect(root.content).toEqual(Uint8Array.of(0xff));
  });
});

describe('parseDer: values', () => {
  it('decodes OIDs, including large arcs', () => {
    expect(readOid(parseDer(oid('1.2.643.7.1.1.2.2')))).toBe('1.2.643.7.1.1.2.2');
    expect(readOid(parseDer(oid('2.999.3')))).toBe('2.999.3');
    expect(readOid(parseDer(oid('0.9.2342.19200300.100.1.1')))).toBe('0.9.2342.19200300.100.1.1');
    const uuidOid = '2.25.329800735698586629295641978511506172918';
    expect(readOid(parseDer(oid(uuidOid)))).toBe(uuidOid);
    expect(() => decodeOid(Uint8Array.of(0x2a, 0x80, 0x01))).toThrow(CmsParseError);
    expect(() => decodeOid(Uint8Array.of(0x2a, 0x86))).toThrow(CmsParseError);
    // An arc of a million continuation octets is refused at once instead of growing a BigInt quadratically.
    const hugeArc = new Uint8Array(1_000_000).fill(0xff);
    hugeArc[0] = 0x2a;
    hugeArc[hugeArc.length - 1] = 0x01;
    expect(() => decodeOid(hugeArc)).toThrow(/arc too long/);
  });

  it('keeps INTEGER octets as uppercase hex', () => {
    expect(readIntegerHex(parseDer(int('00e3f1a2')))).toBe('00E3F1A2');
  });

  it('decodes every string type a CA may use', () => {
    expect(readString(parseDer(str(0x0c, 'Романова Анна')))).toBe('Романова Анна');
    expect(readString(parseDer(str(0x13, 'RU')))).toBe('RU');
    expect(readString(parseDer(str(0x12, '771234567859')))).toBe('771234567859');
    expect(readString(parseDer(str(0x16, 'a@b.example')))).toBe('a@b.example');
    expect(readString(parseDer(tlv(0x14, Uint8Array.of(0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72))))).toBe('Müller');
    expect(readString(parseDer(str(0x1e, 'Пётр')))).toBe('Пётр');
    expect(readString(parseDer(str(0x1c, 'Ёлка 𝄞')))).toBe('Ёлка 𝄞');
    expect(parseError(() => readString(parseDer(tlv(0x1e, Uint8Array.of(0x04))))).code).toBe('DER_MALFORMED');
    expect(parseError(() => readString(parseDer(int('01')))).code).toBe('DER_MALFORMED');
  });

  it('decodes UTCTime (with the 1950 pivot) and GeneralizedTime', () => {
    expect(readTime(parseDer(utcTime('261124103000Z'))).toISOString()).toBe('2026-11-24T10:30:00.000Z');
    expect(readTime(parseDer(utcTime('991231235959Z'))).toISOString()).toBe('1999-12-31T23:59:59.000Z');
    expect(readTime(parseDer(utcTime('2611241030+0300'))).toISOString()).toBe('2026-11-24T07:30:00.000Z');
    expect(readTime(parseDer(genTime('20501231235959Z'))).toISOString()).toBe('2050-12-31T23:59:59.000Z');
    expect(readTime(parseDer(genTime('20260101120000.25Z'))).toISOString()).toBe('2026-01-01T12:00:00.250Z');
    expect(parseError(() => readTime(parseDer(utcTime('26132410300Z')))).code).toBe('DER_MALFORMED');
    expect(parseError(() => readTime(parseDer(utcTime('261324103000Z')))).code).toBe('DER_MALFORMED');
  });

  it('reads BIT STRING and rejects a bad unused-bits octet', () => {
    expect(readBitString(parseDer(hexBytes('03020780'))).unusedBits).toBe(7);
    expect(parseError(() => readBitString(parseDer(hexBytes('03020880')))).code).toBe('DER_MALFORMED');
  });
});

describe('parseDer: hostile input', () => {
  it('reports truncation as DER_TRUNCATED with the offset', () => {
    const full = seq(int('01'), octets(new Uint8Array(100)));
    for (const cut of [1, 2, 5, 10, full.length - 1]) {
      const error = parseError(() => parseDer(full.subarray(0, cut)));
      expect(error.code).toBe('DER_TRUNCATED');
    }
    expect(parseError(() => parseDer(new Uint8Array(0))).code).toBe('DER_TRUNCATED');
  });

  it('rejects a child longer than its parent, trailing data and misplaced end-of-contents', () => {
    // An inner SEQUENCE of 3 bytes whose child claims 5 (the outer one has room for them).
    expect(parseError(() => parseDer(hexBytes('30073003040501' + '0500'))).code).toBe('DER_MALFORMED');
    expect(parseError(() => parseDer(hexBytes('0201010000'))).code).toBe('DER_MALFORMED');
    expect(parseError(() => parseDer(hexBytes('300400000500'))).code).toBe('DER_MALFORMED');
    expect(parseError(() => parseDer(hexBytes('0480'))).code).toBe('DER_MALFORMED'); // indefinite primitive
  });

  it('rejects absurd lengths without allocating them', () => {
    expect(parseError(() => parseDer(hexBytes('3087ffffffffffffff'))).code).toBe('DER_MALFORMED');
    expect(parseError(() => parseDer(hexBytes('3084ffffffff0000'))).code).toBe('DER_TRUNCATED');
  });

  it('stops deep nesting before the stack does', () => {
    const depth = 100_000;
    const bytes = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) bytes.set([0x30, 0x80], i * 2);
    const error = parseError(() => parseDer(bytes));
    expect(error.code).toBe('DER_MALFORMED');
    expect(error.message).toMatch(/nesting/);
    // Definite lengths too.
    let nested: Uint8Array = int('01');
    for (let i = 0; i < 80; i++) nested = seq(nested);
    expect(parseError(() => parseDer(nested)).message).toMatch(/nesting/);
    expect(() => parseDer(nested, { maxDepth: 100 })).not.toThrow();
  });

  it('limits the number of elements', () => {
    const many = seq(...Array.from({ length: 1000 }, () => hexBytes('0500')));
    expect(parseError(() => parseDer(many, { maxElements: 500 })).message).toMatch(/elements/);
    expect(parseDer(many).children).toHaveLength(1000);
  });

  it('never throws anything but CmsParseError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          parseDer(bytes);
        } catch (error) {
          expect(isCmsParseError(error)).toBe(true);
        }
        const prefix = parseDerPrefix(bytes);
        expect(typeof prefix.truncated).toBe('boolean');
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('parses a 10 MB chunked BER content in one pass and joins it exactly', () => {
    const chunk = 1000;
    const total = 10 * 1024 * 1024;
    const data = new Uint8Array(total);
    for (let i = 0; i < total; i++) data[i] = (i * 31) & 0xff;
    const parts: Uint8Array[] = [];
    for (let i = 0; i < total; i += chunk) parts.push(octets(data.subarray(i, i + chunk)));
    const root = parseDer(indefinite(0x04, ...parts));
    expect(root.children).toHaveLength(Math.ceil(total / chunk));
    const joined = readOctetString(root);
    expect(joined.length).toBe(total);
    expect(joined[total - 1]).toBe(data[total - 1]);
    expect(bytesToHex(joined.subarray(123_456, 123_500))).toBe(bytesToHex(data.subarray(123_456, 123_500)));
  });
});

describe('parseDerPrefix', () => {
  it('keeps what a cut-off input holds and says where it stopped', () => {
    const full = seq(int('01'), seq(oid('1.2.643.7.1.1.2.2')), octets(ascii('PD94bWwgdmVyc2lvbj0i')));
    const prefix = parseDerPrefix(full.subarray(0, full.length - 10));
    expect(prefix.truncated).toBe(true);
    expect(prefix.stoppedBy?.code).toBe('DER_TRUNCATED');
    const [version, alg, content] = prefix.root!.children;
    expect(readIntegerHex(version)).toBe('01');
    expect(readOid(alg!.children[0])).toBe('1.2.643.7.1.1.2.2');
    expect(content!.truncated).toBe(true);
    expect(new TextDecoder().decode(content!.content)).toBe('PD94bWwgdm');
  });

  it('agrees with parseDer on complete input', () => {
    const full = indefinite(0x30, int('01'));
    const prefix = parseDerPrefix(full);
    expect(prefix.truncated).toBe(false);
    expect(prefix.stoppedBy).toBeUndefined();
    expect(prefix.root!.end).toBe(full.length);
  });
});
