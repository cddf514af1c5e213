/**
 * Fast signing for the *test* CA: certificate signatures with a nonce fixed per CA.
 *
 * A GOST R 34.10 signature is s = (r·d + k·e) mod q with r = x(k·P). Computing k·P dominates the cost (≈5–15 ms in
 * pure JS), so a CA that reuses one k pays it once and then signs in microseconds — what lets a benchmark issue
 * 1,000 certificates quickly. Reusing k reveals the private key to anyone holding two signatures: acceptable only
 * because a test CA's key is no secret (it lives in the test process). Never use this for anything real.
 * Signatures by end-entity keys (the CMS the emulator makes) keep a fresh random nonce per signature.
 */
import { gostSign, streebog256, type GostKeyBits } from '../cms/gost.js';

/** Order of the CryptoPro-A curve (id-GostR3410-2001-CryptoPro-A-ParamSet) of 256-bit test keys. */
const Q_256 = 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n;

export type CaSigner = (data: Uint8Array) => Uint8Array;

function littleEndianToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] as number);
  return v;
}

function bigEndianToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function toBigEndian32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * A signer for a 256-bit CA key with one nonce, derived once from a regular signature.
 * Falls back to regular signing for 512-bit CA keys.
 */
export function createCaSigner(privateKey: Uint8Array, bits: GostKeyBits): CaSigner {
  if (bits !== 256) return (data) => gostSign(privateKey, data, bits);
  const d = littleEndianToBigInt(privateKey) % Q_256;
  // Learn one valid (k, r) pair: sign a probe, then recover k = (s − r·d)·e⁻¹ mod q.
  const probe = Uint8Array.of(0x6f, 0x66, 0x64);
  const signature = gostSign(privateKey, probe, 256);
  const s0 = bigEndianToBigInt(signature.subarray(0, 32));
  const r = bigEndianToBigInt(signature.subarray(32));
  const e0 = digestScalar(probe);
  const k = (((s0 - ((r * d) % Q_256) + Q_256) % Q_256) * modInverse(e0, Q_256)) % Q_256;
  const rd = (r * d) % Q_256;
  const rBytes = toBigEndian32(r);
  return (data) => {
    const s = (rd + k * digestScalar(data)) % Q_256;
    const out = new Uint8Array(64);
    out.set(toBigEndian32(s));
    out.set(rBytes, 32);
    return out;
  };
}

/** e = Streebog-256(data) read little-endian, reduced mod q (0 becomes 1), as the standard prescribes. */
function digestScalar(data: Uint8Array): bigint {
  const e = littleEndianToBigInt(streebog256(data)) % Q_256;
  return e === 0n ? 1n : e;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % m) + m) % m;
}
