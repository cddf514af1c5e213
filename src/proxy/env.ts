import type { VerifiedTicket } from './ticket.js';

/** Values middleware leaves on the Hono context for the handlers after it. */
export interface ProxyEnv {
  Variables: {
    requestId: string;
    /** The checked ticket, set by ticketAuth. */
    ticket: VerifiedTicket;
    /** A short digest of the ticket: a rate-limit key and a log field that does not reveal it. */
    ticketDigest: string;
  };
}
