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
export function ticketAuth(options: { secret: TicketSecret; clock: () => number }): MiddlewareHandler<ProxyEnv> {
  const remembered = new Map<string, { ticket: VerifiedTicket; digest: string }>();
  return async (c, next) => {
    const applicationId = checkUuid(c.req.param('id'), 'application id');
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new TicketError('TICKET_MISSING');
    const token = match[1]!;
    const now = options.clock();
    const known = remembered.get(token);
    if (known) {
      c.set('ticketDigest', known.digest);
      if (now >= known.ticket.expiresAt) {
        remembered.delete(token);
        throw new TicketError('TICKET_EXPIRED');
      }
      if (!known.ticket.applicationIds.includes(applicationId)) throw new TicketError('TICKET_WRONG_APPLICATION');
      c.set('ticket', known.ticket);
      return next();
    }
    const digest = createHash('sha256').update(token).digest('base64url').slice(0, 12);
    c.set('ticketDigest', digest);
    // Frozen: one object now serves many requests.
    const ticket = verifyTicket(token, { secret: options.secret, now, applicationId });
    Object.freeze(ticket.applicationIds);
    Object.freeze(ticket);
    if (token.length <= REMEMBERED_TICKET_LENGTH) {
      if (remembered.size >= REMEMBERED_TICKETS) remembered.clear();
      remembered.set(token, { ticket, digest });
    }
    c.set('ticket', ticket);
    return next();
  };
}
