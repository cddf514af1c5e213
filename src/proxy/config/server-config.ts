/**
 * The process configuration from the environment, and every rule that keeps it from running unsafely. Each
 * refusal names the setting and the fix; `readServerConfig` returns all of them at once.
 */
import { randomBytes } from 'node:crypto';
import { isLoopbackHost, isLoopbackUrl, parseAddressList } from './addresses.js';
import { MIN_SECRET_BYTES, secretProblem } from './secret-strength.js';

export const DEFAULT_OFD_BASE_URL = 'https://ofd.ru/api/integration';
/** In demo mode: the mock OFD's default token (its MOCK_OFD_DEFAULT_TOKEN; a test keeps them equal). */
export const DEMO_AUTH_TOKEN = '5f0c3a9e7d1b4c2a8e6f0d9b3a7c1e54';
export { MIN_SECRET_BYTES };

export interface ServerConfig {
  ofdBaseUrl: string;
  authToken: string;
  ticketSecret: string;
  allowedOrigins: string[];
  redisUrl?: string;
  host: string;
  port: number;
  staticDir?: string;
  /** Required outside demo; in demo the listening address is used. */
  publicUrl?: string;
  /** Reverse-proxy hops in front of this process whose `X-Forwarded-For` entries are trusted (0: none). */
  trustProxyHops: number;
  /** Socket peers allowed to speak for the client (X-Forwarded-For, X-Request-Id): the balancer's addresses. */
  trustedProxies: string[];
  /** How many instances the deployment runs (PROXY_INSTANCES); more than one needs Redis. */
  instances: number;
  /** Bearer token for `/metrics` (METRICS_TOKEN); unset: no metrics. */
  metricsToken?: string;
  /** Open connections per instance (MAX_CONNECTIONS). */
  maxConnections?: number;
  /** How long a status answer is reused, ms (STATUS_CACHE_MS); unset: the library default. */
  statusCacheMs?: number;
  /** RATE_LIMIT=off: no per-address or per-ticket limits (a front proxy limits already). */
  rateLimit: boolean;
  /** ACCESS_LOG=off: no line per request (errors and ledger events are still logged). */
  accessLog: boolean;
  demo: boolean;
  generatedSecret: boolean;
}

const FALSE = new Set(['', '0', 'false', 'no', 'off']);

/** Reads the environment; returns the problems instead of a config when it is not safe to start. */
export function readServerConfig(env: NodeJS.ProcessEnv): { config: ServerConfig } | { problems: string[] } {
  const demo = env.DEMO === '1' || env.DEMO === 'true';
  const problems: string[] = [];
  const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const allowedOrigins = list(env.ALLOWED_ORIGINS);
  const host = env.HOST || '127.0.0.1';
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT "${env.PORT}" is not a port number`);
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`ALLOWED_ORIGINS entry "${origin}" is not an origin like https://shop.example`);
  }

  let ticketSecret = env.TICKET_SECRET ?? '';
  let generatedSecret = false;
  let authToken = env.OFD_AUTH_TOKEN ?? '';
  const ofdBaseUrl = env.OFD_BASE_URL || (demo ? '' : DEFAULT_OFD_BASE_URL);
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '') || undefined;

  if (demo) {
    // The demo is a laptop's toy: loopback only, the mock OFD only, nothing secret printed.
    if (!isLoopbackHost(host)) problems.push(`DEMO=1 listens on loopback only; HOST=${host} would expose it. Unset HOST or set HOST=127.0.0.1`);
    if (!ofdBaseUrl) problems.push('DEMO=1 needs OFD_BASE_URL pointing at a mock OFD on this machine, e.g. http://127.0.0.1:8090/api/integration (npm run mock-ofd)');
    else if (!isLoopbackUrl(ofdBaseUrl)) problems.push(`DEMO=1 never talks to a real OFD: OFD_BASE_URL=${ofdBaseUrl} is not on loopback. Point it at the mock OFD, or run without DEMO`);
    if (authToken && authToken !== DEMO_AUTH_TOKEN) problems.push('DEMO=1 never carries a real AuthToken: unset OFD_AUTH_TOKEN (the mock OFD\'s demo token is used)');
    authToken = DEMO_AUTH_TOKEN;
    for (const origin of allowedOrigins) {
      if (!isLoopbackUrl(origin)) problems.push(`DEMO=1 admits pages on this machine only; ALLOWED_ORIGINS entry ${origin} is not on loopback`);
    }
    if (publicUrl && !isLoopbackUrl(publicUrl)) problems.push(`DEMO=1 is reached on loopback only; PUBLIC_URL=${publicUrl} is not`);
    if (!ticketSecret) {
      ticketSecret = randomBytes(32).toString('base64url');
      generatedSecret = true;
    }
  } else {
    if (!authToken) problems.push('OFD_AUTH_TOKEN is not set (the partner AuthToken from OFD.ru)');
    if (!/^https?:\/\//.test(ofdBaseUrl)) problems.push('OFD_BASE_URL must be an http(s) URL');
    else if (ofdBaseUrl.startsWith('http://') && !isLoopbackUrl(ofdBaseUrl)) {
      problems.push(`OFD_BASE_URL=${ofdBaseUrl} is plain http: the AuthToken would cross the network in clear text. Use https:// (plain http only to a loopback address)`);
    }
    if (allowedOrigins.length === 0) problems.push('ALLOWED_ORIGINS is not set (comma-separated origins of the pages that embed the widget)');
    if (!publicUrl) {
      problems.push('PUBLIC_URL is not set: the address browsers reach this proxy at, e.g. https://sign.example (the Host header is not trusted for file links and same-origin checks)');
    } else if (!/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(publicUrl)) {
      problems.push(`PUBLIC_URL=${publicUrl} is not an http(s) address like https://sign.example`);
    } else if (publicUrl.startsWith('http://') && !isLoopbackUrl(publicUrl)) {
      problems.push(`PUBLIC_URL=${publicUrl} is plain http: tickets would travel in clear text. Serve it over https:// (your balancer terminates TLS)`);
    }
  }
  if (!ticketSecret) problems.push(`TICKET_SECRET is not set (at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -base64 48\`)`);
  else if (!generatedSecret) {
    const problem = secretProblem('TICKET_SECRET', ticketSecret);
    if (problem) problems.push(problem);
  }

  const instances = env.PROXY_INSTANCES ? Number(env.PROXY_INSTANCES) : 1;
  if (!Number.isInteger(instances) || instances < 1) problems.push(`PROXY_INSTANCES "${env.PROXY_INSTANCES}" is not a whole number ≥ 1`);
  else if (instances > 1 && !env.REDIS_URL) {
    problems.push(`PROXY_INSTANCES=${instances} with the in-memory ledger: each instance would send sign on its own. Set REDIS_URL (one Redis, persistence on) for all of them`);
  }

  const trust = (env.TRUST_PROXY ?? '').trim().toLowerCase();
  let trustProxyHops = 0;
  const trustedProxies = list(env.TRUSTED_PROXIES);
  if (!FALSE.has(trust)) {
    trustProxyHops = Number(trust);
    if (!/^[1-9]$/.test(trust)) {
      problems.push(`TRUST_PROXY="${env.TRUST_PROXY}": give the number of reverse-proxy hops in front of this process (usually 1), or leave it unset`);
    }
    if (trustedProxies.length === 0) {
      problems.push('TRUST_PROXY is set but TRUSTED_PROXIES is not: list the balancer\'s addresses (IPs or CIDRs) so that a client reaching this process directly cannot claim an address');
    }
  }
  if (trustedProxies.length > 0) {
    const parsed = parseAddressList(trustedProxies);
    if ('bad' in parsed) problems.push(`TRUSTED_PROXIES entry "${parsed.bad}" is not an IP address or CIDR`);
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken) {
    const problem = secretProblem('METRICS_TOKEN', metricsToken);
    if (problem) problems.push(problem);
  }
  const maxConnections = env.MAX_CONNECTIONS ? Number(env.MAX_CONNECTIONS) : undefined;
  if (maxConnections !== undefined && !(Number.isInteger(maxConnections) && maxConnections > 0)) {
    problems.push(`MAX_CONNECTIONS "${env.MAX_CONNECTIONS}" is not a whole number ≥ 1`);
  }
  const statusCacheMs = env.STATUS_CACHE_MS ? Number(env.STATUS_CACHE_MS) : undefined;
  if (statusCacheMs !== undefined && (!Number.isInteger(statusCacheMs) || statusCacheMs < 0 || statusCacheMs > 60_000)) {
    problems.push(`STATUS_CACHE_MS "${env.STATUS_CACHE_MS}" is not a whole number of milliseconds from 0 to 60000`);
  }
  for (const name of ['RATE_LIMIT', 'ACCESS_LOG'] as const) {
    if (env[name] !== undefined && env[name] !== '' && !['on', 'off'].includes(env[name]!)) problems.push(`${name} must be "on" or "off"`);
  }

  if (problems.length > 0) return { problems };
  return {
    config: {
      ofdBaseUrl,
      authToken,
      ticketSecret,
      allowedOrigins,
      ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
      host,
      port,
      ...(env.STATIC_DIR ? { staticDir: env.STATIC_DIR } : {}),
      ...(publicUrl ? { publicUrl } : {}),
      trustProxyHops,
      trustedProxies,
      instances,
      ...(maxConnections ? { maxConnections } : {}),
      ...(metricsToken ? { metricsToken } : {}),
      ...(statusCacheMs !== undefined ? { statusCacheMs } : {}),
      rateLimit: env.RATE_LIMIT !== 'off',
      accessLog: env.ACCESS_LOG !== 'off',
      demo,
      generatedSecret,
    },
  };
}
