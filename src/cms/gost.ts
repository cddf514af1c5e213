/**
 * GOST primitives for certificates and CMS: Streebog (GOST R 34.11-2012) digests and GOST R 34.10-2012
 * signatures, in the byte orders X.509 and CMS use. A thin typed wrapper over the pure-JS package
 * node-gost-crypto (its low-level engine only, not its WebCrypto layer).
 *
 * Byte orders (checked against OpenSSL's GOST engine in test/testing/gost.test.ts, certificates.test.ts and
 * emulator-openssl.test.ts):
 * - public key: little-endian X ‖ Y (64 bytes for 256-bit keys), the OCTET STRING inside a certificate's BIT STRING;
 * - signature: big-endian s ‖ r (64 bytes for 256-bit keys), as in certificates and SignerInfo.signature;
 * - private key: the scalar d little-endian (32/64 bytes) — opaque to callers.
 */
import { returnGlobal } from './gost-global-shim.js';
import gostEngine from 'node-gost-crypto/lib/gostEngine.js';

returnGlobal();

export type GostKeyBits = 256 | 512;

export interface GostKeyPair {
  privateKey: Uint8Array;
  /** Little-endian X ‖ Y, as in certificates. */
  publicKey: Uint8Array;
}

/** Curves: CryptoPro-A (1.2.643.2.2.35.1) for 256-bit keys, TC26 paramSetA (1.2.643.7.1.2.1.2.1) for 512. */
const CURVE_BY_BITS: Record<GostKeyBits, string> = { 256: 'S-256-A', 512: 'T-512-A' };

const digesters = {
  256: gostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 256 }),
  512: gostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 512 }),
};

const signers = new Map<GostKeyBits, ReturnType<typeof gostEngine.getGostSign>>();
function signer(bits: GostKeyBits) {
  let s = signers.get(bits);
  if (!s) {
    // procreator 'CP' makes the engine emit/accept s ‖ r big-endian (CryptoPro / CMS order).
    s = gostEngine.getGostSign({
      name: 'GOST R 34.10',
      version: 2012,
      length: bits,
      namedCurve: CURVE_BY_BITS[bits],
      procreator: 'CP',
      hash: { name: 'GOST R 34.11' },
    });
    signers.set(bits, s);
  }
  return s;
}

/** Copies into a fresh ArrayBuffer-backed view: the engine rejects views of foreign realms or offsets. */
function plain(data: Uint8Array): Uint8Array {
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy;
}

/** Streebog-256 digest, in the byte order OpenSSL prints and CMS messageDigest carries. */
export function streebog256(data: Uint8Array): Uint8Array {
  return new Uint8Array(digesters[256].digest(plain(data)));
}

/** Streebog-512 digest. */
export function streebog512(data: Uint8Array): Uint8Array {
  return new Uint8Array(digesters[512].digest(plain(data)));
}

/** A fresh GOST R 34.10-2012 key pair (256 bits on CryptoPro-A by default). */
export function generateGostKeyPair(bits: GostKeyBits = 256): GostKeyPair {
  const pair = signer(bits).generateKey();
  return { privateKey: new Uint8Array(pair.privateKey), publicKey: new Uint8Array(pair.publicKey) };
}

/** Hashes `data` with Streebog of the key's size and signs it; returns s ‖ r big-endian. */
export function gostSign(privateKey: Uint8Array, data: Uint8Array, bits: GostKeyBits = 256): Uint8Array {
  for (let attempt = 1; ; attempt++) {
    try {
      return new Uint8Array(signer(bits).sign(plain(privateKey), plain(data)));
    } catch (error) {
      // node-gost-crypto's modular inverse calls an undefined `subtract` on a rare branch that depends on the random
      // nonce; a new nonce gives an equally valid signature.
      if (!(error instanceof ReferenceError) || attempt >= 5) throw error;
    }
  }
}

/** Verifies an s ‖ r big-endian signature over `data` with a little-endian X ‖ Y public key. */
export function gostVerify(
  publicKey: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
  bits: GostKeyBits = 256,
): boolean {
  if (publicKey.length !== bits / 4 || signature.length !== bits / 4) return false;
  try {
    return signer(bits).verify(plain(publicKey), plain(signature), plain(data));
  } catch {
    return false;
  }
}
