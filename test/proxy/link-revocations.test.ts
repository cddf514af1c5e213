import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisLinkRevocations } from '../../src/proxy/links/redis-revocations.js';
import { createMemoryLinkRevocations, type LinkRevocations } from '../../src/proxy/links/revocations.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

/** Both stores keep a revocation until the link would have expired, and forget it afterwards. */
function contract(name: string, make: (clock: () => number) => LinkRevocations, wait: (ms: number) => Promise<void>) {
  describe(name, () => {
    it('a revoked link stays revoked until its own end, others are not', async () => {
      let now = Date.now();
      const store = make(() => now);
      try {
        await store.revoke('link-a', now + 1_500);
        expect(await store.isRevoked('link-a')).toBe(true);
        expect(await store.isRevoked('link-b')).toBe(false);
        now += 2_000;
        await wait(2_000);
        expect(await store.isRevoked('link-a')).toBe(false);
      } finally {
        await store.close?.();
      }
    });
  });
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

contract('in memory', (clock) => createMemoryLinkRevocations({ clock }), async () => undefined);
contract('in Redis (shared by instances; expiry by PX)', (clock) => createRedisLinkRevocations({ url: redis.url, clock }), (ms) => new Promise((r) => setTimeout(r, ms)));

describe('Redis revocations are seen by every instance', () => {
  it('one revokes, another sees it', async () => {
    const one = createRedisLinkRevocations({ url: redis.url });
    const other = createRedisLinkRevocations({ url: redis.url });
    try {
      await one.revoke('shared-link', Date.now() + 60_000);
      expect(await other.isRevoked('shared-link')).toBe(true);
    } finally {
      await one.close?.();
      await other.close?.();
    }
  });
});
