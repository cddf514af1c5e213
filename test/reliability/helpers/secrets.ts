/**
 * The two secrets the suite hunts for (the partner's AuthToken and the ticket HMAC key), and the check that
 * a piece of text carries neither. Both are long and unusual so a hit is never a coincidence.
 */
import { expect } from 'vitest';

export const AUTH_TOKEN = 'RelAuthTok_9f3c1e7a5b2d4c6e8a0b1c3d5e7f9a2b';
export const TICKET_SECRET = 'reliability-ticket-secret-7d1c0a9e5f3b2a4c6e8d0f1a3b5c7e9d';
export const PARTNER_ORIGIN = 'https://partner.example';
export const FOREIGN_ORIGIN = 'https://attacker.example';

/** Distinctive pieces too: a leak of half a token is still a leak. */
const fragments = (secret: string) => [secret, secret.slice(0, 20), secret.slice(-20), encodeURIComponent(secret)];

export function findSecret(text: string, extra: readonly string[] = []): string | undefined {
  for (const s of [...fragments(AUTH_TOKEN), ...fragments(TICKET_SECRET), ...extra]) if (text.includes(s)) return s;
  return undefined;
}

export function expectNoSecret(text: string, where: string, extra: readonly string[] = []): void {
  const hit = findSecret(text, extra);
  expect(hit, `${where} carries a secret`).toBeUndefined();
}
