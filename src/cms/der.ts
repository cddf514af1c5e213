/**
 * A small BER/DER reader: enough for X.509 certificates and CMS SignedData, and safe on hostile input.
 *
 * The whole input is parsed once into a tree of {@link DerNode}s that point into the original bytes (no copies).
 * Primitive contents are not looked into; a caller that knows an OCTET STRING or BIT STRING wraps DER
 * parses it explicitly with {@link parseDer} on {@link DerNode.content}. Every element is visited once, so the
 * time is linear in the input, and depth and element count are bounded so a crafted input cannot exhaust the
 * stack or memory.
 */
import { berHeader, concatBytes } from './ber.js';
import { bytesToHex, decodeOid as decodeOidCore, decodeString, decodeTime, latin1 } from './certificate-core.js';
import { CmsParseError, toCmsParseError } from './errors/CmsParseError.js';
import * as tag from './tags.js';

export { bytesToHex, concatBytes, latin1 };

export const TagClass = { universal: 0, application: 1, context: 2, private: 3 } as const;

/** Universal tag numbers the readers use. */
export const UniversalTag = {
  endOfContents: 0,
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  oid: 6,
  utf8String: 12,
  sequence: 16,
  set: 17,
  numericString: 18,
  printableString: 19,
  teletexString: 20,
  videotexString: 21,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
  graphicString: 25,
  visibleString: 26,
  generalString: 27,
  universalString: 28,
  bmpString: 30,
} as const;

export interface DerParseOptions {
  /** Maximum nesting depth (default 64; real certificates and CMS stay under 20). */
  maxDepth?: number;
  /** Maximum number of elements (default 500 000; a CMS with 10 MB of content in 1 KB chunks has ~10 000). */
  maxElements?: number;
  /** Accept bytes after the first element (default false: trailing garbage is an error). */
  allowTrailingData?: boolean;
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_ELEMENTS = 500_000;

/** One BER/DER element. Offsets are into {@link DerNode.input}. */
export class DerNode {
  /** Children of a constructed element, in order (empty for primitive ones). */
  readonly children: DerNode[] = [];
  /** Set by the tolerant reader when the input ended (or broke) inside this element. */
  truncated = false;

  constructor(
    /** The whole input this node was parsed from. */
    readonly input: Uint8Array,
    /** Offset of the identifier octet. */
    readonly offset: number,
    readonly tagClass: number,
    readonly constructed: boolean,
    readonly tagNumber: number,
    /** Offset of the first content octet. */
    readonly contentStart: number,
    /** Offset just past the last content octet (before the end-of-contents octets when indefinite). */
    public contentEnd: number,
    /** Offset just past the element, end-of-contents included. */
    public end: number,
    /** True when the element used BER indefinite length (0x80 ... 00 00). */
    readonly indefinite: boolean,
  ) {}

  /**
   * The first identifier octet for low tag numbers (0x30 SEQUENCE, 0xA0 [0] constructed, 0x04 OCTET STRING...),
   * which is how the readers compare tags. High tag numbers (>= 31) get -1 here: compare tagNumber instead.
   */
  get tag(): number {
    return this.tagNumber < 31 ? (this.tagClass << 6) | (this.constructed ? 0x20 : 0) | this.tagNumber : -1;
  }

  /** The content octets (a view, not a copy). For constructed elements, the encoded children. */
  get content(): Uint8Array {
    return this.input.subarray(this.contentStart, this.contentEnd);
  }

  /** The whole encoding of the element, header and end-of-contents included (a view). */
  get raw(): Uint8Array {
    return this.input.subarray(this.offset, this.end);
  }

  /** True when this element or one below it uses indefinite length. */
  get usesIndefiniteLength(): boolean {
    if (this.indefinite) return true;
    return this.children.some((c) => c.usesIndefiniteLength);
  }

  is(tagClass: number, tagNumber: number): boolean {
    return this.tagClass === tagClass && this.tagNumber === tagNumber;
  }

  isUniversal(tagNumber: number): boolean {
    return this.tagClass === 0 /* universal */ && this.tagNumber === tagNumber;
  }

  isContext(tagNumber: number): boolean {
    return this.tagClass === 2 /* context */ && this.tagNumber === tagNumber;
  }

  describe(): string {
    const cls = ['UNIVERSAL', 'APPLICATION', 'CONTEXT', 'PRIVATE'][this.tagClass] ?? '?';
    return `${cls} ${this.tagNumber}${this.constructed ? ' constructed' : ''} at byte ${this.offset}`;
  }
}

/** What the tolerant reader saw: the tree as far as it goes, and why it stopped. */
export interface DerPrefix {
  /** The outer element, or undefined when not even its header could be read. */
  root: DerNode | undefined;
  /** True when the input ended before the outer element did (or the reader stopped early). */
  truncated: boolean;
  /** Why the reader stopped, when it did (DER_TRUNCATED for a plain cut, DER_MALFORMED for garbage). */
  stoppedBy?: CmsParseError;
}

interface ParseState {
  input: Uint8Array;
  maxDepth: number;
  maxElements: number;
  elements: number;
  tolerant: boolean;
  /** In tolerant mode: the first error; everything stops there. */
  stop?: CmsParseError;
}

/**
 * Parses one BER/DER element (the whole input unless `allowTrailingData`). Throws {@link CmsParseError}
 * (DER_TRUNCATED or DER_MALFORMED) for anything it cannot read.
 */
export function parseDer(input: Uint8Array, options: DerParseOptions = {}): DerNode {
  const state = makeState(input, options, false);
  if (input.length === 0) throw new CmsParseError('DER_TRUNCATED', 'empty input', { offset: 0 });
  const root = parseElement(state, 0, input.length, 0);
  if (!root) throw state.stop ?? new CmsParseError('DER_MALFORMED', 'no element');
  if (root.end !== input.length && !options.allowTrailingData) {
    throw new CmsParseError('DER_MALFORMED', `${input.length - root.end} bytes of trailing data`, { offset: root.end });
  }
  return root;
}

/**
 * Reads as much of one element as a truncated or partly damaged input allows. Never throws for bad input:
 * elements cut off are marked `truncated`, and `stoppedBy` says what stopped the reader.
 */
export function parseDerPrefix(input: Uint8Array, options: DerParseOptions = {}): DerPrefix {
  const state = makeState(input, options, true);
  if (input.length === 0) {
    return { root: undefined, truncated: true, stoppedBy: new CmsParseError('DER_TRUNCATED', 'empty input', { offset: 0 }) };
  }
  const root = parseElement(state, 0, input.length, 0);
  const prefix: DerPrefix = { root, truncated: state.stop !== undefined || root === undefined };
  if (state.stop) prefix.stoppedBy = state.stop;
  return prefix;
}

function makeState(input: Uint8Array, options: DerParseOptions, tolerant: boolean): ParseState {
  return {
    input,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxElements: options.maxElements ?? DEFAULT_MAX_ELEMENTS,
    elements: 0,
    tolerant,
  };
}

/** Records the error in tolerant mode, throws it otherwise. */
function fail(state: ParseState, error: CmsParseError): undefined {
  if (!state.tolerant) throw error;
  state.stop ??= error;
  return undefined;
}

/**
 * Parses the element at `pos`, which must end by `limit` (the parent's content end, or the input's end).
 * Returns undefined only in tolerant mode, after recording why.
 */
function parseElement(state: ParseState, pos: number, limit: number, depth: number): DerNode | undefined {
  const { input } = state;
  const atEnd = limit === input.length;
  // Running past `limit` is a cut-off input when the limit is the input's end, and garbage otherwise.
  const short = (what: string, offset: number) =>
    fail(state, new CmsParseError(atEnd ? 'DER_TRUNCATED' : 'DER_MALFORMED', `${what} runs past ${atEnd ? 'the end of the input' : 'its enclosing element'}`, { offset }));

  if (depth > state.maxDepth) {
    return fail(state, new CmsParseError('DER_MALFORMED', `nesting deeper than ${state.maxDepth} levels`, { offset: pos }));
  }
  if (++state.elements > state.maxElements) {
    return fail(state, new CmsParseError('DER_MALFORMED', `more than ${state.maxElements} elements`, { offset: pos }));
  }

  // Identifier and length octets: read as ber.ts reads them for the CMS walk.
  let header: ReturnType<typeof berHeader>;
  try {
    header = berHeader(input, pos, limit);
  } catch (error) {
    return fail(state, toCmsParseError(error) as CmsParseError);
  }
  const { tag: first, tagNumber, start: contentStart, length } = header;
  const tagClass = first >> 6;
  const constructed = (first & 0x20) !== 0;
  const indefinite = length < 0;

  if (!indefinite) {
    const contentEnd = contentStart + length;
    const node = new DerNode(input, pos, tagClass, constructed, tagNumber, contentStart, contentEnd, contentEnd, false);
    if (contentEnd > limit) {
      if (!state.tolerant || !atEnd) return short(`element of ${length} bytes`, pos);
      // Tolerant: keep what is there.
      node.truncated = true;
      node.contentEnd = node.end = limit;
      if (constructed) parseChildren(state, node, contentStart, limit, depth, false);
      // A child cut off deeper down has already said where; otherwise the cut is at this element.
      fail(state, new CmsParseError('DER_TRUNCATED', `element of ${length} bytes runs past the end of the input`, { offset: pos }));
      return node;
    }
    if (constructed) parseChildren(state, node, contentStart, contentEnd, depth, false);
    return node;
  }

  // Indefinite length: children until the end-of-contents octets 00 00.
  const node = new DerNode(input, pos, tagClass, constructed, tagNumber, contentStart, limit, limit, true);
  parseChildren(state, node, contentStart, limit, depth, true);
  return node;
}

function parseChildren(state: ParseState, node: DerNode, start: number, end: number, depth: number, untilEoc: boolean): void {
  const { input } = state;
  let p = start;
  for (;;) {
    if (state.stop) {
      node.truncated = true;
      return;
    }
    if (untilEoc) {
      if (p + 1 < end && input[p] === 0 && input[p + 1] === 0) {
        node.contentEnd = p;
        node.end = p + 2;
        return;
      }
      if (p >= end) {
        node.truncated = true;
        fail(state, new CmsParseError(end === input.length ? 'DER_TRUNCATED' : 'DER_MALFORMED', 'indefinite-length element without end-of-contents', { offset: node.offset }));
        return;
      }
    } else if (p >= end) {
      return;
    }
    const child = parseElement(state, p, end, depth + 1);
    if (!child) {
      node.truncated = true;
      return;
    }
    node.children.push(child);
    if (child.truncated) {
      node.truncated = true;
      return;
    }
    p = child.end;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Value readers. Each checks the tag it expects so a structural mistake surfaces as DER_MALFORMED, not garbage.

/** Throws unless the node has the expected universal tag. */
export function expectUniversal(node: DerNode | undefined, tagNumber: number, what: string): DerNode {
  if (!node) throw new CmsParseError('DER_MALFORMED', `${what} is missing`);
  if (!node.isUniversal(tagNumber)) {
    throw new CmsParseError('DER_MALFORMED', `${what}: expected universal tag ${tagNumber}, found ${node.describe()}`, { offset: node.offset });
  }
  return node;
}

/**
 * The bytes of a string-like element (OCTET STRING, UTF8String...). BER allows these constructed, as chunks of
 * the same type (CryptoPro and OpenSSL's -stream write eContent that way): the chunks are joined.
 */
export function stringBytes(node: DerNode): Uint8Array {
  if (!node.constructed) return node.content;
  const chunks: Uint8Array[] = [];
  collectChunks(node, node.tagNumber, chunks);
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}

function collectChunks(node: DerNode, tagNumber: number, out: Uint8Array[]): void {
  for (const child of node.children) {
    if (!child.isUniversal(tagNumber)) {
      throw new CmsParseError('DER_MALFORMED', `chunk of a constructed string is ${child.describe()}`, { offset: child.offset });
    }
    if (child.constructed) collectChunks(child, tagNumber, out);
    else out.push(child.content);
  }
}

/** OCTET STRING contents, chunks joined. */
export function readOctetString(node: DerNode | undefined, what = 'OCTET STRING'): Uint8Array {
  return stringBytes(expectUniversal(node, tag.OCTET_STRING, what));
}

/** BIT STRING: the unused-bits count and the bytes after it. */
export function readBitString(node: DerNode | undefined, what = 'BIT STRING'): { unusedBits: number; bytes: Uint8Array } {
  const n = expectUniversal(node, tag.BIT_STRING, what);
  if (n.constructed) throw new CmsParseError('DER_MALFORMED', `${what}: constructed BIT STRING is not supported`, { offset: n.offset });
  const content = n.content;
  const unusedBits = content[0];
  if (unusedBits === undefined || unusedBits > 7 || (content.length === 1 && unusedBits !== 0)) {
    throw new CmsParseError('DER_MALFORMED', `${what}: bad unused-bits octet`, { offset: n.offset });
  }
  return { unusedBits, bytes: content.subarray(1) };
}

/** OBJECT IDENTIFIER in dotted form. Arcs beyond 2^53 (UUID OIDs) are decoded with BigInt. */
export function readOid(node: DerNode | undefined, what = 'OBJECT IDENTIFIER'): string {
  const n = expectUniversal(node, tag.OID, what);
  return decodeOid(n.content, n.offset);
}

export function decodeOid(bytes: Uint8Array, offset?: number): string {
  try {
    return decodeOidCore(bytes, offset);
  } catch (error) {
    throw toCmsParseError(error);
  }
}

/** INTEGER contents as uppercase hex, exactly the DER octets (a positive serial with its high bit set keeps its 00). */
export function readIntegerHex(node: DerNode | undefined, what = 'INTEGER'): string {
  const n = expectUniversal(node, tag.INTEGER, what);
  if (n.contentEnd === n.contentStart) throw new CmsParseError('DER_MALFORMED', `${what}: empty INTEGER`, { offset: n.offset });
  return bytesToHex(n.content);
}

/** A small non-negative INTEGER (versions, counts). */
export function readSmallInteger(node: DerNode | undefined, what = 'INTEGER'): number {
  const n = expectUniversal(node, tag.INTEGER, what);
  const bytes = n.content;
  if (bytes.length === 0 || bytes.length > 6 || (bytes[0]! & 0x80) !== 0) {
    throw new CmsParseError('DER_MALFORMED', `${what}: not a small non-negative INTEGER`, { offset: n.offset });
  }
  let value = 0;
  for (const b of bytes) value = value * 256 + b;
  return value;
}

/** UTCTime or GeneralizedTime as a Date (UTC; BER's +hhmm offsets are applied). */
export function readTime(node: DerNode | undefined, what = 'time'): Date {
  if (!node) throw new CmsParseError('DER_MALFORMED', `${what} is missing`);
  const isUtc = node.isUniversal(tag.UTC_TIME);
  if (!isUtc && !node.isUniversal(tag.GENERALIZED_TIME)) {
    throw new CmsParseError('DER_MALFORMED', `${what}: expected UTCTime or GeneralizedTime, found ${node.describe()}`, { offset: node.offset });
  }
  const text = latin1(stringBytes(node));
  const date = decodeTime(text, isUtc);
  if (!date) throw new CmsParseError('DER_MALFORMED', `${what}: bad time "${text.slice(0, 40)}"`, { offset: node.offset });
  return date;
}

/** Decodes any ASN.1 character string type to text. */
export function readString(node: DerNode | undefined, what = 'string'): string {
  if (!node) throw new CmsParseError('DER_MALFORMED', `${what} is missing`);
  if (node.tagClass !== 0 /* universal */) {
    throw new CmsParseError('DER_MALFORMED', `${what}: expected a string, found ${node.describe()}`, { offset: node.offset });
  }
  const text = decodeString(node.tagNumber, stringBytes(node));
  if (text === undefined) {
    throw new CmsParseError('DER_MALFORMED', `${what}: expected a string, found ${node.describe()}`, { offset: node.offset });
  }
  return text;
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new CmsParseError('DER_MALFORMED', 'not a hex string');
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
