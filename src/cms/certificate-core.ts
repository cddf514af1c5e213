/**
 * The lean X.509 reader. X.509 is DER by definition, so a definite-length walk straight over the bytes is enough:
 * no tree is built, only the elements a certificate's fields need are visited, and every length is checked against
 * its enclosing element before anything is read. This is what the plug-in adapter ships (it parses every
 * certificate the plug-in exports); the general BER reader (der.ts) stays for CMS, where BER really occurs.
 *
 * Failures are thrown as the sentence-free {@link DerFault}; the public `parseCertificate` turns them into
 * CmsParseError. The string, time and OID decoders here are shared with der.ts.
 */
import { fault } from './fault.js';
import { sha1 } from './sha1.js';
import type { CertificateInfo, DistinguishedName, KeyAlgorithm, NameAttribute } from './types.js';

/** One element: identifier octet, offset of the element, content start and end (all offsets into the input). */
export interface Tlv {
  tag: number;
  at: number;
  start: number;
  end: number;
}

/** Reads the element at `p`, which must end by `limit`. Running past the input's end is DER_TRUNCATED. */
export function tlvAt(bytes: Uint8Array, p: number, limit: number): Tlv {
  const tag = bytes[p]!;
  // High tag numbers and indefinite lengths do not occur in DER certificates (ber.ts reads them where they may).
  if ((tag & 31) == 31 && p < limit) fault('DER_MALFORMED', 'not DER', p);
  const { start, length } = lengthAt(bytes, p + 1, limit, p);
  if (length < 0) fault('DER_MALFORMED', 'not DER', p);
  return { tag, at: p, start, end: within(bytes, start + length, limit, p) };
}

/** The length octets at `q` of the element at `at`: where its content starts and how long it is (-1: indefinite). */
export function lengthAt(bytes: Uint8Array, q: number, limit: number, at: number): { start: number; length: number } {
  within(bytes, q + 1, limit, at);
  let length = bytes[q++]!;
  if (length == 128) return { start: q, length: -1 };
  // More than 4 length octets would describe over 4 GB (and 0xFF is reserved).
  if (length > 132) fault('DER_MALFORMED', `length of ${length - 128} octets`, at);
  if (length > 128) {
    let count = length - 128;
    within(bytes, q + count, limit, at);
    for (length = 0; count--; ) length = length * 256 + bytes[q++]!;
  }
  return { start: q, length };
}

/** `end` when it is within `limit`; past the input's end it is DER_TRUNCATED, past an enclosing element DER_MALFORMED. */
export function within(bytes: Uint8Array, end: number, limit: number, at: number): number {
  if (end > limit) fault(end > bytes.length ? 'DER_TRUNCATED' : 'DER_MALFORMED', 'element runs past its end', at);
  return end;
}

/** The elements inside a constructed one. */
export function childrenOf(bytes: Uint8Array, node: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = node.start; p < node.end; p = out[out.length - 1]!.end) out.push(tlvAt(bytes, p, node.end));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Value decoders, shared with der.ts.

/** Uppercase hex without separators. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += (b | 256).toString(16).slice(1);
  return out.toUpperCase();
}

/** Bytes to text one byte per character (no spread: any length is safe). */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/**
 * Text of a universal string type (tag number), or undefined when the tag is not a string type or the length does
 * not fit it. NumericString..GeneralString (18-27, incl. the two time types) are read as latin1: the 7-bit ones map
 * exactly, and CAs wrote latin1 into the T.61 ones. BMPString is UTF-16BE (surrogate pairs join up by themselves),
 * UniversalString UTF-32BE.
 */
export function decodeString(tagNumber: number, bytes: Uint8Array): string | undefined {
  if (tagNumber == 12) return new TextDecoder().decode(bytes);
  if (tagNumber > 17 && tagNumber < 28) return latin1(bytes);
  const width = tagNumber == 30 ? 2 : tagNumber == 28 ? 4 : 0;
  if (!width || bytes.length % width) return undefined;
  let out = '';
  for (let i = 0; i < bytes.length; i += width) {
    let cp = 0;
    for (let k = 0; k < width; k++) cp = cp * 256 + bytes[i + k]!;
    out += width == 2 ? String.fromCharCode(cp) : cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}

/** UTCTime (`utc`) or GeneralizedTime text as a Date (BER's +hhmm offsets applied); undefined when impossible. */
export function decodeTime(text: string, utc: boolean): Date | undefined {
  // The same groups for both: year, month, day, hour, minute, second, fraction (never in UTCTime), zone.
  const m = (utc ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?()(Z|[+-]\d{4})$/ : /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)?(\d\d)?(?:[.,](\d{1,9}))?(Z|[+-]\d{4})?$/).exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => +(part ?? 0)) as [number, number, number, number, number, number];
  const zone = m[8] ?? 'Z';
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const offset = zone == 'Z' ? 0 : (zone[0] == '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(3));
  // RFC 5280: a UTCTime YY >= 50 means 19YY.
  return new Date(Date.UTC(utc ? year + (year < 50 ? 2000 : 1900) : year, month - 1, day, hour, minute - offset, second, Math.round(+`0.${m[7] || 0}` * 1000)));
}

/** OBJECT IDENTIFIER contents in dotted form. Arcs beyond 2^53 (UUID OIDs) stay exact: BigInt throughout. */
export function decodeOid(bytes: Uint8Array, offset?: number): string {
  if (!bytes.length || bytes[bytes.length - 1]! & 128) fault('DER_MALFORMED', 'bad OBJECT IDENTIFIER', offset);
  const arcs: bigint[] = [];
  let value = 0n;
  let arcLength = 0;
  for (const b of bytes) {
    if (!arcLength && b == 128) fault('DER_MALFORMED', 'non-minimal OID arc', offset);
    // 20 octets hold 140 bits, enough for UUID arcs (2.25.x).
    if (++arcLength > 20) fault('DER_MALFORMED', 'OID arc too long', offset);
    value = value * 128n + BigInt(b & 127);
    if (b < 128) {
      arcs.push(value);
      value = 0n;
      arcLength = 0;
    }
  }
  // The first subidentifier packs the first two arcs: 40 * X + Y, X in 0..2.
  const first = arcs[0]! < 80n ? arcs[0]! / 40n : 2n;
  return [first, arcs[0]! - 40n * first, ...arcs.slice(1)].join('.');
}

// ---------------------------------------------------------------------------------------------------------------
// Certificates.

/** Short names for distinguished-name attributes, as CryptoPro and the spec print them. */
export const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'G',
  '2.5.4.12': 'T',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.7': 'L',
  '2.5.4.8': 'S',
  '2.5.4.9': 'STREET',
  '2.5.4.6': 'C',
  '1.2.840.113549.1.9.1': 'E',
  '1.2.643.3.131.1.1': 'INN',
  '1.2.643.100.1': 'OGRN',
  '1.2.643.100.5': 'OGRNIP',
  '1.2.643.100.3': 'SNILS',
  '1.2.643.100.4': 'INNLE',
};

const KEY_ALGORITHMS: Readonly<Record<string, KeyAlgorithm>> = {
  '1.2.643.7.1.1.1.1': 'gost2012-256',
  '1.2.643.7.1.1.1.2': 'gost2012-512',
  '1.2.643.2.2.19': 'gost2001',
};

const KEY_USAGE = 'digitalSignature nonRepudiation keyEncipherment dataEncipherment keyAgreement keyCertSign cRLSign encipherOnly decipherOnly'.split(' ');

/**
 * A reader over one DER input: every structural surprise is CERT_MALFORMED at the element's offset, with the tag
 * that was expected. Offsets are into `bytes`; a caller reading bytes out of a larger input shifts them
 * (`shiftFault` in fault.ts).
 */
function reader(bytes: Uint8Array) {
  const want = (node: Tlv | undefined, tag: number): Tlv =>
    node?.tag === tag ? node : fault('CERT_MALFORMED', `expected tag ${tag}`, node?.at);
  const kids = (node: Tlv | undefined, tag = 0x30): Tlv[] => childrenOf(bytes, want(node, tag));
  const content = (node: Tlv): Uint8Array => bytes.subarray(node.start, node.end);
  const oid = (node: Tlv | undefined): string => decodeOid(content(want(node, 6)), node!.at);
  /** Primitive BIT STRING contents after a sane unused-bits octet. */
  const bits = (node: Tlv | undefined): Uint8Array => {
    const value = content(want(node, 3));
    if (!(value[0]! < 8) || (value.length == 1 && value[0])) fault('CERT_MALFORMED', 'bad unused-bits octet', node!.at);
    return value.subarray(1);
  };
  /** The single element that fills an OCTET or BIT STRING. */
  const inner = (value: Uint8Array, tag: number): Uint8Array => {
    const node = tlvAt(value, 0, value.length);
    if (node.end != value.length) fault('CERT_MALFORMED', 'trailing data');
    return value.subarray(want(node, tag).start, node.end);
  };
  const time = (node: Tlv | undefined): Date =>
    (node && (node.tag == 23 || node.tag == 24) && decodeTime(latin1(content(node)), node.tag == 23)) ||
    fault('CERT_MALFORMED', 'not a valid time', node?.at);
  const name = (node: Tlv | undefined): DistinguishedName => {
    const attributes: NameAttribute[] = [];
    const result = { attributes } as DistinguishedName;
    for (const rdn of kids(node)) {
      for (const atv of kids(rdn, 0x31)) {
        const [type, value] = kids(atv);
        const attrOid = oid(type);
        if (!value) fault('CERT_MALFORMED', `${attrOid} has no value`, atv.at);
        // A non-string value is shown as RFC 4514's "#hex" of its DER rather than failing the whole certificate.
        const text = (value.tag < 32 ? decodeString(value.tag, content(value)) : undefined) ?? `#${bytesToHex(bytes.subarray(value.at, value.end))}`;
        const shortName = SHORT_NAMES[attrOid];
        attributes.push(shortName ? { oid: attrOid, shortName, value: text } : { oid: attrOid, value: text });
        // The first occurrence wins: that is what a user sees first in CryptoPro's dialogs too.
        if (shortName) (result as unknown as Record<string, string>)[shortName] ??= text;
      }
    }
    result.text = formatName(attributes);
    return result;
  };
  return { want, kids, content, oid, bits, inner, time, name };
}

/** One-line form "CN=..., O=..., INN=..." in certificate order; values with separators are quoted. */
export function formatName(attributes: readonly NameAttribute[]): string {
  return attributes
    .map(({ oid, shortName, value }) => {
      const quoted = /[,;+="\n<>#]/.test(value) || value != value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
      return `${shortName ?? `OID.${oid}`}=${quoted}`;
    })
    .join(', ');
}

/** Compares two names attribute by attribute (oid and text), the way issuerAndSerialNumber matching needs. */
export function namesEqual(a: DistinguishedName, b: DistinguishedName): boolean {
  return a.attributes.length == b.attributes.length && a.attributes.every(({ oid, value }, i) => oid == b.attributes[i]!.oid && value == b.attributes[i]!.value);
}

/** Reads a Name (SEQUENCE OF RelativeDistinguishedName) encoded in `bytes`. */
export function nameFromDer(bytes: Uint8Array): DistinguishedName {
  return reader(bytes).name(tlvAt(bytes, 0, bytes.length));
}

/**
 * Reads one DER certificate that fills `bytes` exactly. Throws DerFault: DER_TRUNCATED, DER_MALFORMED (bad encoding)
 * or CERT_MALFORMED.
 */
export function certificateFromDer(bytes: Uint8Array): CertificateInfo {
  return certificateWithThumbprint(bytes, bytesToHex(sha1(bytes)));
}

/**
 * {@link certificateFromDer} with the thumbprint (uppercase hex SHA-1 of `bytes`) computed by the caller: the
 * adapter hashes with WebCrypto, asynchronously, and so does not ship the synchronous SHA-1.
 */
export function certificateWithThumbprint(bytes: Uint8Array, thumbprint: string): CertificateInfo {
  const { want, kids, content, oid, bits, inner, time, name } = reader(bytes);
  const root = tlvAt(bytes, 0, bytes.length);
  if (root.end != bytes.length) fault('DER_MALFORMED', 'trailing data', root.end);
  const parts = kids(root);
  if (parts.length != 3) fault('CERT_MALFORMED', 'not three elements', 0);
  const [tbs, signatureAlgorithm, signatureValue] = parts as [Tlv, Tlv, Tlv];
  const fields = kids(tbs);
  let i = fields[0]?.tag == 0xa0 ? 1 : 0; // [0] EXPLICIT version
  const serial = content(want(fields[i++], 2));
  if (!serial.length) fault('CERT_MALFORMED', 'empty serialNumber', tbs.start);
  i++; // signature AlgorithmIdentifier, repeated outside tbsCertificate
  const issuer = name(fields[i++]);
  const [notBefore, notAfter] = kids(fields[i++]);
  const subject = name(fields[i++]);
  const [algorithm, key] = kids(fields[i++]);
  const [algorithmOid, parameters] = kids(algorithm);
  const keyAlgorithmOid = oid(algorithmOid);
  const keyAlgorithm = KEY_ALGORITHMS[keyAlgorithmOid] ?? 'other';
  const keyBits = bits(key);
  // GOST key parameters: SEQUENCE { publicKeyParamSet OID, digestParamSet OID OPTIONAL }.
  const paramSet = parameters?.tag == 0x30 ? childrenOf(bytes, parameters)[0] : undefined;

  const info: CertificateInfo = {
    der: bytes.slice(),
    subject,
    issuer,
    serialNumber: bytesToHex(serial),
    notBefore: time(notBefore),
    notAfter: time(notAfter),
    thumbprint,
    keyAlgorithm,
    keyAlgorithmOid,
    // GOST: the little-endian X ‖ Y inside an OCTET STRING inside the BIT STRING.
    publicKey: (keyAlgorithm == 'other' ? keyBits : inner(keyBits, 4)).slice(),
    tbsDer: bytes.slice(tbs.at, tbs.end),
    signatureAlgorithmOid: oid(kids(signatureAlgorithm)[0]),
    signatureValue: bits(signatureValue).slice(),
  };
  if (keyAlgorithm != 'other' && paramSet?.tag == 6) info.publicKeyParamSetOid = oid(paramSet);

  for (const field of fields.slice(i)) {
    if (field.tag != 0xa3) continue;
    for (const extension of kids(kids(field, 0xa3)[0])) {
      const [idNode, second, third] = kids(extension);
      const id = oid(idNode);
      const critical = second?.tag == 1;
      if (critical && second.end - second.start != 1) fault('CERT_MALFORMED', 'extension critical flag', second.at);
      const value = content(want(critical ? third : second, 4));
      if (id == '2.5.29.15') {
        const usage = inner(value, 3).subarray(1);
        info.keyUsage = KEY_USAGE.filter((_, bit) => (usage[bit >> 3]! & (128 >> (bit & 7))) > 0);
      } else if (id == '2.5.29.37') {
        const list = inner(value, 0x30);
        info.extendedKeyUsage = childrenOf(list, { tag: 0x30, at: 0, start: 0, end: list.length }).map((node) =>
          decodeOid(list.subarray(want(node, 6).start, node.end)),
        );
      } else if (id == '2.5.29.14') {
        info.subjectKeyIdentifier = bytesToHex(inner(value, 4));
      }
    }
  }
  return info;
}
