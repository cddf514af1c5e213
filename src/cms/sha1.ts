/**
 * Synchronous SHA-1 (FIPS 180-4), only for certificate thumbprints: CryptoPro names certificates by the SHA-1 of
 * their DER, and WebCrypto's digest is asynchronous, which would make certificate parsing async in the browser.
 * Not for anything security-relevant. Inputs are certificates (kilobytes): the message is padded in a copy.
 */
export function sha1(data: Uint8Array): Uint8Array {
  // Message, 0x80, zeros, and the 64-bit bit length: a multiple of 64 bytes.
  const padded = new Uint8Array(((data.length + 72) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, data.length / 2 ** 29);
  view.setUint32(padded.length - 4, data.length << 3);
  const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Int32Array(80);
  const k = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6];
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 80; i++) w[i] = i < 16 ? view.getInt32(block + 4 * i) : rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const round = (i / 20) | 0;
      const f = round == 0 ? (b & c) | (~b & d) : round == 2 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const t = (rotl(a, 5) + f + e + k[round]! + w[i]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    [a, b, c, d, e].forEach((x, i) => (h[i] = (h[i]! + x) | 0));
  }
  const out = new Uint8Array(20);
  h.forEach((x, i) => new DataView(out.buffer).setUint32(i * 4, x >>> 0));
  return out;
}
