/**
 * Structural damage to a real CMS, element by element: each mutation leaves bytes that no honest BER reader may
 * accept as the same SignedData (a length that runs past the end, indefinite length on a primitive, a length of
 * more octets than any machine word, a missing end-of-contents, a nesting bomb, trailing junk…).
 */
import { concatBytes } from '../../../src/cms/ber.js';
import { parseDer, type DerNode } from '../../../src/cms/der.js';

export type BerMutation =
  | 'length-overflow'
  | 'length-huge'
  | 'length-too-many-octets'
  | 'indefinite-primitive'
  | 'truncate-inside'
  | 'drop-end-of-contents'
  | 'trailing-junk'
  | 'reserved-length-0xff';

export const BER_MUTATIONS: readonly BerMutation[] = [
  'length-overflow', 'length-huge', 'length-too-many-octets', 'indefinite-primitive', 'truncate-inside',
  'drop-end-of-contents', 'trailing-junk', 'reserved-length-0xff',
];

export function allNodes(der: Uint8Array): DerNode[] {
  const out: DerNode[] = [];
  const walk = (n: DerNode) => {
    out.push(n);
    for (const c of n.children) walk(c);
  };
  walk(parseDer(der));
  return out;
}

const concat = (...parts: Uint8Array[]) => concatBytes(parts);

/** Offset just past the identifier octets of a node. */
function lengthOffset(der: Uint8Array, node: DerNode): number {
  let at = node.offset + 1;
  if ((der[node.offset]! & 0x1f) === 0x1f) while (der[at++]! & 0x80);
  return at;
}

/** Applies `mutation` to the `pick`-th node (modulo the count of nodes it applies to). */
export function mutateBer(der: Uint8Array, mutation: BerMutation, pick: number): Uint8Array {
  const nodes = allNodes(der);
  const choose = (list: DerNode[]) => list[pick % list.length]!;
  switch (mutation) {
    case 'length-overflow': {
      // The element claims more content than the input has left.
      const node = choose(nodes.filter((n) => !n.indefinite));
      const lo = lengthOffset(der, node);
      const remaining = der.length - node.contentStart;
      const claimed = remaining + 1 + (pick % 1000);
      const len = new Uint8Array([0x84, (claimed >>> 24) & 0xff, (claimed >>> 16) & 0xff, (claimed >>> 8) & 0xff, claimed & 0xff]);
      return concat(der.subarray(0, lo), len, der.subarray(node.contentStart));
    }
    case 'length-huge': {
      const node = choose(nodes);
      const lo = lengthOffset(der, node);
      return concat(der.subarray(0, lo), new Uint8Array([0x84, 0xff, 0xff, 0xff, 0xff]), der.subarray(node.contentStart));
    }
    case 'length-too-many-octets': {
      const node = choose(nodes);
      const lo = lengthOffset(der, node);
      return concat(der.subarray(0, lo), new Uint8Array([0x89, 0, 0, 0, 0, 0, 0, 0, 0, 1]), der.subarray(node.contentStart));
    }
    case 'reserved-length-0xff': {
      const node = choose(nodes);
      const lo = lengthOffset(der, node);
      return concat(der.subarray(0, lo), new Uint8Array([0xff]), der.subarray(node.contentStart));
    }
    case 'indefinite-primitive': {
      // 0x80 on a primitive element is forbidden by X.690 8.1.3.2.
      const node = choose(nodes.filter((n) => !n.constructed));
      const lo = lengthOffset(der, node);
      return concat(der.subarray(0, lo), new Uint8Array([0x80]), der.subarray(node.contentStart, node.contentEnd), new Uint8Array([0, 0]), der.subarray(node.end));
    }
    case 'truncate-inside': {
      const node = choose(nodes.filter((n) => n.end > n.contentStart));
      const cut = node.contentStart + ((pick >>> 3) % Math.max(1, node.end - node.contentStart));
      return der.subarray(0, Math.min(cut, der.length - 1));
    }
    case 'drop-end-of-contents': {
      const indefinite = nodes.filter((n) => n.indefinite);
      if (indefinite.length === 0) return der.subarray(0, der.length - 2);
      const node = choose(indefinite);
      return concat(der.subarray(0, node.end - 2), der.subarray(node.end));
    }
    case 'trailing-junk':
      return concat(der, new Uint8Array([0x00, 0x00, 0x30, 0x80, 0x05, 0x00].slice(0, 1 + (pick % 6))));
  }
}

/** `depth` nested indefinite-length SEQUENCEs: a stack bomb for a recursive reader. */
export function nestingBomb(depth: number, closed: boolean): Uint8Array {
  const open = new Uint8Array(depth * 2);
  for (let i = 0; i < depth; i++) {
    open[2 * i] = 0x30;
    open[2 * i + 1] = 0x80;
  }
  return closed ? concat(open, new Uint8Array(depth * 2)) : open;
}

/** DER SEQUENCE wrapper with a definite length. */
export function derSequence(content: Uint8Array): Uint8Array {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return concat(new Uint8Array([0x30, ...len]), content);
}

/**
 * Re-encodes a DER CMS the way `openssl cms -stream` and CryptoPro do: indefinite lengths on the path to the
 * signed content (ContentInfo, [0], SignedData, EncapsulatedContentInfo, its [0]), DER everywhere else (the
 * signed attributes and certificates must keep their exact bytes). A legitimate encoding: it must be accepted.
 */
export function toIndefinite(der: Uint8Array): Uint8Array {
  const root = parseDer(der);
  const signedData = root.children[1]?.children[0];
  const encap = signedData?.children[2];
  const streamed = new Set([root, root.children[1], signedData, encap, encap?.children[1]].filter(Boolean) as DerNode[]);
  const encode = (n: DerNode): Uint8Array => {
    if (!n.constructed || !streamed.has(n)) return der.subarray(n.offset, n.end);
    const ident = der.subarray(n.offset, lengthOffset(der, n));
    return concat(ident, new Uint8Array([0x80]), ...n.children.map(encode), new Uint8Array([0, 0]));
  };
  return encode(root);
}
