/**
 * One-off measurement (issue 15), kept only in history: how often node-gost-crypto 1.0.2 disagrees with our GOST
 * code (src/cms/gost/, itself cross-checked against OpenSSL in test/cms/gost/). Per curve it supports, on random
 * keys and messages: our valid signature reported invalid; a signature over a changed message accepted; its own
 * signing throwing (it retries nothing here); its own signature that we reject. Also per-operation timings of both.
 *
 *   npx tsx scripts/measure-node-gost-crypto.ts [cases per 256-bit curve, default 3400] [per 512-bit curve, default 1000]
 *
 * Each case is three verifications (ours by it, a changed message by it, its own by us) and one signing by it.
 */
import gostEngine from 'node-gost-crypto/lib/gostEngine.js';
import { generateGostKeyPair, gostSign, gostVerify, type GostKeyBits } from '../src/cms/gost.js';
import { returnGlobal } from '../src/cms/gost-global-shim.js';

returnGlobal();
const casesFor = (bits: GostKeyBits) => Number(process.argv[bits === 256 ? 2 : 3] ?? (bits === 256 ? 3400 : 1000));
const curves: Array<[string, GostKeyBits, string]> = [
  ['S-256-A', 256, '1.2.643.2.2.35.1'],
  ['S-256-B', 256, '1.2.643.2.2.35.2'],
  ['S-256-C', 256, '1.2.643.2.2.35.3'],
  ['T-512-A', 512, '1.2.643.7.1.2.1.2.1'],
  ['T-512-B', 512, '1.2.643.7.1.2.1.2.2'],
];

function randomMessage(): Uint8Array {
  const m = new Uint8Array(1 + Math.floor(Math.random() * 200));
  crypto.getRandomValues(m);
  return m;
}
const copy = (b: Uint8Array) => new Uint8Array(b);

for (const [name, bits, oid] of curves) {
  const engine = gostEngine.getGostSign({
    name: 'GOST R 34.10', version: 2012, length: bits, namedCurve: name, procreator: 'CP', hash: { name: 'GOST R 34.11' },
  });
  const cases = casesFor(bits);
  const counts = { validRejected: 0, validThrew: 0, tamperedAccepted: 0, signThrew: 0, theirsRejectedByUs: 0 };
  const time = { oursSign: 0, oursVerify: 0, theirSign: 0, theirVerify: 0 };
  let keys = generateGostKeyPair(bits, oid);
  for (let i = 0; i < cases; i++) {
    if (i % 100 === 0) keys = generateGostKeyPair(bits, oid);
    const message = randomMessage();
    let t = performance.now();
    const ours = gostSign(keys.privateKey, message, bits, oid);
    time.oursSign += performance.now() - t;
    t = performance.now();
    try {
      if (!engine.verify(copy(keys.publicKey), copy(ours), copy(message))) counts.validRejected++;
    } catch {
      counts.validThrew++;
    }
    time.theirVerify += performance.now() - t;
    const tampered = copy(message);
    tampered[Math.floor(Math.random() * tampered.length)]! ^= 1 << Math.floor(Math.random() * 8);
    try {
      if (engine.verify(copy(keys.publicKey), copy(ours), tampered)) counts.tamperedAccepted++;
    } catch {
      // a throw on an invalid signature still rejects it
    }
    t = performance.now();
    let theirs: Uint8Array | undefined;
    try {
      theirs = new Uint8Array(engine.sign(copy(keys.privateKey), copy(message)));
    } catch {
      counts.signThrew++;
    }
    time.theirSign += performance.now() - t;
    if (theirs) {
      t = performance.now();
      if (!gostVerify(keys.publicKey, message, theirs, bits, oid)) counts.theirsRejectedByUs++;
      time.oursVerify += performance.now() - t;
    }
  }
  const per = (ms: number) => (ms / cases).toFixed(2);
  console.log(
    `${name}: ${cases} cases; valid rejected ${counts.validRejected}, verify threw ${counts.validThrew}, ` +
      `tampered accepted ${counts.tamperedAccepted}, sign threw ${counts.signThrew}, its signatures we reject ` +
      `${counts.theirsRejectedByUs}; ms/op ours sign ${per(time.oursSign)} verify ${per(time.oursVerify)}, ` +
      `node-gost-crypto sign ${per(time.theirSign)} verify ${per(time.theirVerify)}`,
  );
}
