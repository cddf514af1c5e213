/**
 * The elliptic curves of GOST R 34.10-2012 that Russian CAs issue keys on, by the parameter-set OID a certificate's
 * SubjectPublicKeyInfo names. Every curve is used in its short Weierstrass form y² = x³ + ax + b over GF(p), with a
 * base point (x, y) of prime order q.
 *
 * Sources (facts, not code): CryptoPro A/B/C and XchA/XchB — RFC 4357, 11.4 (XchA is the A curve, XchB the C curve);
 * TC26 256 B/C/D are the CryptoPro A/B/C curves under new OIDs (R 1323565.1.024-2019, RFC 9215); TC26 256 A and
 * 512 C are twisted Edwards curves (RFC 7836 appendix A.2, R 50.1.114-2016), which publish their Weierstrass form
 * (p, a, b, x, y) beside the Edwards one (e, d, u, v); TC26 512 A/B — RFC 7836 / R 1323565.1.024-2019.
 * test/cms/gost/curves.test.ts checks every base point is on its curve with order q, and that the Weierstrass
 * parameters of the two Edwards curves follow from (e, d, u, v) by the map RFC 7836 gives.
 */

export interface GostCurve {
  /** Short name used in messages and tests. */
  name: string;
  /** Coordinate size in bits (256 or 512): keys are bits/4 bytes, signatures bits/4 bytes. */
  bits: 256 | 512;
  p: bigint;
  a: bigint;
  b: bigint;
  /** Order of the base point's subgroup: signatures are computed mod q. */
  q: bigint;
  x: bigint;
  y: bigint;
  /** For the twisted Edwards curves: the published Edwards parameters (checked against the Weierstrass form). */
  edwards?: { e: bigint; d: bigint; u: bigint; v: bigint };
}

const P256 = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n;
const P512 = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7n;

const cryptoProA: GostCurve = {
  name: 'CryptoPro-A',
  bits: 256,
  p: P256,
  a: P256 - 3n,
  b: 0xa6n,
  q: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  x: 1n,
  y: 0x8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14n,
};

const cryptoProB: GostCurve = {
  name: 'CryptoPro-B',
  bits: 256,
  p: 0x8000000000000000000000000000000000000000000000000000000000000c99n,
  a: 0x8000000000000000000000000000000000000000000000000000000000000c96n,
  b: 0x3e1af419a269a5f866a7d3c25c3df80ae979259373ff2b182f49d4ce7e1bbc8bn,
  q: 0x800000000000000000000000000000015f700cfff1a624e5e497161bcc8a198fn,
  x: 1n,
  y: 0x3fa8124359f96680b83d1c3eb2c070e5c545c9858d03ecfb744bf8d717717efcn,
};

const cryptoProC: GostCurve = {
  name: 'CryptoPro-C',
  bits: 256,
  p: 0x9b9f605f5a858107ab1ec85e6b41c8aacf846e86789051d37998f7b9022d759bn,
  a: 0x9b9f605f5a858107ab1ec85e6b41c8aacf846e86789051d37998f7b9022d7598n,
  b: 0x805an,
  q: 0x9b9f605f5a858107ab1ec85e6b41c8aa582ca3511eddfb74f02f3a6598980bb9n,
  x: 0n,
  y: 0x41ece55743711a8c3cbf3783cd08c0ee4d4dc440d4641a8f366e550dfdb3bb67n,
};

const tc26Gost256A: GostCurve = {
  name: 'TC26-256-A',
  bits: 256,
  p: P256,
  a: 0xc2173f1513981673af4892c23035a27ce25e2013bf95aa33b22c656f277e7335n,
  b: 0x295f9bae7428ed9ccc20e7c359a9d41a22fccd9108e17bf7ba9337a6f8ae9513n,
  q: 0x400000000000000000000000000000000fd8cddfc87b6635c115af556c360c67n,
  x: 0x91e38443a5e82c0d880923425712b2bb658b9196932e02c78b2582fe742daa28n,
  y: 0x32879423ab1a0375895786c4bb46e9565fde0b5344766740af268adb32322e5cn,
  edwards: {
    e: 1n,
    d: 0x0605f6b7c183fa81578bc39cfad518132b9df62897009af7e522c32d6dc7bffbn,
    u: 0x0dn,
    v: 0x60ca1e32aa475b348488c38fab07649ce7ef8dbe87f22e81f92b2592dba300e7n,
  },
};

const tc26Gost512A: GostCurve = {
  name: 'TC26-512-A',
  bits: 512,
  p: P512,
  a: P512 - 3n,
  b: 0xe8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  q: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  x: 3n,
  y: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
};

const tc26Gost512B: GostCurve = {
  name: 'TC26-512-B',
  bits: 512,
  p: 0x8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006fn,
  a: 0x8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006cn,
  b: 0x687d1b459dc841457e3e06cf6f5e2517b97c7d614af138bcbf85dc806c4b289f3e965d2db1416d217f8b276fad1ab69c50f78bee1fa3106efb8ccbc7c5140116n,
  q: 0x800000000000000000000000000000000000000000000000000000000000000149a1ec142565a545acfdb77bd9d40cfa8b996712101bea0ec6346c54374f25bdn,
  x: 2n,
  y: 0x1a8f7eda389b094c2c071e3647a8940f3c123b697578c213be6dd9e6c8ec7335dcb228fd1edf4a39152cbcaaf8c0398828041055f94ceeec7e21340780fe41bdn,
};

const tc26Gost512C: GostCurve = {
  name: 'TC26-512-C',
  bits: 512,
  p: P512,
  a: 0xdc9203e514a721875485a529d2c722fb187bc8980eb866644de41c68e143064546e861c0e2c9edd92ade71f46fcf50ff2ad97f951fda9f2a2eb6546f39689bd3n,
  b: 0xb4c4ee28cebc6c2c8ac12952cf37f16ac7efb6a9f69f4b57ffda2e4f0de5ade038cbc2fff719d2c18de0284b8bfef3b52b8cc7a5f5bf0a3c8d2319a5312557e1n,
  q: 0x3fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc98cdba46506ab004c33a9ff5147502cc8eda9e7a769a12694623cef47f023edn,
  x: 0xe2e31edfc23de7bdebe241ce593ef5de2295b7a9cbaef021d385f7074cea043aa27272a7ae602bf2a7b9033db9ed3610c6fb85487eae97aac5bc7928c1950148n,
  y: 0xf5ce40d95b5eb899abbccff5911cb8577939804d6527378b8c108c3d2090ff9be18e2d33e3021ed2ef32d85822423b6304f726aa854bae07d0396e9a9addc40fn,
  edwards: {
    e: 1n,
    d: 0x9e4f5d8c017d8d9f13a5cf3cdf5bfe4dab402d54198e31ebde28a0621050439ca6b39e0a515c06b304e2ce43e79e369e91a0cfc2bc2a22b4ca302dbb33ee7550n,
    u: 0x12n,
    v: 0x469af79d1fb1f5e16b99592b77a01e2a0fdfb0d01794368d9a56117f7b38669522dd4b650cf789eebf068c5d139732f0905622c04b2baae7600303ee73001a3dn,
  },
};

/** Parameter-set OID (as in SubjectPublicKeyInfo's GostR3410-2012-PublicKeyParameters) → curve. */
export const GOST_CURVES: ReadonlyMap<string, GostCurve> = new Map([
  ['1.2.643.2.2.35.1', cryptoProA], // id-GostR3410-2001-CryptoPro-A-ParamSet
  ['1.2.643.2.2.35.2', cryptoProB], // id-GostR3410-2001-CryptoPro-B-ParamSet
  ['1.2.643.2.2.35.3', cryptoProC], // id-GostR3410-2001-CryptoPro-C-ParamSet
  ['1.2.643.2.2.36.0', cryptoProA], // id-GostR3410-2001-CryptoPro-XchA-ParamSet
  ['1.2.643.2.2.36.1', cryptoProC], // id-GostR3410-2001-CryptoPro-XchB-ParamSet
  ['1.2.643.7.1.2.1.1.1', tc26Gost256A], // id-tc26-gost-3410-12-256-paramSetA (twisted Edwards)
  ['1.2.643.7.1.2.1.1.2', cryptoProA], // id-tc26-gost-3410-12-256-paramSetB
  ['1.2.643.7.1.2.1.1.3', cryptoProB], // id-tc26-gost-3410-12-256-paramSetC
  ['1.2.643.7.1.2.1.1.4', cryptoProC], // id-tc26-gost-3410-12-256-paramSetD
  ['1.2.643.7.1.2.1.2.1', tc26Gost512A], // id-tc26-gost-3410-12-512-paramSetA
  ['1.2.643.7.1.2.1.2.2', tc26Gost512B], // id-tc26-gost-3410-12-512-paramSetB
  ['1.2.643.7.1.2.1.2.3', tc26Gost512C], // id-tc26-gost-3410-12-512-paramSetC (twisted Edwards)
]);

/** The curve our test keys use when none is named: CryptoPro-A for 256 bits, TC26 512 A for 512. */
export const DEFAULT_CURVE_OID: Readonly<Record<256 | 512, string>> = {
  256: '1.2.643.2.2.35.1',
  512: '1.2.643.7.1.2.1.2.1',
};

/** The curve for a parameter-set OID, or undefined when it is not one we know. */
export function gostCurve(paramSetOid: string): GostCurve | undefined {
  return GOST_CURVES.get(paramSetOid);
}
