/**
 * `POST /api/links/exchange` `{"Code":"l1.…"}` → a short-lived ticket for the link's applications, kept by the page
 * in memory only. Refused — before any plug-in step on the page — when the code is not ours (LINK_INVALID), its
 * lifetime is over (LINK_EXPIRED), the partner revoked it (LINK_REVOKED), or every application it names has
 * reached an end state (LINK_ENDED).
 */
import { Hono, type Context } from 'hono';
import type { ProxyEnv } from '../env.js';
import { ProxyError } from '../errors/proxy-error.js';
import { jsonBody } from '../json-body.js';
import { limitBody } from '../middleware/body-limit.js';
import { createTicket, type TicketSecret } from '../ticket.js';
import { verifyLinkCode } from './link-code.js';
import type { LinkRevocations } from './revocations.js';

/** Application statuses after which nothing is left to do through a link (OFD spec 6.3, table 14). */
export const END_STATUSES: ReadonlySet<string> = new Set(['Approved', 'Rejected', 'UnknownError']);

export interface LinkRoutesOptions {
  secret: TicketSecret;
  clock: () => number;
  revocations: LinkRevocations;
  /** The application's current status from OFD (throws OFD's refusal as it would for the widget). */
  applicationStatus: (applicationId: string) => Promise<string | undefined>;
  /** Lifetime of the tickets handed out, seconds. */
  ticketSeconds: number;
  /** Told each exchange's outcome: `ok` or the refusal's code (metrics). */
  onOutcome?: (outcome: string) => void;
}

export function linkRoutes(options: LinkRoutesOptions): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  routes.post('/exchange', limitBody(16 * 1024), async (c) => {
    try {
      const answer = await exchange(c);
      options.onOutcome?.('ok');
      return answer;
    } catch (error) {
      options.onOutcome?.(error instanceof ProxyError ? error.code : 'error');
      throw error;
    }
  });
  const exchange = async (c: Context<ProxyEnv>) => {
    const body = (await jsonBody(c)) as { Code?: unknown } | null;
    const now = options.clock();
    const link = verifyLinkCode(typeof body === 'object' && body !== null ? body.Code : undefined, { secret: options.secret, now });
    if (await options.revocations.isRevoked(link.linkId)) throw new ProxyError('LINK_REVOKED');
    const statuses = await Promise.all(link.applicationIds.map((id) => options.applicationStatus(id)));
    if (statuses.every((status) => status !== undefined && END_STATUSES.has(status))) {
      throw new ProxyError('LINK_ENDED', { detail: `statuses ${statuses.join(',')}` });
    }
    // Never beyond the link's own end.
    const seconds = Math.max(1, Math.min(options.ticketSeconds, Math.floor((link.expiresAt - now) / 1000)));
    const ticket = createTicket({ applicationIds: link.applicationIds, expiresInSeconds: seconds, secret: options.secret, now, linkId: link.linkId });
    return c.json({
      Status: 'Success',
      Data: {
        Ticket: ticket,
        TicketExpiresInSeconds: seconds,
        LinkExpiresAt: new Date(link.expiresAt).toISOString(),
        ApplicationIds: link.applicationIds,
      },
    });
  };
  routes.all('/exchange', () => {
    throw new ProxyError('METHOD_NOT_ALLOWED');
  });
  return routes;
}

/** A ticket from a link may write (prepare, sign, report) only while the link is not revoked. */
export async function assertLinkNotRevoked(revocations: LinkRevocations, linkId: string | undefined): Promise<void> {
  if (linkId !== undefined && (await revocations.isRevoked(linkId))) throw new ProxyError('LINK_REVOKED');
}
