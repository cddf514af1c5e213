/**
 * Revoked signing links, by link id, kept until the link would have expired anyway. In memory for one instance;
 * in Redis (the same one as the sign-once ledger) when several instances run, so a revocation is seen by all.
 */
import { Redis } from 'ioredis';

export interface LinkRevocations {
  /** Revokes the link until `until` (ms since the epoch; its own expiry). */
  revoke(linkId: string, until: number): Promise<void>;
  isRevoked(linkId: string): Promise<boolean>;
  close?(): Promise<void>;
}

export function createMemoryLinkRevocations(options: { clock?: () => number } = {}): LinkRevocations {
  const clock = options.clock ?? Date.now;
  const revoked = new Map<string, number>();
  return {
    async revoke(linkId, until) {
      for (const [id, end] of revoked) if (end <= clock()) revoked.delete(id);
      revoked.set(linkId, until);
    },
    async isRevoked(linkId) {
      const until = revoked.get(linkId);
      return until !== undefined && until > clock();
    },
  };
}

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
