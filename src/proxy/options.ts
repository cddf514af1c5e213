import type { Context } from 'hono';
import type { SignLedgerStore } from './ledger/store.js';
import type { TicketSecret } from './ticket.js';
import type { UpstreamFetch } from './upstream/transport.js';

export interface ProxyLimits {
  /** Largest `sign` body, bytes. Default 2 MiB. */
  signBodyBytes: number;
  /** Largest body of the other routes, bytes. Default 16 KiB. */
  otherBodyBytes: number;
  /** Largest decoded signature, bytes. Default 1.5 MiB. */
  signatureBytes: number;
  /** Requests per minute for one ticket. Default 240. */
  perTicketPerMinute: number;
  /** Requests per minute for one client address. Default 1200. */
  perAddressPerMinute: number;
  /** Deadline for OFD calls other than sign, ms. Default 15 s. */
  upstreamTimeoutMs: number;
  /** Deadline for the `sign` call, ms. Default 60 s. */
  signTimeoutMs: number;
  /** How long an application status answer is reused, ms (0 disables). Default 1 s. */
  statusCacheMs: number;
  /** How long a sign claim protects the call in flight, ms. Default signTimeoutMs + 15 s. */
  signLeaseMs: number;
  /** How long a duplicate sign waits for the call in flight, ms. Default signTimeoutMs + 5 s. */
  signWaitMs: number;
  /** After an ambiguous sign, how long the document must still show unsigned before a new attempt, ms. Default 2 min. */
  unknownOutcomeGraceMs: number;
}

export interface ProxyOptions {
  /** OFD partner API base, e.g. https://ofd.ru/api/integration. */
  ofdBaseUrl: string;
  /** The partner's AuthToken: added to every upstream call, never sent to a browser or logged. */
  authToken: string;
  /** HMAC key for tickets (at least 32 bytes outside demo mode; the CLI enforces it). */
  ticketSecret: TicketSecret;
  /** Origins allowed to call the API from a browser (exact match, e.g. https://partner.example). */
  allowedOrigins: string[];
  /** Sign-once ledger; in-memory by default. Use the Redis store when several instances run. */
  store?: SignLedgerStore;
  /** Milliseconds since the epoch. */
  clock?: () => number;
  /** How OFD is reached; default undici `request` on a keep-alive Agent. */
  upstream?: UpstreamFetch;
  /** Demo mode: browser pages on localhost / 127.0.0.1 are allowed too. */
  demo?: boolean;
  /** Serve this directory (the built standalone page) at `/`. */
  staticDir?: string;
  /** Receives one object per log line (already redacted). Default: JSON to stdout. `false`: no logging at all. */
  logger?: ((line: object) => void) | false;
  /** `false`: no access-log line per request; errors and sign-ledger events are still logged. */
  accessLog?: boolean;
  limits?: Partial<ProxyLimits>;
  /** `false` turns the per-ticket and per-address limits off (benchmarks; a front proxy that limits already). */
  rateLimit?: boolean;
  /** Where browsers reach this proxy (origin plus optional path), for rewritten file links. Default: the request's origin. */
  publicUrl?: string;
  /** Client address for rate limiting. Default: the socket's peer address (see `trustProxy`). */
  clientAddress?: (c: Context) => string;
  /** Behind a reverse proxy you run: take the client address from the last `X-Forwarded-For` hop it added. */
  trustProxy?: boolean;
}

export function resolveLimits(partial: Partial<ProxyLimits> = {}): ProxyLimits {
  const signTimeoutMs = partial.signTimeoutMs ?? 60_000;
  return {
    signBodyBytes: 2 * 1024 * 1024,
    otherBodyBytes: 16 * 1024,
    signatureBytes: 1.5 * 1024 * 1024,
    perTicketPerMinute: 240,
    perAddressPerMinute: 1200,
    upstreamTimeoutMs: 15_000,
    statusCacheMs: 1_000,
    signLeaseMs: signTimeoutMs + 15_000,
    signWaitMs: signTimeoutMs + 5_000,
    unknownOutcomeGraceMs: 120_000,
    ...partial,
    signTimeoutMs,
  };
}
