// GOST R 34.10-2012: the standard's examples (appendix A; RFC 7091, section 7), the curve table, and the rules a
// verifier must apply to values out of range.
import { describe, expect, it } from 'vitest';
import { GOST_CURVES, type GostCurve } from '../../../src/cms/gost/curves.js';
import { isOnCurve, mod, modInverse, multiply } from '../../../src/cms/gost/ec.js';
import { littleEndianBytes } from '../../../src/cms/gost/numbers.js';
import { publicPoint, signDigest } from '../../../src/cms/gost/sign.js';
import { verifyDigest } from '../../../src/cms/gost/verify.js';

interface Example {
  curve: GostCurve;
  d: bigint;
  qx: bigint;
  qy: bigint;
  e: bigint;
  k: bigint;
  r: bigint;
  s: bigint;
}

// Appendix A.1 (256-bit test curve) and A.2 (512-bit test curve), numbers as the standard prints them.
const example1: Example = {
  curve: {
    name: 'example-1',
    bits: 256,
    p: 0x8000000000000000000000000000000000000000000000000000000000000431n,
    a: 7n,
    b: 0x5fbff498aa938ce739b8e022fbafef40563f6e6a3472fc2a514c0ce9dae23b7en,
    q: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n,
    x: 2n,
    y: 0x08e2a8a0e65147d4bd6316030e16d19c85c97f0a9ca267122b96abbcea7e8fc8n,
  },
  d: 0x7a929ade789bb9be10ed359dd39a72c11b60961f49397eee1d19ce9891ec3b28n,
  qx: 0x7f2b49e270db6d90d8595bec458b50c58585ba1d4e9b788f6689dbd8e56fd80bn,
  qy: 0x26f1b489d6701dd185c8413a977b3cbbaf64d1c593d26627dffb101a87ff77dan,
  e: 0x2dfbc1b372d89a1188c09c52e0eec61fce52032ab1022e8e67ece6672b043ee5n,
  k: 0x77105c9b20bcd3122823c8cf6fcc7b956de33814e95b7fe64fed924594dceab3n,
  r: 0x41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493n,
  s: 0x01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40n,
};

const example2: Example = {
  curve: {
    name: 'example-2',
    bits: 512,
    p: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15df1d852741af4704a0458047e80e4546d35b8336fac224dd81664bbf528be6373n,
    a: 7n,
    b: 0x1cff0806a31116da29d8cfa54e57eb748bc5f377e49400fdd788b649eca1ac4361834013b2ad7322480a89ca58e0cf74bc9e540c2add6897fad0a3084f302adcn,
    q: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15da82f2d7ecb1dbac719905c5eecc423f1d86e25edbe23c595d644aaf187e6e6dfn,
    x: 0x24d19cc64572ee30f396bf6ebbfd7a6c5213b3b3d7057cc825f91093a68cd762fd60611262cd838dc6b60aa7eee804e28bc849977fac33b4b530f1b120248a9an,
    y: 0x2bb312a43bd2ce6e0d020613c857acddcfbf061e91e5f2c3f32447c259f39b2c83ab156d77f1496bf7eb3351e1ee4e43dc1a18b91b24640b6dbb92cb1add371en,
  },
  d: 0x0ba6048aadae241ba40936d47756d7c93091a0e8514669700ee7508e508b102072e8123b2200a0563322dad2827e2714a2636b7bfd18aadfc62967821fa18dd4n,
  qx: 0x115dc5bc96760c7b48598d8ab9e740d4c4a85a65be33c1815b5c320c854621dd5a515856d13314af69bc5b924c8b4ddff75c45415c1d9dd9dd33612cd530efe1n,
  qy: 0x37c7c90cd40b0f5621dc3ac1b751cfa0e2634fa0503b3d52639f5d7fb72afd61ea199441d943ffe7f0c70a2759a3cdb84c114e1f9339fdf27f35eca93677beecn,
  e: 0x3754f3cfacc9e0615c4f4a7c4d8dab531b09b6f9c170c533a71d147035b0c5917184ee536593f4414339976c647c5d5a407adedb1d560c4fc6777d2972075b8cn,
  k: 0x0359e7f4b1410feacc570456c6801496946312120b39d019d455986e364f365886748ed7a44b3e794434006011842286212273a6d14cf70ea3af71bb1ae679f1n,
  r: 0x2f86fa60a081091a23dd795e1e3c689ee512a3c82ee0dcc2643c78eea8fcacd35492558486b20f1c9ec197c90699850260c93bcbcd9c5c3317e19344e173ae36n,
  s: 0x1081b394696ffe8e6585e7a9362d26b6325f56778aadbc081c0bfbe933d52ff5823ce288e8c4f362526080df7f70ce406a6eeb1f56919cb92a9853bde73e5b4an,
};

describe('GOST R 34.10-2012 examples', () => {
  it.each([
    ['A.1 (256 bits)', example1],
    ['A.2 (512 bits)', example2],
  ] as const)('appendix %s: key, signature with the given nonce, verification', (_name, ex) => {
    // The example gives e itself; as a digest it is e's little-endian bytes (e < q, so it is taken as it is).
    const digest = littleEndianBytes(ex.e, ex.curve.bits / 8);
    expect(publicPoint(ex.curve, ex.d)).toEqual({ x: ex.qx, y: ex.qy });
    expect(signDigest(ex.curve, ex.d, digest, () => ex.k)).toEqual({ r: ex.r, s: ex.s });
    const key = { x: ex.qx, y: ex.qy };
    expect(verifyDigest(ex.curve, key, digest, { r: ex.r, s: ex.s })).toBe(true);
    expect(verifyDigest(ex.curve, key, littleEndianBytes(ex.e + 1n, ex.curve.bits / 8), { r: ex.r, s: ex.s })).toBe(false);
    expect(verifyDigest(ex.curve, key, digest, { r: ex.r, s: ex.s + 1n })).toBe(false);
  });
});

describe('curves', () => {
  it.each([...GOST_CURVES].map(([oid, curve]) => [oid, curve.name, curve] as const))(
    '%s (%s): the base point is on the curve and has order q',
    (_oid, _name, curve) => {
      expect(isOnCurve(curve, curve)).toBe(true);
      expect(multiply(curve, curve.q, curve)).toBeUndefined();
      expect(multiply(curve, curve.q - 1n, curve)).toEqual({ x: curve.x, y: mod(-curve.y, curve.p) });
    },
  );

  it.each(['1.2.643.7.1.2.1.1.1', '1.2.643.7.1.2.1.2.3'])(
    'twisted Edwards %s: the Weierstrass parameters we use follow from the published (e, d, u, v)',
    (oid) => {
      // e·u² + v² = 1 + d·u²·v² maps to y² = x³ + ax + b by s = (e − d)/4, t = (e + d)/6, a = s² − 3t²,
      // b = 2t³ − t·s², x = s(1 + v)/(1 − v) + t, y = s(1 + v)/((1 − v)·u) (the map R 50.1.114-2016 gives).
      const curve = GOST_CURVES.get(oid)!;
      const { p } = curve;
      const { e, d, u, v } = curve.edwards!;
      const div = (x: bigint, y: bigint) => mod(x * modInverse(y, p), p);
      const s = div(e - d, 4n);
      const t = div(e + d, 6n);
      expect(mod(e * u * u + v * v - 1n - d * u * u * v * v, p)).toBe(0n);
      expect(mod(s * s - 3n * t * t, p)).toBe(curve.a);
      expect(mod(2n * t * t * t - t * s * s, p)).toBe(curve.b);
      expect(mod(div(s * (1n + v), 1n - v) + t, p)).toBe(curve.x);
      expect(div(s * (1n + v), (1n - v) * u)).toBe(curve.y);
    },
  );
});

describe('verification rules', () => {
  const curve = GOST_CURVES.get('1.2.643.2.2.35.1')!;
  const d = 0x1234567890abcdefn;
  const key = publicPoint(curve, d);
  const digest = new Uint8Array(32).fill(0x42);
  const good = signDigest(curve, d, digest);

  it('accepts a fresh signature and rejects r or s of 0 or ≥ q', () => {
    expect(verifyDigest(curve, key, digest, good)).toBe(true);
    for (const bad of [{ r: 0n, s: good.s }, { r: good.r, s: 0n }, { r: good.r + curve.q, s: good.s }, { r: good.r, s: good.s + curve.q }]) {
      expect(verifyDigest(curve, key, digest, bad)).toBe(false);
    }
  });

  it('rejects a public key that is not on the curve, and a digest of 0 is taken as e = 1', () => {
    expect(verifyDigest(curve, { x: key.x, y: key.y + 1n }, digest, good)).toBe(false);
    const zero = new Uint8Array(32);
    const one = littleEndianBytes(1n, 32);
    expect(verifyDigest(curve, key, one, signDigest(curve, d, zero))).toBe(true);
  });

  it('draws a new nonce for every signature', () => {
    const again = signDigest(curve, d, digest);
    expect(again.r).not.toBe(good.r);
    expect(verifyDigest(curve, key, digest, again)).toBe(true);
  });
});
