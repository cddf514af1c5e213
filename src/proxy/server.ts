/** Runs a proxy app on a real socket (CLI, demo script, tests over loopback). */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyApp, nodeRouteOf } from './app.js';
import { createMemoryLedgerStore } from './ledger/memory-store.js';
import type { SignLedgerStore } from './ledger/store.js';
import type { LinkRevocations } from './links/revocations.js';
import type { ProxyOptions } from './options.js';
import type { NodeRouteListener } from './status-poll.js';
import { createUndiciUpstream } from './upstream/transport.js';

export interface StartProxyServerOptions extends ProxyOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Use a Redis ledger at this URL (ignored when `store` is given). */
  redisUrl?: string;
  /** `false` silences the request log. */
  log?: boolean;
  /** `false`: no access-log line per request (other lines stay). */
  accessLog?: boolean;
  /** Socket limits; see `ConnectionLimits`. */
  connections?: Partial<ConnectionLimits>;
}

/**
 * What one slow or greedy client may hold (Node's own defaults are a minute for headers, five for a request,
 * no cap on connections). A sign body of 2 MiB needs well under the request time on any line that can sign.
 */
export interface ConnectionLimits {
  /** The whole request head must arrive within this, ms. Default 10 s. */
  headersTimeoutMs: number;
  /** The whole request (head and body) must arrive within this, ms. Default 30 s. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this, ms. Default 5 s. */
  keepAliveTimeoutMs: number;
  /** Open connections per instance; more are closed at once. Default 1 000. */
  maxConnections: number;
}

export function resolveConnectionLimits(partial: Partial<ConnectionLimits> = {}): ConnectionLimits {
  return { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000, ...partial };
}

export interface RunningProxy {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  close(): Promise<void>;
}

export async function startProxyServer(options: StartProxyServerOptions): Promise<RunningProxy> {
  const ownedUpstream = options.upstream ? undefined : createUndiciUpstream();
  const ownedStore: SignLedgerStore | undefined = options.store
    ? undefined
    : options.redisUrl
      ? // Loaded only when used: the Redis client weighs ~20 MB of resident memory in a process that does not need it.
        (await import('./ledger/redis-store.js')).createRedisLedgerStore({ url: options.redisUrl })
      : createMemoryLedgerStore(options.clock ? { clock: options.clock } : {});
  // Link revocations live beside the ledger: in the same Redis when there is one (its client loaded only then).
  const ownedRevocations: LinkRevocations | undefined =
    options.linkRevocations || !options.redisUrl
      ? undefined
      : (await import('./links/redis-revocations.js')).createRedisLinkRevocations({ url: options.redisUrl, ...(options.clock ? { clock: options.clock } : {}) });
  const host = options.host ?? '127.0.0.1';
  const limits = resolveConnectionLimits(options.connections);
  // The app is made once the port is known: without a configured publicUrl, the listening address is it.
  let honoListener: ReturnType<typeof getRequestListener> | undefined;
  let statusPoll: NodeRouteListener | undefined;
  // What @hono/node-server's `serve` builds, with the status poll's node:http path (status-poll.ts) in front: every
  // request it leaves goes to Hono's listener. The socket limits below hold for both paths.
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the two timeouts above (its default, 30 s, would let them run over by that much).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    (req, res) => {
      // The app exists before the first connection is read (it is made in the same turn as 'listening').
      if (!statusPoll?.(req, res)) void honoListener!(req, res);
    },
  );
  server.maxConnections = limits.maxConnections;
  server.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  // The address as bound (0.0.0.0 stays 0.0.0.0: the log must not claim loopback when it is not).
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const app = createProxyApp({
    ...options,
    publicUrl: options.publicUrl ?? url,
    store: options.store ?? ownedStore!,
    ...(ownedRevocations ? { linkRevocations: ownedRevocations } : {}),
    upstream: options.upstream ?? ownedUpstream!,
    ...(options.log === false ? { logger: false as const } : {}),
    ...(options.accessLog === false ? { accessLog: false } : {}),
  });
  honoListener = getRequestListener(app.fetch, { hostname: host });
  statusPoll = nodeRouteOf(app);
  return {
    url,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await ownedUpstream?.close();
      await ownedStore?.close?.();
      await ownedRevocations?.close?.();
    },
  };
}
