#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=50
/**
 * ofd-signer-proxy — one process is a complete deployment: the API proxy plus (STATIC_DIR) the standalone page.
 *
 *   ofd-signer-proxy                      start the server (configuration from the environment)
 *   ofd-signer-proxy ticket <id> [--ttl s] print a ticket for one application (needs TICKET_SECRET)
 *
 * Environment: see docs/proxy.md and src/proxy/config/server-config.ts (every rule that refuses an unsafe
 * configuration lives there). DEMO=1: loopback and the mock OFD only; DEMO_APPLICATION_ID prints a ready link.
 * Operating switches: STATUS_CACHE_MS (default 1000; 0 sends every poll upstream), RATE_LIMIT=off (a front proxy
 * limits already), ACCESS_LOG=off (no line per request; errors are still logged).
 *
 * The shebang's node flags keep the process near 80–90 MB under load instead of ≈ 125 MB: V8's young generation
 * at 2 × 4 MB instead of 2 × 16 MB, and the old generation collected once it grows by half its live size
 * (docs/bench.md, "Memory"; the Dockerfile's CMD carries the same flags, test/deploy/node-flags.test.ts).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseIdArguments, wholeNumber } from './cli-args.js';
import { readServerConfig } from './config/server-config.js';
import { createLinkCode, signingLinkUrl } from './links/link-code.js';
import { printLink, revokeLink, secretOrComplain } from './links/link-cli.js';
import { startProxyServer, type RunningProxy } from './server.js';
import { createTicket } from './ticket.js';
import { isUuid } from './validation.js';

export { DEFAULT_OFD_BASE_URL, DEMO_AUTH_TOKEN, MIN_SECRET_BYTES, readServerConfig, type ServerConfig } from './config/server-config.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the CLI; resolves to an exit code, or to the running server when one was started. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) },
): Promise<number | RunningProxy> {
  const [command, ...rest] = argv;
  if (command === 'ticket') return printTicket(rest, env, io);
  if (command === 'link') return printLink(rest, env, io);
  if (command === 'revoke') return revokeLink(rest, env, io);
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out('usage: ofd-signer-proxy               start the proxy (see docs/proxy.md for the environment)');
    io.out('       ofd-signer-proxy link <applicationId>… [--days n] [--lang ru|en]   the signing link for a client');
    io.out('       ofd-signer-proxy revoke <link or code>                             withdraw a link (needs REDIS_URL)');
    io.out('       ofd-signer-proxy ticket <applicationId> [--ttl seconds]             a short ticket for an embedding page');
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
    trustProxy: config.trustProxyHops,
    trustedProxies: config.trustedProxies,
    ...(config.maxConnections ? { connections: { maxConnections: config.maxConnections } } : {}),
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
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
      // Never the secret itself: whoever reads the log could mint tickets.
      ...(config.generatedSecret ? { ticketSecret: 'generated for this run, not shown' } : {}),
    }),
  );
  if (config.demo) {
    const demoId = env.DEMO_APPLICATION_ID;
    if (demoId && isUuid(demoId)) {
      io.out(`DEMO signing link for ${demoId}:`);
      io.out(signingLinkUrl(running.url, createLinkCode({ applicationId: demoId, secret: config.ticketSecret })));
    }
  }
  return running;
}

function printTicket(args: string[], env: NodeJS.ProcessEnv, io: CliIo): number {
  const parsed = parseIdArguments(args, 'ticket', '<applicationId>… [--ttl seconds]', { '--ttl': wholeNumber(1, 30 * 24 * 3600, 'seconds') }, io.err);
  if (!parsed) return 2;
  const ttl = parsed.values['--ttl'] ? Number(parsed.values['--ttl']) : 3600;
  const secret = secretOrComplain(env, io, 'ticket');
  if (!secret) return 2;
  io.out(createTicket({ applicationIds: parsed.ids, expiresInSeconds: ttl, secret }));
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
