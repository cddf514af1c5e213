/**
 * Log hygiene: no line may carry the AuthToken or a ticket. Applied to every log record, whatever its shape.
 */
import { tokenSpellings } from './token-spellings.js';

/** Tickets (`v1.…`) and signing-link codes (`l1.…`). */
const TICKET_SHAPE = /\b[vl]1\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g;
const AUTH_PARAM = /AuthToken(?:=|%3d|%253d)[^&#"\s]*/gi;
const BEARER = /Bearer\s+[^\s"]+/gi;

export function createRedactor(secrets: readonly string[]): (value: unknown) => unknown {
  const spellings = secrets.filter((s) => s.length >= 4).map(tokenSpellings);
  const redactString = (text: string) => {
    let out = text;
    for (const s of spellings) out = s.replace(out, '[redacted]');
    return out
      .replace(AUTH_PARAM, 'AuthToken=[redacted]')
      .replace(BEARER, 'Bearer [redacted]')
      .replace(TICKET_SHAPE, '[ticket]');
  };
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (depth > 8 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, depth + 1);
    return out;
  };
  return (value) => walk(value, 0);
}
