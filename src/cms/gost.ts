/**
 * GOST primitives for certificates and CMS: Streebog (GOST R 34.11-2012) digests and GOST R 34.10-2012
 * signatures on every curve of ./gost/curves.ts, in the byte orders X.509 and CMS use. Our own code on BigInt
 * (./gost/): proven by the standards' examples and against OpenSSL's GOST engine in test/cms/gost/.
 *
 * Byte orders:
 * - public key: little-endian X ‖ Y (64 bytes for 256-bit keys), the OCTET STRING inside a certificate's BIT STRING;
 * - signature: big-endian s ‖ r (64 bytes for 256-bit keys), as in certificates and SignerInfo.signature;
 * - private key: the scalar d little-endian (32/64 bytes) — opaque to callers.
 */
import { DEFAULT_CURVE_OID, gostCurve, type GostCurve } from './gost/curves.js';
import { bigEndianBytes, bigIntFromBigEndian, bigIntFromLittleEndian, littleEndianBytes } from './gost/numbers.js';
import { publicPoint, randomScalar, signDigest } from './gost/sign.js';
import { streebog } from './gost/streebog.js';
import { verifyDigest } from './gost/verify.js';

export type GostKeyBits = 256 | 512;

export interface GostKeyPair {
  privateKey: Uint8Array;
  /** Little-endian X ‖ Y, as in certificates. */
  publicKey: Uint8Array;
}

/** Streebog-256 digest, in the byte order OpenSSL prints and CMS messageDigest carries. */
export function streebog256(data: Uint8Array): Uint8Array {
  return streebog(data, 256);
}

/** Streebog-512 digest. */
export function streebog512(data: Uint8Array): Uint8Array {
  return streebog(data, 512);
}

/**
 * The curve of a key: the certificate's publicKeyParamSet OID, or our default for the size (CryptoPro-A for 256,
 * TC26 512 A for 512). Undefined when the OID is unknown or names a curve of the other size.
 */
export function gostCurveFor(bits: GostKeyBits, curveOid?: string): GostCurve | undefined {
  const curve = gostCurve(curveOid ?? DEFAULT_CURVE_OID[bits]);
  return curve?.bits === bits ? curve : undefined;
}

function curveOrThrow(bits: GostKeyBits, curveOid: string | undefined): GostCurve {
  const curve = gostCurveFor(bits, curveOid);
  if (!curve) throw new RangeError(`no ${bits}-bit GOST curve ${curveOid ?? ''}`.trim());
  return curve;
}

function encodePublicKey(curve: GostCurve, x: bigint, y: bigint): Uint8Array {
  const size = curve.bits / 8;
  const out = new Uint8Array(2 * size);
  out.set(littleEndianBytes(x, size));
  out.set(littleEndianBytes(y, size), size);
  return out;
}

/** A fresh GOST R 34.10-2012 key pair (256 bits on CryptoPro-A by default; any curve by its OID). */
export function generateGostKeyPair(bits: GostKeyBits = 256, curveOid?: string): GostKeyPair {
  const curve = curveOrThrow(bits, curveOid);
  const d = randomScalar(curve);
  const q = publicPoint(curve, d);
  return { privateKey: littleEndianBytes(d, bits / 8), publicKey: encodePublicKey(curve, q.x, q.y) };
}

/** Hashes `data` with Streebog of the key's size and signs it with a fresh random nonce; returns s ‖ r big-endian. */
export function gostSign(privateKey: Uint8Array, data: Uint8Array, bits: GostKeyBits = 256, curveOid?: string): Uint8Array {
  const curve = curveOrThrow(bits, curveOid);
  const { r, s } = signDigest(curve, bigIntFromLittleEndian(privateKey), streebog(data, bits));
  const size = bits / 8;
  const out = new Uint8Array(2 * size);
  out.set(bigEndianBytes(s, size));
  out.set(bigEndianBytes(r, size), size);
  return out;
}

/** Verifies an s ‖ r big-endian signature over `data` with a little-endian X ‖ Y public key. Never throws. */
export function gostVerify(
  publicKey: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
  bits: GostKeyBits = 256,
  curveOid?: string,
): boolean {
  const curve = gostCurveFor(bits, curveOid);
  const size = bits / 8;
  if (!curve || publicKey.length !== 2 * size || signature.length !== 2 * size) return false;
  const point = {
    x: bigIntFromLittleEndian(publicKey.subarray(0, size)),
    y: bigIntFromLittleEndian(publicKey.subarray(size)),
  };
  const value = { s: bigIntFromBigEndian(signature.subarray(0, size)), r: bigIntFromBigEndian(signature.subarray(size)) };
  return verifyDigest(curve, point, streebog(data, bits), value);
}
