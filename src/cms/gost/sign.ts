/**
 * GOST R 34.10-2012 signature generation (the standard's section 6.1; RFC 7091, 6.1) over a digest.
 * Signatures are (r, s); the byte layouts of keys and signatures are the caller's business (see ../gost.ts).
 */
import type { GostCurve } from './curves.js';
import { mod, multiplyBase, type AffinePoint } from './ec.js';
import { bigIntFromLittleEndian } from './numbers.js';

export interface GostSignatureValue {
  r: bigint;
  s: bigint;
}

/** e = α mod q, where α is the digest read as a little-endian number; e = 0 becomes 1 (step 2). */
export function digestScalar(curve: GostCurve, digest: Uint8Array): bigint {
  const e = bigIntFromLittleEndian(digest) % curve.q;
  return e === 0n ? 1n : e;
}

/** A uniformly random scalar in [1, q − 1] from the platform's CSPRNG (64 extra bits make the bias negligible). */
export function randomScalar(curve: GostCurve): bigint {
  const bytes = new Uint8Array(curve.bits / 8 + 8);
  crypto.getRandomValues(bytes);
  return (bigIntFromLittleEndian(bytes) % (curve.q - 1n)) + 1n;
}

/** Q = d·P. */
export function publicPoint(curve: GostCurve, privateScalar: bigint): AffinePoint {
  const point = multiplyBase(curve, mod(privateScalar, curve.q));
  if (!point) throw new RangeError('the private key is a multiple of q');
  return point;
}

/**
 * Signs a digest with the private scalar d. `nonce` supplies k (fresh random by default); it is asked again in the
 * standard's two rare retry cases, r = 0 or s = 0.
 */
export function signDigest(
  curve: GostCurve,
  privateScalar: bigint,
  digest: Uint8Array,
  nonce: (curve: GostCurve) => bigint = randomScalar,
): GostSignatureValue {
  const { q } = curve;
  const d = mod(privateScalar, q);
  if (d === 0n) throw new RangeError('the private key is a multiple of q');
  const e = digestScalar(curve, digest);
  for (;;) {
    const k = mod(nonce(curve), q);
    if (k === 0n) continue;
    const c = multiplyBase(curve, k);
    if (!c) continue;
    const r = c.x % q;
    if (r === 0n) continue;
    const s = (r * d + k * e) % q;
    if (s === 0n) continue;
    return { r, s };
  }
}
