/** Runs a proxy app on a real socket (CLI, demo script, tests over loopback). */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyApp, nodeRouteOf } from './app.js';
import { createMemoryLedgerStore } from './ledger/memory-store.js';
import type { SignLedgerStore } from './ledger/store.js';
import type { ProxyOptions } from './options.js';
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
  const app = createProxyApp({
    ...options,
    store: options.store ?? ownedStore!,
    upstream: options.upstream ?? ownedUpstream!,
    ...(options.log === false ? { logger: false as const } : {}),
    ...(options.accessLog === false ? { accessLog: false } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  // What @hono/node-server's `serve` builds, with the status poll's node:http path (status-poll.ts) in front:
  // every request it leaves goes to Hono's listener.
  const honoListener = getRequestListener(app.fetch, { hostname: host });
  const statusPoll = nodeRouteOf(app);
  const server = createServer(
    statusPoll
      ? (req, res) => {
          if (!statusPoll(req, res)) void honoListener(req, res);
        }
      : honoListener,
  );
  server.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await ownedUpstream?.close();
      await ownedStore?.close?.();
    },
  };
}
