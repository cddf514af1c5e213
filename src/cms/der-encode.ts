/**
 * The few DER writing helpers the readers need (re-encoding signed attributes as the SET OF a signature covers),
 * also handy for building test structures. The work is ber.ts's; these are its forms for parsed {@link DerNode}s.
 */
import { berAt, concatBytes, definiteForm, encodeLength } from './ber.js';
import type { DerNode } from './der.js';
import { toCmsParseError } from './errors/CmsParseError.js';

export { encodeLength };

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
  try {
    // A high tag number reads -1 on a DerNode: then the element keeps its own identifier octets.
    return definiteForm(node.input, berAt(node.input, node.offset, node.end), tag === node.tag ? undefined : tag);
  } catch (error) {
    throw toCmsParseError(error);
  }
}
