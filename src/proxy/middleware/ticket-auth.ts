import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../env.js';
import { TicketError } from '../errors/ticket-error.js';
import { verifyTicket, type TicketSecret, type VerifiedTicket } from '../ticket.js';
import { checkUuid } from '../validation.js';

/** Tickets whose MAC was checked, kept per middleware (one secret); the bounds cap the memory at a few MB. */
const REMEMBERED_TICKETS = 2_000;
const REMEMBERED_TICKET_LENGTH = 1_024;

/**
 * Requires `Authorization: Bearer <ticket>` opening the application named in the path (`:id`).
 * The id format is checked first so a malformed id is INVALID_ID, not a ticket problem.
 *
 * A widget polls the status with the same ticket every few seconds, so a ticket whose MAC and payload checked
 * out is remembered (keyed by its exact text, which the MAC covers entirely): the next request skips the HMAC,
 * the decoding and the digest, but expiry and the application are still checked on every request, in
 * `verifyTicket`'s order.
 */
export function ticketAuth(options: { secret: TicketSecret; clock: () => number } | { check: TicketCheck }): MiddlewareHandler<ProxyEnv> {
  const check = 'check' in options ? options.check : ticketCheck(options);
  return async (c, next) => {
    const applicationId = checkUuid(c.req.param('id'), 'application id');
    const result = check(c.req.header('authorization'), applicationId);
    if (result.digest !== undefined) c.set('ticketDigest', result.digest);
    if (!result.ok) throw result.error;
    c.set('ticket', result.ticket);
    return next();
  };
}

/** The outcome of a ticket check; `digest` is known as soon as there is a ticket, valid or not (logs, limits). */
export type TicketCheckResult =
  | { ok: true; ticket: VerifiedTicket; digest: string }
  | { ok: false; error: TicketError; digest?: string };

/** Checks `Authorization` for a (checked, lowercase) application id; shared by the middleware and the status poll. */
export type TicketCheck = (authorization: string | undefined, applicationId: string) => TicketCheckResult;

export function ticketCheck(options: { secret: TicketSecret; clock: () => number }): TicketCheck {
  const remembered = new Map<string, { ticket: VerifiedTicket; digest: string }>();
  return (authorization, applicationId) => {
    const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
    if (!match) return { ok: false, error: new TicketError('TICKET_MISSING') };
    const token = match[1]!;
    const now = options.clock();
    const known = remembered.get(token);
    if (known) {
      const { digest } = known;
      if (now >= known.ticket.expiresAt) {
        remembered.delete(token);
        return { ok: false, error: new TicketError('TICKET_EXPIRED'), digest };
      }
      if (!known.ticket.applicationIds.includes(applicationId)) return { ok: false, error: new TicketError('TICKET_WRONG_APPLICATION'), digest };
      return { ok: true, ticket: known.ticket, digest };
    }
    const digest = createHash('sha256').update(token).digest('base64url').slice(0, 12);
    let ticket: VerifiedTicket;
    try {
      ticket = verifyTicket(token, { secret: options.secret, now, applicationId });
    } catch (error) {
      if (error instanceof TicketError) return { ok: false, error, digest };
      throw error;
    }
    // Frozen: one object now serves many requests.
    Object.freeze(ticket.applicationIds);
    Object.freeze(ticket);
    if (token.length <= REMEMBERED_TICKET_LENGTH) {
      if (remembered.size >= REMEMBERED_TICKETS) remembered.clear();
      remembered.set(token, { ticket, digest });
    }
    return { ok: true, ticket, digest };
  };
}
