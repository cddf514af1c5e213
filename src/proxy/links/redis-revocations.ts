/**
 * Link revocations in Redis, shared by every instance (the same Redis as the sign-once ledger). A module of its own
 * so that the Redis client is loaded only by a process that uses it (server.ts and the `revoke` command import it
 * when REDIS_URL is set).
 */
import { Redis } from 'ioredis';
import type { LinkRevocations } from './revocations.js';

export function createRedisLinkRevocations(
  connection: ({ url: string } | { client: Redis }) & { prefix?: string; clock?: () => number },
): LinkRevocations {
  const owns = 'url' in connection;
  const client = owns ? new Redis(connection.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : connection.client;
  // Failed commands reject where they are awaited; the event would only print a duplicate warning.
  if (owns) client.on('error', () => undefined);
  const prefix = connection.prefix ?? 'ofd-signer:link-revoked:';
  const clock = connection.clock ?? Date.now;
  return {
    async revoke(linkId, until) {
      await client.set(`${prefix}${linkId}`, '1', 'PX', Math.max(1_000, Math.ceil(until - clock())));
    },
    async isRevoked(linkId) {
      return (await client.exists(`${prefix}${linkId}`)) === 1;
    },
    async close() {
      if (owns) await client.quit().catch(() => undefined);
    },
  };
}
