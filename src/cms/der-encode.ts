/**
 * The few DER writing helpers the readers need (re-encoding signed attributes as the SET OF a signature covers),
 * also handy for building test structures.
 */
import { concatBytes, type DerNode } from './der.js';
import { CmsParseError } from './errors/CmsParseError.js';

/** DER length octets. */
export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One element with a low tag number: identifier octet, DER length, content. */
export function encodeTlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = content.length === 1 ? content[0]! : concatBytes(content);
  return concatBytes([Uint8Array.of(tag), encodeLength(body.length), body]);
}

/**
 * Re-encodes a parsed element with definite lengths, optionally under another identifier octet.
 * Used for signedAttrs: signed as `SET OF` (0x31) although carried as `[0] IMPLICIT` (0xA0), and as DER even when
 * the message around them is BER. Definite-length subtrees are copied byte for byte.
 */
export function reencodeDefinite(node: DerNode, tag: number = node.tag): Uint8Array {
  if (!node.usesIndefiniteLength) {
    if (tag === node.tag) return node.raw;
    return concatBytes([Uint8Array.of(tag), node.input.subarray(node.offset + 1, node.end)]);
  }
  if (tag < 0) throw new CmsParseError('DER_MALFORMED', 'cannot re-encode an indefinite element with a high tag number', { offset: node.offset });
  const parts = node.children.map((child) => reencodeDefinite(child));
  return encodeTlv(tag, concatBytes(parts));
}
