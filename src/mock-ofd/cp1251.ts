/**
 * UTF-16 → windows-1251, the encoding of FNS XML files. TextEncoder only speaks UTF-8, and a table of
 * 128 entries is smaller than a dependency. Decoding is left to `new TextDecoder('windows-1251')`.
 */

/** Code points of bytes 0x80..0xBF (0x98 is unassigned); 0xC0..0xFF are А..я in order. */
const HIGH_HALF: readonly number[] = [
  0x0402, 0x0403, 0x201a, 0x0453, 0x201e, 0x2026, 0x2020, 0x2021, 0x20ac, 0x2030, 0x0409, 0x2039, 0x040a, 0x040c, 0x040b, 0x040f,
  0x0452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, -1, 0x2122, 0x0459, 0x203a, 0x045a, 0x045c, 0x045b, 0x045f,
  0x00a0, 0x040e, 0x045e, 0x0408, 0x00a4, 0x0490, 0x00a6, 0x00a7, 0x0401, 0x00a9, 0x0404, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x0407,
  0x00b0, 0x00b1, 0x0406, 0x0456, 0x0491, 0x00b5, 0x00b6, 0x00b7, 0x0451, 0x2116, 0x0454, 0x00bb, 0x0458, 0x0405, 0x0455, 0x0457,
];

const ENCODE = new Map<number, number>();
HIGH_HALF.forEach((codePoint, i) => {
  if (codePoint >= 0) ENCODE.set(codePoint, 0x80 + i);
});
for (let i = 0; i < 64; i++) ENCODE.set(0x0410 + i, 0xc0 + i);

export class Cp1251EncodeError extends Error {
  override name = 'Cp1251EncodeError';
  readonly code = 'CP1251_UNMAPPABLE';
  constructor(readonly codePoint: number, readonly index: number) {
    super(`U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at ${index} has no windows-1251 byte`);
  }
}

/** Whether every character of `text` has a windows-1251 byte. */
export function isCp1251Encodable(codePoint: number): boolean {
  return codePoint < 0x80 || ENCODE.has(codePoint);
}

/**
 * Encode text as windows-1251. Characters without a byte throw, or become `?` with `replace`
 * (callers writing XML should turn them into character references first, see `escapeXml`).
 */
export function encodeCp1251(text: string, onUnmappable: 'throw' | 'replace' = 'throw'): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const byte = cp < 0x80 ? cp : ENCODE.get(cp);
    if (byte === undefined) {
      if (onUnmappable === 'throw') throw new Cp1251EncodeError(cp, index);
      out[n++] = 0x3f;
    } else {
      out[n++] = byte;
    }
    index += ch.length;
  }
  return out.slice(0, n);
}
