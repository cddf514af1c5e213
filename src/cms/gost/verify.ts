/** GOST R 34.10-2012 signature verification (the standard's section 6.2; RFC 7091, 6.2) over a digest. */
import type { GostCurve } from './curves.js';
import { isOnCurve, modInverse, multiplyAdd, type AffinePoint } from './ec.js';
import { digestScalar, type GostSignatureValue } from './sign.js';

/** True when (r, s) is a valid signature of `digest` under the public point Q. Never throws. */
export function verifyDigest(
  curve: GostCurve,
  publicKey: AffinePoint,
  digest: Uint8Array,
  { r, s }: GostSignatureValue,
): boolean {
  const { q } = curve;
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  if (!isOnCurve(curve, publicKey)) return false;
  const v = modInverse(digestScalar(curve, digest), q);
  const z1 = (s * v) % q;
  const z2 = q - ((r * v) % q);
  let c: AffinePoint | undefined;
  try {
    c = multiplyAdd(curve, z1, z2, publicKey);
  } catch {
    return false; // a public key of small order (possible on the cofactor-4 Edwards curves)
  }
  return c !== undefined && c.x % q === r;
}
