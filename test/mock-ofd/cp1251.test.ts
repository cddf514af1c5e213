import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cp1251EncodeError, encodeCp1251, escapeXml } from '../../src/mock-ofd/index.js';

const decode = (bytes: Uint8Array) => new TextDecoder('windows-1251').decode(bytes);

/** Every character windows-1251 has, taken from the platform's own decoder (0x98 has none). */
const CP1251_CHARS = Array.from({ length: 256 }, (_, b) => b)
  .filter((b) => b !== 0x98)
  .map((b) => decode(Uint8Array.of(b)));

describe('windows-1251 encoder', () => {
  it('round-trips every character of the code page through the platform decoder', () => {
    const all = CP1251_CHARS.join('');
    expect(decode(encodeCp1251(all))).toBe(all);
    expect(encodeCp1251(all)).toHaveLength(255);
  });

  it('round-trips random Russian text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CP1251_CHARS), { maxLength: 200 }), (chars) => {
        const text = chars.join('');
        expect(decode(encodeCp1251(text))).toBe(text);
      }),
    );
  });

  it('writes the bytes FNS files use', () => {
    expect([...encodeCp1251('Ёё№«»—А')]).toEqual([0xa8, 0xb8, 0xb9, 0xab, 0xbb, 0x97, 0xc0]);
  });

  it('throws on characters it has no byte for, or replaces them when asked', () => {
    expect(() => encodeCp1251('日本')).toThrow(Cp1251EncodeError);
    expect(decode(encodeCp1251('a日b', 'replace'))).toBe('a?b');
  });

  it('escapeXml turns unencodable characters into references so the XML stays faithful', () => {
    const escaped = escapeXml('ООО "Ромашка" & <Ко> 😀');
    expect(escaped).toBe('ООО &quot;Ромашка&quot; &amp; &lt;Ко&gt; &#x1F600;');
    expect(() => encodeCp1251(escaped)).not.toThrow();
  });
});
