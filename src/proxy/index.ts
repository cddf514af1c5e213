/**
 * ofd-signer proxy: the public server-side entry. Never imported by browser code.
 */
export { createProxyApp, type ProxyApp } from './app.js';
export type { ProxyLimits, ProxyOptions } from './options.js';
export { createTicket, verifyTicket, type CreateTicketOptions, type TicketSecret, type VerifiedTicket, type VerifyTicketOptions } from './ticket.js';
export { createMemoryLedgerStore } from './ledger/memory-store.js';
export { createRedisLedgerStore, type RedisLedgerOptions } from './ledger/redis-store.js';
export type { ClaimResult, LedgerEntry, LedgerState, RecordedAnswer, SignLedgerStore } from './ledger/store.js';
export { createLinkCode, verifyLinkCode, signingLinkUrl, DEFAULT_LINK_DAYS, MAX_LINK_DAYS, type CreateLinkCodeOptions, type VerifiedLinkCode } from './links/link-code.js';
export { createMemoryLinkRevocations, type LinkRevocations } from './links/revocations.js';
export { createRedisLinkRevocations } from './links/redis-revocations.js';
export { END_STATUSES } from './links/link-routes.js';
export { startProxyServer, type RunningProxy, type StartProxyServerOptions } from './server.js';
export { createUndiciUpstream, type UpstreamFetch, type UpstreamInit, type UpstreamResponse } from './upstream/transport.js';
export { PROXY_ERRORS, type ProxyErrorCode } from './errors/error-catalog.js';
export { ProxyError, isProxyError } from './errors/proxy-error.js';
export { TicketError, isTicketError } from './errors/ticket-error.js';
export { proxyErrorBody } from './errors/respond.js';
