/**
 * BER on top of the DER walk of certificate-core.ts: what CMS adds to DER is indefinite lengths (CryptoPro and
 * `openssl cms -stream` write the path to the content that way), constructed strings (eContent in chunks) and, in
 * parts nobody reads, high tag numbers. Definite lengths are read by the core's `lengthAt`; this module reads only
 * the forms DER forbids. No tree is built: a message is checked once from end to end, then walked.
 *
 * Failures are the sentence-free {@link DerFault}s (DER_TRUNCATED, DER_MALFORMED), like the core's.
 */
import { lengthAt, within, type Tlv } from './certificate-core.js';
import { fault } from './fault.js';

/** A BER element: `end` is where its content ends, `next` where the element after it starts. */
export interface BerTlv extends Tlv {
  next: number;
  /** True when the element itself has an indefinite length. */
  indefinite?: boolean;
}

/** Real certificates and CMS stay under 20 levels; a nesting bomb must not exhaust the stack. */
const MAX_DEPTH = 64;

/** Where the indefinite elements of an input end, while a reading of it lasts ({@link rememberingEnds}). */
const ends = new WeakMap<Uint8Array, Map<number, number>>();

/**
 * Runs `read` with the ends of `bytes`'s indefinite-length elements remembered, so that reading a message whose
 * elements nest indefinite lengths stays linear. Forgotten afterwards: the caller may change the bytes.
 */
export function rememberingEnds<T>(bytes: Uint8Array, read: () => T): T {
  ends.set(bytes, new Map());
  try {
    return read();
  } finally {
    ends.delete(bytes);
  }
}

/**
 * The identifier and length octets of the BER element at `p`, which must fit by `limit`: its first identifier octet
 * (`tag`), tag number, where its content starts and how long it is (-1: indefinite). The content is not looked at.
 */
export function berHeader(bytes: Uint8Array, p: number, limit: number): { tag: number; tagNumber: number; start: number; length: number } {
  const tag = bytes[p]!;
  let tagNumber = tag & 31;
  let q = p + 1;
  if (tagNumber == 31) {
    // High tag number: base-128, minimal, at most 4 octets.
    for (tagNumber = 0; ; ) {
      within(bytes, q + 1, limit, p);
      const b = bytes[q++]!;
      if (q == p + 2 && b == 128) fault('DER_MALFORMED', 'non-minimal tag number', p);
      if (q > p + 5) fault('DER_MALFORMED', 'tag number too large', p);
      tagNumber = tagNumber * 128 + (b & 127);
      if (b < 128) break;
    }
  }
  const { start, length } = lengthAt(bytes, q, limit, p);
  // Universal 0 is end-of-contents, which only an indefinite element's reader expects.
  if (!tag) fault('DER_MALFORMED', 'unexpected end-of-contents or reserved tag 0', p);
  if (length < 0 && !(tag & 32)) fault('DER_MALFORMED', 'indefinite length on a primitive element', p);
  return { tag, tagNumber, start, length };
}

/** Reads the BER element at `p`, which must end by `limit`. */
export function berAt(bytes: Uint8Array, p: number, limit: number, depth = 0): BerTlv {
  if (depth > MAX_DEPTH) fault('DER_MALFORMED', `nesting deeper than ${MAX_DEPTH} levels`, p);
  const { tag, start, length } = berHeader(bytes, p, limit);
  if (length >= 0) {
    const end = within(bytes, start + length, limit, p);
    return { tag, at: p, start, end, next: end };
  }
  const known = ends.get(bytes);
  let end = known?.get(p);
  if (end === undefined) {
    // Children up to the end-of-contents octets 00 00.
    for (end = start; ; end = berAt(bytes, end, limit, depth + 1).next) {
      within(bytes, end + 2, limit, p);
      if (!bytes[end] && !bytes[end + 1]) break;
    }
    known?.set(p, end);
  } else within(bytes, end + 2, limit, p);
  return { tag, at: p, start, end, next: end + 2, indefinite: true };
}

/** The elements inside a constructed one. */
export function berChildren(bytes: Uint8Array, node: Tlv, depth = 0): BerTlv[] {
  const out: BerTlv[] = [];
  for (let p = node.start; p < node.end; p = out[out.length - 1]!.next) out.push(berAt(bytes, p, node.end, depth + 1));
  return out;
}

/**
 * Checks a whole message from end to end (every constructed element, however deep; nothing after the outer one)
 * and says whether it used indefinite lengths anywhere. Walking it afterwards meets only structural surprises.
 */
export function checkBer(bytes: Uint8Array): { root: BerTlv; indefinite: boolean } {
  let indefinite = false;
  const visit = (node: BerTlv, depth: number): void => {
    indefinite ||= node.indefinite === true;
    if (node.tag & 32) for (const child of berChildren(bytes, node, depth)) visit(child, depth + 1);
  };
  if (!bytes.length) fault('DER_TRUNCATED', 'empty input', 0);
  const root = berAt(bytes, 0, bytes.length);
  if (root.next != bytes.length) fault('DER_MALFORMED', `${bytes.length - root.next} bytes of trailing data`, root.next);
  visit(root, 0);
  return { root, indefinite };
}

/** Contents of a string element; a constructed one (BER) is the join of its chunks, which must be of its own type. */
export function stringContent(bytes: Uint8Array, node: BerTlv): Uint8Array {
  if (!(node.tag & 32)) return bytes.subarray(node.start, node.end);
  const chunks: Uint8Array[] = [];
  const collect = (parent: BerTlv): void => {
    for (const chunk of berChildren(bytes, parent)) {
      if ((chunk.tag | 32) != node.tag) fault('DER_MALFORMED', 'a chunk of another type in a constructed string', chunk.at);
      if (chunk.tag & 32) collect(chunk);
      else chunks.push(bytes.subarray(chunk.start, chunk.end));
    }
  };
  collect(node);
  return chunks.length == 1 ? chunks[0]! : concatBytes(chunks);
}

/**
 * The element in DER form, optionally under another identifier octet (signed attributes are signed as the SET OF
 * they are, not the [0] they travel as). Definite-length parts are copied byte for byte.
 */
export function definiteForm(bytes: Uint8Array, node: BerTlv, tag = node.tag): Uint8Array {
  if (!usesIndefinite(bytes, node)) return concatBytes([Uint8Array.of(tag), bytes.subarray(node.at + 1, node.next)]);
  if ((tag & 31) == 31) fault('DER_MALFORMED', 'cannot re-encode an indefinite element with a high tag number', node.at);
  const content = concatBytes(berChildren(bytes, node).map((child) => definiteForm(bytes, child)));
  return concatBytes([Uint8Array.of(tag), encodeLength(content.length), content]);
}

function usesIndefinite(bytes: Uint8Array, node: BerTlv): boolean {
  return !!node.indefinite || (!!(node.tag & 32) && berChildren(bytes, node).some((child) => usesIndefinite(bytes, child)));
}

/** DER length octets. */
export function encodeLength(length: number): Uint8Array {
  if (length < 128) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(128 | bytes.length, ...bytes);
}

/** Concatenates byte arrays with one allocation. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
