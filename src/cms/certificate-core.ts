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
export function tlvAt(bytes: Uint8Array, p: number, limit: number, base = 0): Tlv {
  const at = p;
  const past = (end: number): never =>
    fault(end > bytes.length ? 'DER_TRUNCATED' : 'DER_MALFORMED', 'element runs past its end', base + at);
  if (p + 2 > limit) past(p + 2);
  const tag = bytes[p++]!;
  let length = bytes[p++]!;
  // High tag numbers and indefinite lengths do not occur in DER certificates.
  if ((tag & 0x1f) === 0x1f || length === 0x80) fault('DER_MALFORMED', 'not DER', base + at);
  if (length > 0x80) {
    let count = length - 0x80;
    if (count > 4) fault('DER_MALFORMED', `length of ${count} octets`, base + at);
    if (p + count > limit) past(p + count);
    for (length = 0; count--; ) length = length * 256 + bytes[p++]!;
  }
  if (p + length > limit) past(p + length);
  return { tag, at, start: p, end: p + length };
}

/** The elements inside a constructed one. */
export function childrenOf(bytes: Uint8Array, node: Tlv, base = 0): Tlv[] {
  const out: Tlv[] = [];
  for (let p = node.start; p < node.end; p = out[out.length - 1]!.end) out.push(tlvAt(bytes, p, node.end, base));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Value decoders, shared with der.ts.

const HEX = '0123456789ABCDEF';

/** Uppercase hex without separators. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
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
 * exactly, and CAs wrote latin1 into the T.61 ones.
 */
export function decodeString(tagNumber: number, bytes: Uint8Array): string | undefined {
  if (tagNumber === 12) return new TextDecoder().decode(bytes);
  if (tagNumber >= 18 && tagNumber <= 27) return latin1(bytes);
  const width = tagNumber === 30 ? 2 : tagNumber === 28 ? 4 : 0;
  if (!width || bytes.length % width) return undefined;
  let out = '';
  for (let i = 0; i < bytes.length; i += width) {
    if (width === 2) {
      // BMPString: UTF-16BE code units; surrogate pairs join up by themselves.
      out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    } else {
      const cp = ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
      out += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
  }
  return out;
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d{1,9}))?(Z|[+-]\d{4})?$/;

/** UTCTime (`utc`) or GeneralizedTime text as a Date (BER's +hhmm offsets applied); undefined when impossible. */
export function decodeTime(text: string, utc: boolean): Date | undefined {
  const m = (utc ? UTC_TIME : GENERALIZED_TIME).exec(text);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (utc) year += year < 50 ? 2000 : 1900; // RFC 5280: YY >= 50 means 19YY.
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  const zone = (utc ? m[7] : m[8]) ?? 'Z';
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, utc ? 0 : Math.round(Number(`0.${m[7] ?? 0}`) * 1000));
  if (zone !== 'Z') ms -= (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  return new Date(ms);
}

/** OBJECT IDENTIFIER contents in dotted form. Arcs beyond 2^53 (UUID OIDs) are decoded with BigInt. */
export function decodeOid(bytes: Uint8Array, offset?: number): string {
  if (!bytes.length || bytes[bytes.length - 1]! & 0x80) fault('DER_MALFORMED', 'bad OBJECT IDENTIFIER encoding', offset);
  const arcs: string[] = [];
  let value = 0;
  let big: bigint | undefined;
  let arcLength = 0;
  for (const b of bytes) {
    if (!arcLength && b === 0x80) fault('DER_MALFORMED', 'non-minimal OBJECT IDENTIFIER arc', offset);
    // 20 octets hold 140 bits, enough for UUID arcs (2.25.x); longer would make BigInt arithmetic quadratic.
    if (++arcLength > 20) fault('DER_MALFORMED', 'OBJECT IDENTIFIER arc too long', offset);
    if (big !== undefined || value > 2 ** 45) big = (big ?? BigInt(value)) * 128n + BigInt(b & 0x7f);
    else value = value * 128 + (b & 0x7f);
    if (b & 0x80) continue;
    if (!arcs.length) {
      // The first subidentifier packs the first two arcs: 40 * X + Y, X in 0..2.
      if (big !== undefined) arcs.push('2', String(big - 80n));
      else {
        const first = Math.min(2, Math.floor(value / 40));
        arcs.push(String(first), String(value - 40 * first));
      }
    } else arcs.push(String(big ?? value));
    value = arcLength = 0;
    big = undefined;
  }
  return arcs.join('.');
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

/** A reader over one DER input: every structural surprise is CERT_MALFORMED at the element's offset. */
function reader(bytes: Uint8Array, base: number) {
  const want = (node: Tlv | undefined, tag: number, what: string): Tlv =>
    node && node.tag === tag ? node : fault('CERT_MALFORMED', `${what}: expected tag ${tag}`, node && base + node.at);
  const kids = (node: Tlv | undefined, tag: number, what: string): Tlv[] => childrenOf(bytes, want(node, tag, what), base);
  const content = (node: Tlv): Uint8Array => bytes.subarray(node.start, node.end);
  const oid = (node: Tlv | undefined, what: string): string => decodeOid(content(want(node, 6, what)), base + node!.at);
  /** Primitive BIT STRING contents after a sane unused-bits octet. */
  const bits = (node: Tlv | undefined, what: string): Uint8Array => {
    const value = content(want(node, 3, what));
    if (value[0] === undefined || value[0] > 7 || (value.length === 1 && value[0])) fault('CERT_MALFORMED', `${what}: bad unused-bits octet`, base + node!.at);
    return value.subarray(1);
  };
  /** The single element that wraps DER inside an OCTET or BIT STRING. */
  const inner = (value: Uint8Array, tag: number, what: string): Uint8Array => {
    const node = tlvAt(value, 0, value.length);
    if (node.end !== value.length) fault('CERT_MALFORMED', `${what}: trailing data`);
    return value.subarray(want(node, tag, what).start, node.end);
  };
  const time = (node: Tlv | undefined, what: string): Date => {
    const utc = node?.tag === 23;
    return (
      (node && (utc || node.tag === 24) && decodeTime(latin1(content(node)), utc)) ||
      fault('CERT_MALFORMED', `${what}: not a valid time`, node && base + node.at)
    );
  };
  const name = (node: Tlv | undefined, what: string): DistinguishedName => {
    const attributes: NameAttribute[] = [];
    const result: DistinguishedName = { attributes, text: '' };
    for (const rdn of kids(node, 0x30, what)) {
      for (const atv of kids(rdn, 0x31, what)) {
        const [type, value] = kids(atv, 0x30, what);
        const attrOid = oid(type, what);
        if (!value) fault('CERT_MALFORMED', `${what} ${attrOid}: value is missing`);
        // A non-string value is shown as RFC 4514's "#hex" of its DER rather than failing the whole certificate.
        const text = (value.tag < 0x20 ? decodeString(value.tag, content(value)) : undefined) ?? `#${bytesToHex(bytes.subarray(value.at, value.end))}`;
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
      const quoted = /[,;+="\n<>#]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
      return `${shortName ?? `OID.${oid}`}=${quoted}`;
    })
    .join(', ');
}

/** Reads a Name (SEQUENCE OF RelativeDistinguishedName) encoded in `bytes`. */
export function nameFromDer(bytes: Uint8Array, base = 0, what = 'Name'): DistinguishedName {
  return reader(bytes, base).name(tlvAt(bytes, 0, bytes.length, base), what);
}

/**
 * Reads one DER certificate that fills `bytes` exactly. `base` is where these bytes sit in a larger input (a CMS),
 * for error offsets. Throws DerFault: DER_TRUNCATED, DER_MALFORMED (bad encoding) or CERT_MALFORMED.
 */
export function certificateFromDer(bytes: Uint8Array, base = 0): CertificateInfo {
  return certificateWithThumbprint(bytes, bytesToHex(sha1(bytes)), base);
}

/**
 * {@link certificateFromDer} with the thumbprint (uppercase hex SHA-1 of `bytes`) computed by the caller: the
 * adapter hashes with WebCrypto, asynchronously, and so does not ship the synchronous SHA-1.
 */
export function certificateWithThumbprint(bytes: Uint8Array, thumbprint: string, base = 0): CertificateInfo {
  const r = reader(bytes, base);
  const { want, kids, content, oid, bits, inner } = r;
  const root = tlvAt(bytes, 0, bytes.length, base);
  if (root.end !== bytes.length) fault('DER_MALFORMED', `${bytes.length - root.end} bytes of trailing data`, base + root.end);
  const parts = kids(root, 0x30, 'Certificate');
  if (parts.length !== 3) fault('CERT_MALFORMED', 'a certificate is a SEQUENCE of three elements', base);
  const [tbs, signatureAlgorithm, signatureValue] = parts as [Tlv, Tlv, Tlv];
  const fields = kids(tbs, 0x30, 'tbsCertificate');
  let i = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] EXPLICIT version
  const serial = content(want(fields[i++], 2, 'serialNumber'));
  if (!serial.length) fault('CERT_MALFORMED', 'empty serialNumber', base + tbs.start);
  i++; // signature AlgorithmIdentifier, repeated outside tbsCertificate
  const issuer = r.name(fields[i++], 'issuer');
  const [notBefore, notAfter] = kids(fields[i++], 0x30, 'validity');
  const subject = r.name(fields[i++], 'subject');
  const [algorithm, key] = kids(fields[i++], 0x30, 'subjectPublicKeyInfo');
  const [algorithmOid, parameters] = kids(algorithm, 0x30, 'public key algorithm');
  const keyAlgorithmOid = oid(algorithmOid, 'public key algorithm');
  const keyAlgorithm = KEY_ALGORITHMS[keyAlgorithmOid] ?? 'other';
  const keyBits = bits(key, 'subjectPublicKey');
  // GOST key parameters: SEQUENCE { publicKeyParamSet OID, digestParamSet OID OPTIONAL }.
  const paramSet = parameters?.tag === 0x30 ? childrenOf(bytes, parameters, base)[0] : undefined;

  const info: CertificateInfo = {
    der: bytes.slice(),
    subject,
    issuer,
    serialNumber: bytesToHex(serial),
    notBefore: r.time(notBefore, 'notBefore'),
    notAfter: r.time(notAfter, 'notAfter'),
    thumbprint,
    keyAlgorithm,
    keyAlgorithmOid,
    // GOST: the little-endian X ‖ Y inside an OCTET STRING inside the BIT STRING.
    publicKey: (keyAlgorithm === 'other' ? keyBits : inner(keyBits, 4, 'GOST public key')).slice(),
    tbsDer: bytes.slice(tbs.at, tbs.end),
    signatureAlgorithmOid: oid(kids(signatureAlgorithm, 0x30, 'signatureAlgorithm')[0], 'signatureAlgorithm'),
    signatureValue: bits(signatureValue, 'signatureValue').slice(),
  };
  if (keyAlgorithm !== 'other' && paramSet?.tag === 6) info.publicKeyParamSetOid = oid(paramSet, 'publicKeyParamSet');

  for (const field of fields.slice(i)) {
    if (field.tag !== 0xa3) continue;
    for (const extension of kids(kids(field, 0xa3, 'extensions')[0], 0x30, 'extensions')) {
      const [idNode, second, third] = kids(extension, 0x30, 'extension');
      const id = oid(idNode, 'extension id');
      if (second?.tag === 1 && second.end - second.start !== 1) fault('CERT_MALFORMED', 'extension critical flag', base + second.at);
      const value = content(want(second?.tag === 1 ? third : second, 4, `extension ${id}`));
      if (id === '2.5.29.15') {
        const usage = inner(value, 3, 'keyUsage').subarray(1);
        info.keyUsage = KEY_USAGE.filter((_, bit) => ((usage[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
      } else if (id === '2.5.29.37') {
        const list = inner(value, 0x30, 'extKeyUsage');
        info.extendedKeyUsage = childrenOf(list, { tag: 0x30, at: 0, start: 0, end: list.length }).map((node) =>
          decodeOid(list.subarray(want(node, 6, 'extKeyUsage').start, node.end)),
        );
      } else if (id === '2.5.29.14') {
        info.subjectKeyIdentifier = bytesToHex(inner(value, 4, 'subjectKeyIdentifier'));
      }
    }
  }
  return info;
}
