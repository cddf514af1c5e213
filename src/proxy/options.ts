import type { Context } from 'hono';
import type { SignLedgerStore } from './ledger/store.js';
import type { LinkRevocations } from './links/revocations.js';
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
  /** Lifetime of a ticket handed out for a signing link's code, seconds (the page renews it). Default 15 min. */
  linkTicketSeconds: number;
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
  /** Revoked signing links; in-memory by default. Use the Redis one when several instances run. */
  linkRevocations?: LinkRevocations;
  /** Milliseconds since the epoch. */
  clock?: () => number;
  /** How OFD is reached; default undici `request` on a keep-alive Agent. */
  upstream?: UpstreamFetch;
  /** Demo mode (the CLI keeps it on loopback with the mock OFD). Pages allowed are still only the listed ones and publicUrl's. */
  demo?: boolean;
  /** Serve this directory (the built standalone page) at `/`. */
  staticDir?: string;
  /** Receives one object per log line (already redacted). Default: JSON to stdout. `false`: no logging at all. */
  logger?: ((line: object) => void) | false;
  /** `false`: no access-log line per request; errors and sign-ledger events are still logged. */
  accessLog?: boolean;
  limits?: Partial<ProxyLimits>;
  /**
   * Serves Prometheus metrics at `/metrics` to `Authorization: Bearer <metricsToken>` only (traffic figures are not
   * for everyone). Unset: no metrics are collected at all, and `/metrics` is NOT_FOUND.
   */
  metricsToken?: string;
  /** `false` turns the per-ticket and per-address limits off (benchmarks; a front proxy that limits already). */
  rateLimit?: boolean;
  /**
   * Where browsers reach this proxy (origin plus optional path): rewritten file links point there and its origin
   * may call the API (the page the proxy serves). The Host header is never used; without publicUrl, file links are
   * root-relative and no origin is admitted beyond `allowedOrigins`. `startProxyServer` defaults it to its address.
   */
  publicUrl?: string;
  /** Client address for rate limiting. Default: the socket's peer address (see `trustProxy`). */
  clientAddress?: (c: Context) => string;
  /** Behind reverse proxies you run: how many `X-Forwarded-For` hops they append (`true` = 1). */
  trustProxy?: boolean | number;
  /**
   * The balancer's addresses (IPs or CIDRs). When given, `X-Forwarded-For` and `X-Request-Id` are taken only from
   * requests whose socket peer is one of them; a client reaching the proxy directly speaks only for itself.
   */
  trustedProxies?: readonly string[];
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
    linkTicketSeconds: 900,
    ...partial,
    signTimeoutMs,
  };
}
