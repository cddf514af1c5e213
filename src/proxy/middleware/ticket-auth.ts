import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../env.js';
import { TicketError } from '../errors/ticket-error.js';
import { verifyTicket, type TicketSecret } from '../ticket.js';
import { checkUuid } from '../validation.js';

/**
 * Requires `Authorization: Bearer <ticket>` opening the application named in the path (`:id`).
 * The id format is checked first so a malformed id is INVALID_ID, not a ticket problem.
 */
export function ticketAuth(options: { secret: TicketSecret; clock: () => number }): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const applicationId = checkUuid(c.req.param('id'), 'application id');
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new TicketError('TICKET_MISSING');
    const token = match[1]!;
    c.set('ticketDigest', createHash('sha256').update(token).digest('base64url').slice(0, 12));
    c.set('ticket', verifyTicket(token, { secret: options.secret, now: options.clock(), applicationId }));
    await next();
  };
}
