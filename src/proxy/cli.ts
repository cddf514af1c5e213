#!/usr/bin/env node
/**
 * ofd-signer-proxy — one process is a complete deployment: the API proxy plus (STATIC_DIR) the standalone page.
 *
 *   ofd-signer-proxy                      start the server (configuration from the environment)
 *   ofd-signer-proxy ticket <id> [--ttl s] print a ticket for one application (needs TICKET_SECRET)
 *
 * Environment: OFD_BASE_URL (default https://ofd.ru/api/integration), OFD_AUTH_TOKEN, TICKET_SECRET (≥ 32 bytes),
 * ALLOWED_ORIGINS (comma list), REDIS_URL, HOST (default 127.0.0.1), PORT (default 8787), STATIC_DIR, PUBLIC_URL,
 * TRUST_PROXY=1 (rate-limit by the last X-Forwarded-For hop, behind your own reverse proxy),
 * DEMO=1 (local demo: generated secret, localhost pages allowed; DEMO_APPLICATION_ID prints a ready ticket),
 * STATUS_CACHE_MS (default 1000; 0 sends every poll upstream), RATE_LIMIT=off (a front proxy limits already),
 * ACCESS_LOG=off (no line per request; errors are still logged).
 */
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startProxyServer, type RunningProxy } from './server.js';
import { createTicket } from './ticket.js';
import { isUuid } from './validation.js';

export const DEFAULT_OFD_BASE_URL = 'https://ofd.ru/api/integration';
export const MIN_SECRET_BYTES = 32;
/** In demo mode without OFD_AUTH_TOKEN: the mock OFD's default token (its MOCK_OFD_DEFAULT_TOKEN; a test keeps them equal). */
export const DEMO_AUTH_TOKEN = '5f0c3a9e7d1b4c2a8e6f0d9b3a7c1e54';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface ServerConfig {
  ofdBaseUrl: string;
  authToken: string;
  ticketSecret: string;
  allowedOrigins: string[];
  redisUrl?: string;
  host: string;
  port: number;
  staticDir?: string;
  publicUrl?: string;
  trustProxy: boolean;
  demo: boolean;
  generatedSecret: boolean;
  statusCacheMs?: number;
  rateLimit: boolean;
  accessLog: boolean;
}

/** Reads the environment; returns the problems instead of a config when it is not safe to start. */
export function readServerConfig(env: NodeJS.ProcessEnv): { config: ServerConfig } | { problems: string[] } {
  const demo = env.DEMO === '1' || env.DEMO === 'true';
  const problems: string[] = [];
  const authToken = env.OFD_AUTH_TOKEN ?? '';
  let ticketSecret = env.TICKET_SECRET ?? '';
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let generatedSecret = false;
  if (!authToken && !demo) problems.push('OFD_AUTH_TOKEN is not set (the partner AuthToken from OFD.ru)');
  if (!ticketSecret && demo) {
    ticketSecret = randomBytes(32).toString('base64url');
    generatedSecret = true;
  } else if (!ticketSecret) {
    problems.push(`TICKET_SECRET is not set (at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -base64 48\`)`);
  } else if (Buffer.byteLength(ticketSecret) < MIN_SECRET_BYTES && !demo) {
    problems.push(`TICKET_SECRET is ${Buffer.byteLength(ticketSecret)} bytes long; it must be at least ${MIN_SECRET_BYTES}`);
  }
  if (allowedOrigins.length === 0 && !demo) {
    problems.push('ALLOWED_ORIGINS is not set (comma-separated origins of the pages that embed the widget)');
  }
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`ALLOWED_ORIGINS entry "${origin}" is not an origin like https://shop.example`);
  }
  const ofdBaseUrl = env.OFD_BASE_URL || DEFAULT_OFD_BASE_URL;
  if (!/^https?:\/\//.test(ofdBaseUrl)) problems.push('OFD_BASE_URL must be an http(s) URL');
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT "${env.PORT}" is not a port number`);
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
      authToken: authToken || DEMO_AUTH_TOKEN,
      ticketSecret,
      allowedOrigins,
      ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
      host: env.HOST || '127.0.0.1',
      port,
      ...(env.STATIC_DIR ? { staticDir: env.STATIC_DIR } : {}),
      ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
      trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
      demo,
      generatedSecret,
      ...(statusCacheMs !== undefined ? { statusCacheMs } : {}),
      rateLimit: env.RATE_LIMIT !== 'off',
      accessLog: env.ACCESS_LOG !== 'off',
    },
  };
}

/** Runs the CLI; resolves to an exit code, or to the running server when one was started. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) },
): Promise<number | RunningProxy> {
  const [command, ...rest] = argv;
  if (command === 'ticket') return printTicket(rest, env, io);
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out('usage: ofd-signer-proxy               start the proxy (see docs/proxy.md for the environment)');
    io.out('       ofd-signer-proxy ticket <applicationId> [--ttl seconds]');
    return 0;
  }
  if (command !== undefined) {
    io.err(`ofd-signer-proxy: unknown command "${command}" (try --help)`);
    return 2;
  }
  const read = readServerConfig(env);
  if ('problems' in read) {
    io.err('ofd-signer-proxy: refusing to start:');
    for (const p of read.problems) io.err(`  - ${p}`);
    io.err('Set these variables, or DEMO=1 for a local demonstration.');
    return 2;
  }
  const { config } = read;
  const running = await startProxyServer({
    ofdBaseUrl: config.ofdBaseUrl,
    authToken: config.authToken,
    ticketSecret: config.ticketSecret,
    allowedOrigins: config.allowedOrigins,
    host: config.host,
    port: config.port,
    demo: config.demo,
    trustProxy: config.trustProxy,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    ...(config.staticDir ? { staticDir: config.staticDir } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.statusCacheMs !== undefined ? { limits: { statusCacheMs: config.statusCacheMs } } : {}),
    ...(config.rateLimit ? {} : { rateLimit: false }),
    ...(config.accessLog ? {} : { accessLog: false }),
  });
  io.err(
    JSON.stringify({
      level: 'info',
      msg: 'listening',
      url: running.url,
      upstream: config.ofdBaseUrl,
      store: config.redisUrl ? 'redis' : 'memory',
      demo: config.demo,
    }),
  );
  if (config.demo) {
    if (config.generatedSecret) io.err(`DEMO: generated TICKET_SECRET=${config.ticketSecret}`);
    const demoId = env.DEMO_APPLICATION_ID;
    if (demoId && isUuid(demoId)) {
      const ticket = createTicket({ applicationId: demoId, expiresInSeconds: 3600, secret: config.ticketSecret });
      io.out(`DEMO ticket for ${demoId}: ${ticket}`);
      io.out(`${running.url}/?application=${demoId}&ticket=${encodeURIComponent(ticket)}`);
    }
  }
  return running;
}

function printTicket(args: string[], env: NodeJS.ProcessEnv, io: CliIo): number {
  const applicationIds: string[] = [];
  let ttl = 3600;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--ttl') {
      ttl = Number(args[++i]);
      if (!Number.isInteger(ttl) || ttl <= 0) {
        io.err('ofd-signer-proxy ticket: --ttl takes a whole number of seconds');
        return 2;
      }
    } else if (isUuid(arg)) {
      applicationIds.push(arg);
    } else {
      io.err(`ofd-signer-proxy ticket: "${arg}" is not an application id (UUID)`);
      return 2;
    }
  }
  if (applicationIds.length === 0) {
    io.err('usage: ofd-signer-proxy ticket <applicationId> [--ttl seconds]');
    return 2;
  }
  const secret = env.TICKET_SECRET ?? '';
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    io.err(`ofd-signer-proxy ticket: TICKET_SECRET must be set to the server's secret (at least ${MIN_SECRET_BYTES} bytes)`);
    return 2;
  }
  io.out(createTicket({ applicationIds, expiresInSeconds: ttl, secret }));
  return 0;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const result = await runCli(process.argv.slice(2), process.env);
  if (typeof result === 'number') {
    process.exitCode = result;
  } else {
    const stop = () => void result.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
}
