/**
 * A rough strength estimate of a configured secret: its length times the Shannon entropy of its own letters
 * (bits per character as they occur in it). `openssl rand -base64 48` gives ≈ 370 bits, `openssl rand -hex 32`
 * ≈ 250; 32 times the same letter gives 0, a short word repeated gives little. It cannot prove randomness —
 * it refuses what is certainly not random.
 */
export const MIN_SECRET_BYTES = 32;
export const MIN_SECRET_BITS = 128;

export function estimatedSecretBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...secret].length;
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / n;
    perChar -= p * Math.log2(p);
  }
  return Math.floor(perChar * n);
}

/** The problem with a secret, or undefined when it is acceptable. */
export function secretProblem(name: string, secret: string): string | undefined {
  const bytes = Buffer.byteLength(secret);
  const fix = 'generate one with `openssl rand -base64 48`';
  if (bytes < MIN_SECRET_BYTES) return `${name} is ${bytes} bytes long; it must be at least ${MIN_SECRET_BYTES} (${fix})`;
  const bits = estimatedSecretBits(secret);
  if (bits < MIN_SECRET_BITS) return `${name} looks far from random (about ${bits} bits, at least ${MIN_SECRET_BITS} needed); ${fix}`;
  return undefined;
}
