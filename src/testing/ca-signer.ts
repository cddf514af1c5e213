/**
 * Fast signing for the *test* CA: certificate signatures with a nonce fixed per CA.
 *
 * A GOST R 34.10 signature is s = (r·d + k·e) mod q with r = x(k·P) mod q. Computing k·P is most of the cost, so a
 * CA that reuses one k pays it once and then signs for the price of a Streebog digest — what lets a benchmark issue
 * 1,000 certificates quickly. Reusing k reveals the private key to anyone holding two
 * signatures: acceptable only because a test CA's key is no secret (it lives in the test process). Never use this for
 * anything real. Signatures by end-entity keys (the CMS the emulator makes) keep a fresh random nonce per signature.
 */
import { gostCurveFor, type GostKeyBits } from '../cms/gost.js';
import { bigEndianBytes, bigIntFromLittleEndian } from '../cms/gost/numbers.js';
import { digestScalar, randomScalar, signDigest } from '../cms/gost/sign.js';
import { streebog } from '../cms/gost/streebog.js';

export type CaSigner = (data: Uint8Array) => Uint8Array;

/** A signer (s ‖ r big-endian, as gostSign) for a CA key, with one nonce drawn when it is made. */
export function createCaSigner(privateKey: Uint8Array, bits: GostKeyBits, curveOid?: string): CaSigner {
  const curve = gostCurveFor(bits, curveOid);
  if (!curve) throw new RangeError(`no ${bits}-bit GOST curve ${curveOid ?? ''}`.trim());
  const { q } = curve;
  const d = bigIntFromLittleEndian(privateKey) % q;
  const k = randomScalar(curve);
  // One regular signature with nonce k yields r = x(k·P) mod q; after that only s depends on the data.
  const { r } = signDigest(curve, d, streebog(Uint8Array.of(0x6f, 0x66, 0x64), bits), () => k);
  const rd = (r * d) % q;
  const size = bits / 8;
  const rBytes = bigEndianBytes(r, size);
  return (data) => {
    const s = (rd + k * digestScalar(curve, streebog(data, bits))) % q;
    const out = new Uint8Array(2 * size);
    out.set(bigEndianBytes(s, size));
    out.set(rBytes, size);
    return out;
  };
}
