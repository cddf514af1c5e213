/**
 * Point arithmetic on a short Weierstrass curve y² = x³ + ax + b over GF(p), on native BigInt.
 *
 * Points are kept in Jacobian coordinates (X, Y, Z) ~ (X/Z², Y/Z³) so that only the final conversion needs a
 * modular inverse. Not constant-time: verification handles public data, and the emulator's signing keys are test keys.
 */
import type { GostCurve } from './curves.js';

export interface AffinePoint {
  x: bigint;
  y: bigint;
}

/** Jacobian point; Z = 0 is the point at infinity. */
interface JacobianPoint {
  x: bigint;
  y: bigint;
  z: bigint;
}

const INFINITY: JacobianPoint = { x: 1n, y: 1n, z: 0n };

export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** a⁻¹ mod m for m prime and a ≢ 0 (extended Euclid). */
export function modInverse(a: bigint, m: bigint): bigint {
  let r0 = mod(a, m);
  if (r0 === 0n) throw new RangeError('zero has no inverse');
  let r1 = m;
  let s0 = 1n;
  let s1 = 0n;
  while (r1 !== 0n) {
    const quotient = r0 / r1;
    [r0, r1] = [r1, r0 - quotient * r1];
    [s0, s1] = [s1, s0 - quotient * s1];
  }
  return mod(s0, m);
}

export function isOnCurve(curve: GostCurve, point: AffinePoint): boolean {
  const { p, a, b } = curve;
  const { x, y } = point;
  if (x < 0n || x >= p || y < 0n || y >= p) return false;
  return mod(y * y - (x * x * x + a * x + b), p) === 0n;
}

function double(curve: GostCurve, pt: JacobianPoint): JacobianPoint {
  const { p } = curve;
  if (pt.z === 0n || pt.y === 0n) return INFINITY;
  const { x, y, z } = pt;
  const yy = (y * y) % p;
  const zz = (z * z) % p;
  const s = (4n * x * yy) % p;
  // M = 3X² + aZ⁴; for a = −3 (most of the curves) that is 3(X − Z²)(X + Z²), one product fewer.
  const m = curve.a === p - 3n ? (3n * (x - zz) * (x + zz)) % p : (3n * x * x + curve.a * ((zz * zz) % p)) % p;
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * ((yy * yy) % p), p);
  return { x: x3, y: y3, z: (2n * y * z) % p };
}

/** P + Q with Q affine (Z = 1): the additions of a scalar multiplication, whose tables are kept affine. */
function addAffine(curve: GostCurve, pt: JacobianPoint, q: AffinePoint): JacobianPoint {
  if (pt.z === 0n) return { x: q.x, y: q.y, z: 1n };
  const { p } = curve;
  const z1z1 = (pt.z * pt.z) % p;
  const u2 = (q.x * z1z1) % p;
  const s2 = (((q.y * pt.z) % p) * z1z1) % p;
  const h = mod(u2 - pt.x, p);
  const r = mod(s2 - pt.y, p);
  if (h === 0n) return r === 0n ? double(curve, pt) : INFINITY;
  const hh = (h * h) % p;
  const hhh = (hh * h) % p;
  const v = (pt.x * hh) % p;
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - pt.y * hhh, p);
  return { x: x3, y: y3, z: (pt.z * h) % p };
}

function toAffine(curve: GostCurve, pt: JacobianPoint): AffinePoint | undefined {
  if (pt.z === 0n) return undefined;
  const { p } = curve;
  const zInv = modInverse(pt.z, p);
  const zInv2 = (zInv * zInv) % p;
  return { x: (pt.x * zInv2) % p, y: (((pt.y * zInv2) % p) * zInv) % p };
}

/** Affine forms of many points with one inversion (Montgomery's trick); none may be at infinity. */
function allToAffine(curve: GostCurve, points: JacobianPoint[]): AffinePoint[] {
  const { p } = curve;
  const prefix: bigint[] = [];
  let acc = 1n;
  for (const pt of points) {
    prefix.push(acc);
    acc = (acc * pt.z) % p;
  }
  let inv = modInverse(acc, p);
  const out: AffinePoint[] = new Array(points.length);
  for (let i = points.length - 1; i >= 0; i--) {
    const pt = points[i]!;
    const zInv = (inv * prefix[i]!) % p;
    inv = (inv * pt.z) % p;
    const zInv2 = (zInv * zInv) % p;
    out[i] = { x: (pt.x * zInv2) % p, y: (((pt.y * zInv2) % p) * zInv) % p };
  }
  return out;
}

/** Odd multiples P, 3P, …, (2^(width−1) − 1)P, affine. */
function oddMultiples(curve: GostCurve, point: AffinePoint, width: number): AffinePoint[] {
  const start: JacobianPoint = { x: point.x, y: point.y, z: 1n };
  const twice = toAffine(curve, double(curve, start));
  const table = [start];
  for (let i = 1; i < 1 << (width - 2); i++) table.push(twice ? addAffine(curve, table[i - 1]!, twice) : INFINITY);
  if (table.some((pt) => pt.z === 0n)) throw new RangeError('point of small order');
  return allToAffine(curve, table);
}

/** Width-`width` non-adjacent form of k ≥ 0, least significant digit first. */
function wnaf(k: bigint, width: number): number[] {
  const digits: number[] = [];
  const full = 1 << width;
  const half = full >> 1;
  while (k > 0n) {
    let digit = 0;
    if (k & 1n) {
      digit = Number(k & BigInt(full - 1));
      if (digit >= half) digit -= full;
      k -= BigInt(digit);
    }
    digits.push(digit);
    k >>= 1n;
  }
  return digits;
}

const negate = (curve: GostCurve, pt: AffinePoint): AffinePoint => ({ x: pt.x, y: mod(-pt.y, curve.p) });

/** Window widths: the base point's table is made once per curve, so it can be wider. */
const BASE_WIDTH = 7;
const POINT_WIDTH = 5;
const baseTables = new WeakMap<GostCurve, AffinePoint[]>();

function baseTable(curve: GostCurve): AffinePoint[] {
  let table = baseTables.get(curve);
  if (!table) {
    table = oddMultiples(curve, { x: curve.x, y: curve.y }, BASE_WIDTH);
    baseTables.set(curve, table);
  }
  return table;
}

/**
 * k1·G + k2·Q (k ≥ 0; Q optional) with one shared chain of doublings (Straus–Shamir with wNAF digits): k·G alone
 * for keys and signing, both terms for the verification equation. Undefined for the point at infinity.
 */
export function multiplyAdd(curve: GostCurve, k1: bigint, k2 = 0n, point?: AffinePoint): AffinePoint | undefined {
  const terms = [{ digits: wnaf(k1, BASE_WIDTH), table: baseTable(curve) }];
  if (point && k2 !== 0n) terms.push({ digits: wnaf(k2, POINT_WIDTH), table: oddMultiples(curve, point, POINT_WIDTH) });
  const length = Math.max(0, ...terms.map((t) => t.digits.length));
  let acc = INFINITY;
  for (let i = length - 1; i >= 0; i--) {
    acc = double(curve, acc);
    for (const { digits, table } of terms) {
      const digit = digits[i] ?? 0;
      if (digit > 0) acc = addAffine(curve, acc, table[(digit - 1) >> 1]!);
      else if (digit < 0) acc = addAffine(curve, acc, negate(curve, table[(-digit - 1) >> 1]!));
    }
  }
  return toAffine(curve, acc);
}

/**
 * Fixed-base comb for k·G (keys and signatures): combTable[i][j − 1] = j·16^i·G, affine, made once per curve
 * (a few ms). Then k·G is one mixed addition per hexadecimal digit of k and no doubling at all.
 */
const combTables = new WeakMap<GostCurve, AffinePoint[][]>();

function combTable(curve: GostCurve): AffinePoint[][] {
  let table = combTables.get(curve);
  if (table) return table;
  const positions = Math.ceil(curve.q.toString(16).length);
  const bases: JacobianPoint[] = [{ x: curve.x, y: curve.y, z: 1n }];
  for (let i = 1; i < positions; i++) {
    let pt = bases[i - 1]!;
    for (let j = 0; j < 4; j++) pt = double(curve, pt);
    bases.push(pt);
  }
  const affineBases = allToAffine(curve, bases);
  const multiples: JacobianPoint[] = [];
  for (const base of affineBases) {
    let pt: JacobianPoint = { x: base.x, y: base.y, z: 1n };
    multiples.push(pt);
    for (let j = 2; j < 16; j++) {
      pt = addAffine(curve, pt, base);
      multiples.push(pt);
    }
  }
  const flat = allToAffine(curve, multiples);
  table = affineBases.map((_, i) => flat.slice(15 * i, 15 * i + 15));
  combTables.set(curve, table);
  return table;
}

/** k·G for the curve's base point (0 ≤ k < 16^(digits of q)). */
export function multiplyBase(curve: GostCurve, k: bigint): AffinePoint | undefined {
  const table = combTable(curve);
  let acc = INFINITY;
  for (let i = 0; k > 0n; i++, k >>= 4n) {
    const digit = Number(k & 15n);
    if (digit !== 0) acc = addAffine(curve, acc, table[i]![digit - 1]!);
  }
  return toAffine(curve, acc);
}

/** k·P for any point P on the curve (used by tests to check orders). */
export function multiply(curve: GostCurve, k: bigint, point: AffinePoint): AffinePoint | undefined {
  // 0·G + k·P: the base point's term contributes nothing.
  return multiplyAdd(curve, 0n, k, point);
}
