/**
 * A tiny DER writer for tests: builds certificates and CMS structures with string types, lengths and shapes
 * that OpenSSL will not produce (TeletexString, UniversalString, BER chunks, broken lengths...).
 */
import { concatBytes } from '../../../src/cms/der.js';
import { encodeTlv } from '../../../src/cms/der-encode.js';

export const tlv = encodeTlv;
export const seq = (...items: Uint8Array[]) => encodeTlv(0x30, ...items);
export const set = (...items: Uint8Array[]) => encodeTlv(0x31, ...items);
export const ctx = (n: number, ...items: Uint8Array[]) => encodeTlv(0xa0 | n, ...items);
export const octets = (bytes: Uint8Array) => encodeTlv(0x04, bytes);
export const int = (hex: string) => encodeTlv(0x02, hexBytes(hex));
export const nul = () => Uint8Array.of(0x05, 0x00);
export const bits = (bytes: Uint8Array, unused = 0) => encodeTlv(0x03, Uint8Array.of(unused), bytes);
export const utcTime = (text: string) => encodeTlv(0x17, ascii(text));
export const genTime = (text: string) => encodeTlv(0x18, ascii(text));

/** BER indefinite-length constructed element: tag|0x20, 0x80, children, 00 00. */
export const indefinite = (tag: number, ...items: Uint8Array[]) => concatBytes([Uint8Array.of(tag | 0x20, 0x80), ...items, Uint8Array.of(0, 0)]);

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const body: number[] = [];
  const push = (value: bigint) => {
    const groups: number[] = [Number(value & 0x7fn)];
    for (let v = value >> 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 0x80);
    body.push(...groups);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  arcs.slice(2).forEach(push);
  return encodeTlv(0x06, Uint8Array.from(body));
}

/** String element of a given universal tag from text, encoded the way that type requires. */
export function str(tag: number, text: string): Uint8Array {
  switch (tag) {
    case 0x0c:
      return encodeTlv(tag, new TextEncoder().encode(text));
    case 0x1e: {
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        out[i * 2] = text.charCodeAt(i) >> 8;
        out[i * 2 + 1] = text.charCodeAt(i) & 0xff;
      }
      return encodeTlv(tag, out);
    }
    case 0x1c: {
      const cps = Array.from(text, (c) => c.codePointAt(0)!);
      const out = new Uint8Array(cps.length * 4);
      cps.forEach((cp, i) => new DataView(out.buffer).setUint32(i * 4, cp));
      return encodeTlv(tag, out);
    }
    default:
      return encodeTlv(tag, ascii(text));
  }
}

/** A Name from [oid, tag, text] triples, one attribute per RDN. */
export function name(...attributes: [string, number, string][]): Uint8Array {
  return seq(...attributes.map(([type, tag, text]) => set(seq(oid(type), str(tag, text)))));
}

export interface TestCertificateParts {
  serialHex?: string;
  issuer?: Uint8Array;
  subject?: Uint8Array;
  notBefore?: Uint8Array;
  notAfter?: Uint8Array;
  keyOid?: string;
  publicKey?: Uint8Array;
  extensions?: Uint8Array[];
}

/** A structurally valid v3 certificate with a GOST 2012-256 key and a dummy signature (for parsing tests only). */
export function buildCertificate(parts: TestCertificateParts = {}): Uint8Array {
  const keyOid = parts.keyOid ?? '1.2.643.7.1.1.1.1';
  const publicKey = parts.publicKey ?? Uint8Array.from({ length: 64 }, (_, i) => i + 1);
  const spki = seq(
    seq(oid(keyOid), seq(oid('1.2.643.2.2.35.1'), oid('1.2.643.7.1.1.2.2'))),
    bits(keyOid.startsWith('1.2.643') ? octets(publicKey) : publicKey),
  );
  const signatureAlgorithm = seq(oid('1.2.643.7.1.1.3.2'));
  const tbs = seq(
    ctx(0, int('02')),
    int(parts.serialHex ?? '0102'),
    signatureAlgorithm,
    parts.issuer ?? name(['2.5.4.3', 0x0c, 'Test CA']),
    seq(parts.notBefore ?? utcTime('250101000000Z'), parts.notAfter ?? genTime('20501231235959Z')),
    parts.subject ?? name(['2.5.4.3', 0x0c, 'Test subject']),
    spki,
    ...(parts.extensions ? [ctx(3, seq(...parts.extensions))] : []),
  );
  return seq(tbs, signatureAlgorithm, bits(new Uint8Array(64).fill(0xab)));
}

/** An Extension { extnID, critical?, extnValue OCTET STRING (DER of value) }. */
export function extension(type: string, value: Uint8Array, critical = false): Uint8Array {
  return seq(oid(type), ...(critical ? [Uint8Array.of(0x01, 0x01, 0xff)] : []), octets(value));
}
