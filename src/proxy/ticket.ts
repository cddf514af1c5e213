/**
 * Access tickets: a partner's back office mints one per signing link; the widget sends it as
 * `Authorization: Bearer <ticket>`. Format `v1.<base64url(JSON payload)>.<base64url(HMAC-SHA-256)>`,
 * where the MAC covers `v1.<payload>`. The payload names the application ids the ticket opens and
 * its expiry (seconds since the epoch). No state on the server: any proxy instance with the secret checks it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TicketError } from './errors/ticket-error.js';
import { isUuid } from './validation.js';

export type TicketSecret = string | Uint8Array;

export interface CreateTicketOptions {
  applicationId?: string;
  /** Several applications in one ticket (batch signing). */
  applicationIds?: string[];
  expiresInSeconds: number;
  secret: TicketSecret;
  /** Milliseconds since the epoch; defaults to Date.now(). */
  now?: number;
  /** The signing link this ticket was exchanged for (its revocation then stops the ticket's writes). */
  linkId?: string;
}

export interface VerifiedTicket {
  /** Lowercase application ids this ticket opens. */
  applicationIds: string[];
  /** Expiry, milliseconds since the epoch. */
  expiresAt: number;
  /** Present when the ticket came from a signing link's exchange. */
  linkId?: string;
}

export interface VerifyTicketOptions {
  secret: TicketSecret;
  /** Milliseconds since the epoch; defaults to Date.now(). */
  now?: number;
  /** When given, the ticket must open this application (else TICKET_WRONG_APPLICATION). */
  applicationId?: string;
}

const VERSION = 'v1';
/** Tickets travel in links and headers; anything longer is not ours. */
const MAX_TICKET_LENGTH = 8192;
const MAX_APPLICATIONS = 500;
const MAX_TTL_SECONDS = 30 * 24 * 3600;

/** 32 bytes in unpadded base64url: 42 letters and a last one whose 2 unused bits are zero. */
const CANONICAL_MAC = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

function mac(secret: TicketSecret, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function createTicket(options: CreateTicketOptions): string {
  const ids = [...(options.applicationIds ?? []), ...(options.applicationId ? [options.applicationId] : [])];
  if (ids.length === 0) throw new TypeError('createTicket: give applicationId or applicationIds');
  if (ids.length > MAX_APPLICATIONS) throw new TypeError(`createTicket: at most ${MAX_APPLICATIONS} applications`);
  for (const id of ids) if (!isUuid(id)) throw new TypeError(`createTicket: not a UUID: ${id}`);
  const ttl = options.expiresInSeconds;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TTL_SECONDS) {
    throw new TypeError(`createTicket: expiresInSeconds must be an integer in 1..${MAX_TTL_SECONDS}`);
  }
  assertSecret(options.secret);
  const now = options.now ?? Date.now();
  const payload = {
    a: [...new Set(ids.map((id) => id.toLowerCase()))],
    e: Math.floor(now / 1000) + ttl,
    ...(options.linkId ? { l: options.linkId } : {}),
  };
  const body = `${VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${mac(options.secret, body).toString('base64url')}`;
}

export function verifyTicket(token: string, options: VerifyTicketOptions): VerifiedTicket {
  if (typeof token !== 'string' || token.length === 0) throw new TicketError('TICKET_MISSING');
  if (token.length > MAX_TICKET_LENGTH) throw new TicketError('TICKET_INVALID', 'ticket too long');
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) throw new TicketError('TICKET_INVALID', 'malformed ticket');
  const [version, payloadPart, macPart] = parts as [string, string, string];
  if (!macMatches(options.secret, `${version}.${payloadPart}`, macPart)) throw new TicketError('TICKET_INVALID', 'bad ticket MAC');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    throw new TicketError('TICKET_INVALID', 'ticket payload is not JSON');
  }
  const { a, e, l } = (payload ?? {}) as { a?: unknown; e?: unknown; l?: unknown };
  if (!Array.isArray(a) || a.length === 0 || !a.every((id) => typeof id === 'string' && isUuid(id))) {
    throw new TicketError('TICKET_INVALID', 'ticket names no application');
  }
  if (typeof e !== 'number' || !Number.isFinite(e)) throw new TicketError('TICKET_INVALID', 'ticket has no expiry');
  const expiresAt = e * 1000;
  if ((options.now ?? Date.now()) >= expiresAt) throw new TicketError('TICKET_EXPIRED');
  const applicationIds = (a as string[]).map((id) => id.toLowerCase());
  if (options.applicationId !== undefined && !applicationIds.includes(options.applicationId.toLowerCase())) {
    throw new TicketError('TICKET_WRONG_APPLICATION');
  }
  return { applicationIds, expiresAt, ...(typeof l === 'string' && l ? { linkId: l } : {}) };
}

/**
 * Whether `macPart` is the HMAC-SHA-256 of `data` under `secret`, in its one canonical spelling. Node's decoder
 * skips junk, padding and unused trailing bits, so `T!` or `T==` would decode to the same bytes and count as a
 * different credential for the rate limit and the log digest. Compared in constant time.
 */
export function macMatches(secret: TicketSecret, data: string, macPart: string): boolean {
  if (!CANONICAL_MAC.test(macPart)) return false;
  return timingSafeEqual(Buffer.from(macPart, 'base64url'), mac(secret, data));
}

function assertSecret(secret: TicketSecret): void {
  const length = typeof secret === 'string' ? Buffer.byteLength(secret) : secret.byteLength;
  if (length === 0) throw new TypeError('ticket secret is empty');
}
