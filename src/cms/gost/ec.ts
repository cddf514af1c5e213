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
  const { p, a } = curve;
  if (pt.z === 0n || pt.y === 0n) return INFINITY;
  const yy = (pt.y * pt.y) % p;
  const zz = (pt.z * pt.z) % p;
  const s = (4n * pt.x * yy) % p;
  const m = (3n * pt.x * pt.x + a * ((zz * zz) % p)) % p;
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * ((yy * yy) % p), p);
  const z3 = (2n * pt.y * pt.z) % p;
  return { x: x3, y: y3, z: z3 };
}

function add(curve: GostCurve, p1: JacobianPoint, p2: JacobianPoint): JacobianPoint {
  if (p1.z === 0n) return p2;
  if (p2.z === 0n) return p1;
  const { p } = curve;
  const z1z1 = (p1.z * p1.z) % p;
  const z2z2 = (p2.z * p2.z) % p;
  const u1 = (p1.x * z2z2) % p;
  const u2 = (p2.x * z1z1) % p;
  const s1 = (((p1.y * p2.z) % p) * z2z2) % p;
  const s2 = (((p2.y * p1.z) % p) * z1z1) % p;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  if (h === 0n) return r === 0n ? double(curve, p1) : INFINITY;
  const hh = (h * h) % p;
  const hhh = (hh * h) % p;
  const v = (u1 * hh) % p;
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = (((p1.z * p2.z) % p) * h) % p;
  return { x: x3, y: y3, z: z3 };
}

function toAffine(curve: GostCurve, pt: JacobianPoint): AffinePoint | undefined {
  if (pt.z === 0n) return undefined;
  const { p } = curve;
  const zInv = modInverse(pt.z, p);
  const zInv2 = (zInv * zInv) % p;
  return { x: (pt.x * zInv2) % p, y: (((pt.y * zInv2) % p) * zInv) % p };
}

const fromAffine = (point: AffinePoint): JacobianPoint => ({ x: point.x, y: point.y, z: 1n });

const WINDOW = 4;

/** Odd multiples P, 3P, …, (2^WINDOW − 1)P for the sliding window. */
function oddMultiples(curve: GostCurve, point: JacobianPoint): JacobianPoint[] {
  const twice = double(curve, point);
  const table = [point];
  for (let i = 1; i < 1 << (WINDOW - 1); i++) table.push(add(curve, table[i - 1]!, twice));
  return table;
}

/** Width-WINDOW non-adjacent form of k ≥ 0, least significant digit first. */
function wnaf(k: bigint): number[] {
  const digits: number[] = [];
  const full = 1 << WINDOW;
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

const negate = (curve: GostCurve, pt: JacobianPoint): JacobianPoint => ({ x: pt.x, y: mod(-pt.y, curve.p), z: pt.z });

/**
 * Σ kᵢ·Pᵢ (kᵢ ≥ 0) with one shared chain of doublings (Straus–Shamir with wNAF digits): one term for k·P, two
 * for the verification equation. Returns undefined for the point at infinity.
 */
export function multiplyAdd(curve: GostCurve, terms: ReadonlyArray<readonly [bigint, AffinePoint]>): AffinePoint | undefined {
  const prepared = terms.map(([k, point]) => ({
    digits: wnaf(k),
    table: oddMultiples(curve, fromAffine(point)),
  }));
  const length = Math.max(0, ...prepared.map((t) => t.digits.length));
  let acc = INFINITY;
  for (let i = length - 1; i >= 0; i--) {
    acc = double(curve, acc);
    for (const { digits, table } of prepared) {
      const digit = digits[i] ?? 0;
      if (digit > 0) acc = add(curve, acc, table[(digit - 1) >> 1]!);
      else if (digit < 0) acc = add(curve, acc, negate(curve, table[(-digit - 1) >> 1]!));
    }
  }
  return toAffine(curve, acc);
}

/** k·G for the curve's base point. */
export function multiplyBase(curve: GostCurve, k: bigint): AffinePoint | undefined {
  return multiplyAdd(curve, [[k, { x: curve.x, y: curve.y }]]);
}
