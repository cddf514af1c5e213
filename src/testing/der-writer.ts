/**
 * A small DER writer: enough ASN.1 to issue test certificates and build CMS SignedData.
 * Every function returns the complete TLV bytes, so structures compose by nesting calls.
 * Lengths and the TLV frame come from src/cms's own writer (der-encode.ts), which re-encodes signed attributes.
 */
import { concatBytes } from '../cms/der.js';
import { encodeTlv } from '../cms/der-encode.js';

export type Der = Uint8Array;

/** Any TLV with a one-byte tag. */
export function tlv(tag: number, content: Uint8Array | readonly Uint8Array[]): Der {
  return content instanceof Uint8Array ? encodeTlv(tag, content) : encodeTlv(tag, ...content);
}

export const sequence = (...items: Uint8Array[]): Der => tlv(0x30, items);

/** SET OF with DER ordering: elements sorted by their encodings. */
export function setOf(...items: Uint8Array[]): Der {
  return tlv(0x31, [...items].sort(compareBytes));
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, inner: Uint8Array): Der => tlv(0xa0 | n, inner);
/** [n] IMPLICIT over a constructed type (e.g. SET OF certificates in SignedData). */
export const implicitConstructed = (n: number, content: Uint8Array | readonly Uint8Array[]): Der =>
  tlv(0xa0 | n, content);

export function oid(dotted: string): Der {
  const parts = dotted.split('.').map((p) => BigInt(p));
  if (parts.length < 2) throw new Error(`bad OID ${dotted}`);
  const bytes: number[] = [];
  const first = (parts[0] as bigint) * 40n + (parts[1] as bigint);
  for (const arc of [first, ...parts.slice(2)]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

/** INTEGER from non-negative big-endian magnitude bytes (a leading zero is added when the top bit is set). */
export function integerFromBytes(magnitude: Uint8Array): Der {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  let body = magnitude.subarray(start);
  if (body.length === 0) body = Uint8Array.of(0);
  if ((body[0] as number) & 0x80) body = concatBytes([Uint8Array.of(0), body]);
  return tlv(0x02, body);
}

export function integer(value: number | bigint): Der {
  let v = BigInt(value);
  if (v < 0n) throw new Error('negative INTEGER not supported');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  return integerFromBytes(Uint8Array.from(bytes));
}

export const nullValue = (): Der => Uint8Array.of(0x05, 0x00);
export const boolean = (value: boolean): Der => Uint8Array.of(0x01, 0x01, value ? 0xff : 0x00);
export const octetString = (bytes: Uint8Array): Der => tlv(0x04, bytes);
/** BIT STRING with no unused bits. */
export const bitString = (bytes: Uint8Array): Der => tlv(0x03, concatBytes([Uint8Array.of(0), bytes]));

/** BIT STRING for named-bit flags (keyUsage): bit 0 is the most significant bit of the first byte. */
export function namedBits(bits: readonly number[]): Der {
  if (bits.length === 0) return Uint8Array.of(0x03, 0x01, 0x00);
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const b of bits) bytes[Math.floor(b / 8)]! |= 0x80 >> b % 8;
  const unused = 7 - (highest % 8);
  return tlv(0x03, concatBytes([Uint8Array.of(unused), bytes]));
}

/** UTF-8 without TextEncoder, which some DOM test environments (jest + jsdom) do not provide. */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

export type StringType = 'utf8' | 'printable' | 'numeric' | 'ia5' | 'bmp';

export function string(value: string, type: StringType = 'utf8'): Der {
  switch (type) {
    case 'utf8':
      return tlv(0x0c, utf8Bytes(value));
    case 'printable':
      return tlv(0x13, asciiBytes(value));
    case 'numeric':
      return tlv(0x12, asciiBytes(value));
    case 'ia5':
      return tlv(0x16, asciiBytes(value));
    case 'bmp': {
      const out = new Uint8Array(value.length * 2);
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        out[2 * i] = c >> 8;
        out[2 * i + 1] = c & 0xff;
      }
      return tlv(0x1e, out);
    }
  }
}

function asciiBytes(value: string): Uint8Array {
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7f) throw new Error(`"${value}" is not ASCII`);
    out[i] = c;
  }
  return out;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** UTCTime for years 1950–2049, GeneralizedTime otherwise (RFC 5280 rule). */
export function time(date: Date): Der {
  const y = date.getUTCFullYear();
  const rest =
    twoDigits(date.getUTCMonth() + 1) +
    twoDigits(date.getUTCDate()) +
    twoDigits(date.getUTCHours()) +
    twoDigits(date.getUTCMinutes()) +
    twoDigits(date.getUTCSeconds()) +
    'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, asciiBytes(twoDigits(y % 100) + rest));
  return tlv(0x18, asciiBytes(String(y).padStart(4, '0') + rest));
}
