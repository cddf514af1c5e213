/**
 * Per-operation timings of our GOST code (src/cms/gost/) on every distinct curve, and Streebog over 10 MB.
 *
 *   npx tsx scripts/gost-timing.ts [operations per curve, default 200]
 *
 * Indicative only (a shared machine); the correctness proofs are in test/cms/gost/.
 */
import { generateGostKeyPair, gostSign, gostVerify, streebog256, type GostKeyBits } from '../src/cms/gost.js';

const count = Number(process.argv[2] ?? 200);
const curves: Array<[string, GostKeyBits, string]> = [
  ['CryptoPro-A', 256, '1.2.643.2.2.35.1'],
  ['CryptoPro-B', 256, '1.2.643.2.2.35.2'],
  ['CryptoPro-C', 256, '1.2.643.2.2.35.3'],
  ['TC26 256 A', 256, '1.2.643.7.1.2.1.1.1'],
  ['TC26 512 A', 512, '1.2.643.7.1.2.1.2.1'],
  ['TC26 512 B', 512, '1.2.643.7.1.2.1.2.2'],
  ['TC26 512 C', 512, '1.2.643.7.1.2.1.2.3'],
];

function perOperation(run: () => void): string {
  const started = performance.now();
  for (let i = 0; i < count; i++) run();
  return ((performance.now() - started) / count).toFixed(2);
}

const message = new Uint8Array(300).fill(0x31);
for (const [name, bits, oid] of curves) {
  generateGostKeyPair(bits, oid); // builds the curve's tables once, outside the timing
  let keys = generateGostKeyPair(bits, oid);
  const keygen = perOperation(() => {
    keys = generateGostKeyPair(bits, oid);
  });
  let signature = gostSign(keys.privateKey, message, bits, oid);
  const sign = perOperation(() => {
    signature = gostSign(keys.privateKey, message, bits, oid);
  });
  const verify = perOperation(() => {
    if (!gostVerify(keys.publicKey, message, signature, bits, oid)) throw new Error(`${name}: own signature rejected`);
  });
  console.log(`${name}: key ${keygen} ms, sign ${sign} ms, verify ${verify} ms (300-byte message)`);
}
const tenMb = new Uint8Array(10 << 20);
const started = performance.now();
streebog256(tenMb);
console.log(`Streebog-256 of 10 MB: ${(performance.now() - started).toFixed(0)} ms`);
