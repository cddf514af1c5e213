/**
 * Signing links that last the whole registration. The link a client receives carries a one-purpose code,
 * `l1.<base64url JSON {a: ids, e: expiry s, n: link id}>.<base64url HMAC-SHA-256>`, in the address's fragment
 * (`https://sign.example/#link=<code>`: a fragment never reaches a server, a log or a Referer). The code opens
 * nothing by itself: the page exchanges it at `POST /api/links/exchange` for a short-lived ticket kept in memory,
 * and the exchange refuses once the link expired, was revoked or its applications reached an end state.
 *
 * The MAC key is derived from the ticket secret for this one purpose, so a code is never a ticket and a ticket
 * never a code, with one secret to manage.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ProxyError } from '../errors/proxy-error.js';
import { macMatches, type TicketSecret } from '../ticket.js';
import { isUuid } from '../validation.js';

const VERSION = 'l1';
const MAX_CODE_LENGTH = 8192;
const MAX_APPLICATIONS = 500;
/** Default and longest lifetime of a link, days: a registration takes days (FNS, the report), not hours. */
export const DEFAULT_LINK_DAYS = 30;
export const MAX_LINK_DAYS = 365;

export interface CreateLinkCodeOptions {
  applicationId?: string;
  applicationIds?: string[];
  /** Whole days the link may be used at most (it also ends with its applications). Default 30, at most 365. */
  expiresInDays?: number;
  secret: TicketSecret;
  /** Milliseconds since the epoch; defaults to Date.now(). */
  now?: number;
}

export interface VerifiedLinkCode {
  applicationIds: string[];
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** Random id of this link: what revocation names. */
  linkId: string;
}

function linkKey(secret: TicketSecret): Buffer {
  return createHmac('sha256', secret).update('ofd-signer signing-link code v1').digest();
}

function sign(secret: TicketSecret, data: string): string {
  return createHmac('sha256', linkKey(secret)).update(data).digest('base64url');
}

export function createLinkCode(options: CreateLinkCodeOptions): string {
  const ids = [...(options.applicationIds ?? []), ...(options.applicationId ? [options.applicationId] : [])];
  if (ids.length === 0) throw new TypeError('createLinkCode: give applicationId or applicationIds');
  if (ids.length > MAX_APPLICATIONS) throw new TypeError(`createLinkCode: at most ${MAX_APPLICATIONS} applications`);
  for (const id of ids) if (!isUuid(id)) throw new TypeError(`createLinkCode: not a UUID: ${id}`);
  const days = options.expiresInDays ?? DEFAULT_LINK_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) {
    throw new TypeError(`createLinkCode: expiresInDays must be a whole number in 1..${MAX_LINK_DAYS}`);
  }
  const now = options.now ?? Date.now();
  const payload = {
    a: [...new Set(ids.map((id) => id.toLowerCase()))],
    e: Math.floor(now / 1000) + days * 86_400,
    n: randomBytes(12).toString('base64url'),
  };
  const body = `${VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${sign(options.secret, body)}`;
}

/** Checks a code's MAC, shape and expiry (not revocation nor the applications' state: the exchange does). */
export function verifyLinkCode(code: unknown, options: { secret: TicketSecret; now?: number }): VerifiedLinkCode {
  if (typeof code !== 'string' || code.length === 0 || code.length > MAX_CODE_LENGTH) throw new ProxyError('LINK_INVALID', { detail: 'no link code' });
  const parts = code.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) throw new ProxyError('LINK_INVALID', { detail: 'malformed link code' });
  const [version, payloadPart, macPart] = parts as [string, string, string];
  if (!macMatches(linkKey(options.secret), `${version}.${payloadPart}`, macPart)) throw new ProxyError('LINK_INVALID', { detail: 'bad link MAC' });
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    throw new ProxyError('LINK_INVALID', { detail: 'link payload is not JSON' });
  }
  const { a, e, n } = (payload ?? {}) as { a?: unknown; e?: unknown; n?: unknown };
  if (!Array.isArray(a) || a.length === 0 || !a.every((id) => typeof id === 'string' && isUuid(id))) {
    throw new ProxyError('LINK_INVALID', { detail: 'link names no application' });
  }
  if (typeof e !== 'number' || !Number.isFinite(e) || typeof n !== 'string' || !/^[\w-]{8,64}$/.test(n)) {
    throw new ProxyError('LINK_INVALID', { detail: 'link has no expiry or id' });
  }
  const expiresAt = e * 1000;
  if ((options.now ?? Date.now()) >= expiresAt) throw new ProxyError('LINK_EXPIRED');
  return { applicationIds: (a as string[]).map((id) => id.toLowerCase()), expiresAt, linkId: n };
}

/** The address a client receives: the page at `publicUrl` with the code in the fragment. */
export function signingLinkUrl(publicUrl: string, code: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(extra).toString();
  return `${publicUrl.replace(/\/+$/, '')}/${query ? `?${query}` : ''}#link=${code}`;
}
