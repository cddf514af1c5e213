/**
 * GOST R 34.11-2012 (Streebog) hash, 256- and 512-bit, as RFC 6986 describes it.
 *
 * Byte order: a message is a byte string whose first byte is the least significant byte of the standard's number
 * (the order OpenSSL, CryptoPro and CMS use); the digest is returned the same way, so `streebog(m, 256)` equals what
 * `openssl dgst -md_gost12_256` prints.
 *
 * Representation: the 512-bit state is 16 little-endian 32-bit limbs (`[lo0, hi0, lo1, hi1, …]` for the eight 64-bit
 * words). The transformation LPS is done with eight 256-entry tables, T[k][v] = l(π'(v) placed in byte k), computed
 * once from π' and the matrix A: each output word is the XOR of one table entry per input word (the transposition P
 * is the choice of byte). Work is linear in the message length; nothing is allocated per block.
 */
import { A_HEX, C_HEX, PI_HEX } from './streebog-constants.js';

export type StreebogBits = 256 | 512;

const T_LO = new Int32Array(8 * 256);
const T_HI = new Int32Array(8 * 256);
/** C1..C12 as 16 limbs each. */
const C_LIMBS: Int32Array[] = [];

function buildTables(): void {
  const pi = new Uint8Array(256);
  for (let i = 0; i < 256; i++) pi[i] = parseInt(PI_HEX.slice(2 * i, 2 * i + 2), 16);
  const rowHi = new Int32Array(64);
  const rowLo = new Int32Array(64);
  for (let j = 0; j < 64; j++) {
    rowHi[j] = parseInt(A_HEX.slice(16 * j, 16 * j + 8), 16) | 0;
    rowLo[j] = parseInt(A_HEX.slice(16 * j + 8, 16 * j + 16), 16) | 0;
  }
  // l(b) = XOR of the rows A[j] for every set bit of b, bit 63 (the most significant) selecting row 0.
  for (let k = 0; k < 8; k++) {
    for (let v = 0; v < 256; v++) {
      const s = pi[v]!;
      let lo = 0;
      let hi = 0;
      for (let bit = 0; bit < 8; bit++) {
        if ((s >>> bit) & 1) {
          const row = 63 - (8 * k + bit);
          lo ^= rowLo[row]!;
          hi ^= rowHi[row]!;
        }
      }
      T_LO[(k << 8) | v] = lo;
      T_HI[(k << 8) | v] = hi;
    }
  }
  for (const hex of C_HEX) {
    const limbs = new Int32Array(16);
    // Most significant hex digit first → limb 15 is the first 8 digits.
    for (let i = 0; i < 16; i++) limbs[15 - i] = parseInt(hex.slice(8 * i, 8 * i + 8), 16) | 0;
    C_LIMBS.push(limbs);
  }
}
buildTables();

const xored = new Int32Array(16);

/** out = LPS(a ⊕ b). */
function lpsXor(a: Int32Array, b: Int32Array, out: Int32Array): void {
  const x = xored;
  for (let i = 0; i < 16; i++) x[i] = a[i]! ^ b[i]!;
  for (let i = 0; i < 8; i++) {
    // Output word i takes byte i of every input word k (the transposition P), through table k.
    const half = i >> 2; // byte i of a 64-bit word sits in its low (0) or high (1) limb
    const shift = (i & 3) << 3;
    const i0 = (x[half]! >>> shift) & 0xff;
    const i1 = 256 | ((x[2 + half]! >>> shift) & 0xff);
    const i2 = 512 | ((x[4 + half]! >>> shift) & 0xff);
    const i3 = 768 | ((x[6 + half]! >>> shift) & 0xff);
    const i4 = 1024 | ((x[8 + half]! >>> shift) & 0xff);
    const i5 = 1280 | ((x[10 + half]! >>> shift) & 0xff);
    const i6 = 1536 | ((x[12 + half]! >>> shift) & 0xff);
    const i7 = 1792 | ((x[14 + half]! >>> shift) & 0xff);
    out[2 * i] = T_LO[i0]! ^ T_LO[i1]! ^ T_LO[i2]! ^ T_LO[i3]! ^ T_LO[i4]! ^ T_LO[i5]! ^ T_LO[i6]! ^ T_LO[i7]!;
    out[2 * i + 1] = T_HI[i0]! ^ T_HI[i1]! ^ T_HI[i2]! ^ T_HI[i3]! ^ T_HI[i4]! ^ T_HI[i5]! ^ T_HI[i6]! ^ T_HI[i7]!;
  }
}

// Scratch limbs for compress (the hash is synchronous, so one set serves every call).
const keyA = new Int32Array(16);
const keyB = new Int32Array(16);
const textA = new Int32Array(16);
const textB = new Int32Array(16);
const ZERO = new Int32Array(16);

/** h = g_N(h, m) = E(LPS(h ⊕ N), m) ⊕ h ⊕ m. */
function compress(h: Int32Array, n: Int32Array, m: Int32Array): void {
  let key = keyA;
  let nextKey = keyB;
  let text = textA;
  let nextText = textB;
  lpsXor(h, n, key);
  // E(K1, m) = X[K13] LPSX[K12] … LPSX[K1](m), with K(i+1) = LPS(Ki ⊕ Ci).
  lpsXor(key, m, text);
  for (let round = 0; round < 12; round++) {
    lpsXor(key, C_LIMBS[round]!, nextKey);
    [key, nextKey] = [nextKey, key];
    if (round === 11) break;
    lpsXor(key, text, nextText);
    [text, nextText] = [nextText, text];
  }
  for (let i = 0; i < 16; i++) h[i] = h[i]! ^ key[i]! ^ text[i]! ^ m[i]!;
}

/** sigma = sigma + m mod 2^512 (little-endian limbs). */
function addTo(sigma: Int32Array, m: Int32Array): void {
  let carry = 0;
  for (let i = 0; i < 16; i++) {
    const sum = (sigma[i]! >>> 0) + (m[i]! >>> 0) + carry;
    sigma[i] = sum | 0;
    carry = sum > 0xffffffff ? 1 : 0;
  }
}

/** n = n + bits, for bit counts below 2^53. */
function addCount(n: Int32Array, bits: number): void {
  addTo(n, Int32Array.of(bits % 0x100000000 | 0, Math.floor(bits / 0x100000000) | 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
}

function readBlock(data: Uint8Array, offset: number, out: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + 4 * i;
    out[i] = data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24);
  }
}

/** Streebog digest of `data`: 32 bytes for 256, 64 bytes for 512. */
export function streebog(data: Uint8Array, bits: StreebogBits): Uint8Array {
  const h = new Int32Array(16).fill(bits === 256 ? 0x01010101 : 0);
  const n = new Int32Array(16);
  const sigma = new Int32Array(16);
  const message = new Int32Array(16);
  const full = data.length - (data.length % 64);
  for (let offset = 0; offset < full; offset += 64) {
    readBlock(data, offset, message);
    compress(h, n, message);
    addCount(n, 512);
    addTo(sigma, message);
  }
  // The rest (possibly empty) padded with 0x01 then zeros.
  const last = new Uint8Array(64);
  last.set(data.subarray(full));
  last[data.length - full] = 0x01;
  readBlock(last, 0, message);
  compress(h, n, message);
  addCount(n, (data.length - full) * 8);
  addTo(sigma, message);
  compress(h, ZERO, n);
  compress(h, ZERO, sigma);

  const out = new Uint8Array(64);
  for (let i = 0; i < 16; i++) {
    const v = h[i]!;
    out[4 * i] = v & 0xff;
    out[4 * i + 1] = (v >>> 8) & 0xff;
    out[4 * i + 2] = (v >>> 16) & 0xff;
    out[4 * i + 3] = v >>> 24;
  }
  // The 256-bit digest is the most significant half: the last 32 bytes in this order.
  return bits === 512 ? out : out.slice(32);
}
