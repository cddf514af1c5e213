/**
 * Sign-once ledger in Redis, shared by every proxy instance behind a load balancer. Claim and settle are
 * Lua scripts, so the check and the write are one atomic step on the server.
 */
import { Redis } from 'ioredis';
import type { ClaimResult, LedgerEntry, SignLedgerStore } from './store.js';

const CLAIM = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local e = cjson.decode(cur)
  local free = false
  if e.state == 'in-flight' then
    free = tonumber(e.leaseUntil) <= tonumber(ARGV[2])
  else
    for s in string.gmatch(ARGV[3], '[^,]+') do
      if s == e.state then free = true end
    end
  end
  if not free then return {0, cur} end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
return {1, cur or ''}
`;

const SETTLE = `
local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
local e = cjson.decode(cur)
if e.state ~= 'in-flight' or e.owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

export interface RedisLedgerOptions {
  /** Key prefix, so several deployments can share one Redis. */
  prefix?: string;
  retentionMs?: number;
}

interface LedgerScripts {
  ofdSignerClaim(key: string, entry: string, now: string, replaceable: string, retention: string): Promise<unknown>;
  ofdSignerSettle(key: string, owner: string, entry: string, retention: string): Promise<unknown>;
}

export function createRedisLedgerStore(
  connection: ({ url: string } | { client: Redis }) & RedisLedgerOptions,
): SignLedgerStore {
  const ownsClient = 'url' in connection;
  const client =
    'url' in connection
      ? new Redis(connection.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true })
      : connection.client;
  // Failed commands reject and are handled where they happen; the event would only print a duplicate warning.
  if (ownsClient) client.on('error', () => undefined);
  // Scripts as named commands: ioredis sends EVALSHA (the script is cached by Redis) and falls back to loading it.
  client.defineCommand('ofdSignerClaim', { numberOfKeys: 1, lua: CLAIM });
  client.defineCommand('ofdSignerSettle', { numberOfKeys: 1, lua: SETTLE });
  const scripts = client as unknown as LedgerScripts;
  const prefix = connection.prefix ?? 'ofd-signer:sign:';
  const retention = String(connection.retentionMs ?? 7 * 24 * 3600_000);

  return {
    async ping() {
      await client.ping();
    },
    async get(key) {
      const raw = await client.get(prefix + key);
      return raw ? (JSON.parse(raw) as LedgerEntry) : undefined;
    },
    async claim(key, claim, replaceable): Promise<ClaimResult> {
      const entry: LedgerEntry = {
        state: 'in-flight',
        owner: claim.owner,
        since: claim.now,
        leaseUntil: claim.now + claim.leaseMs,
      };
      const [won, previous] = (await scripts.ofdSignerClaim(
        prefix + key,
        JSON.stringify(entry),
        String(claim.now),
        replaceable.join(','),
        retention,
      )) as [number, string];
      if (won === 1) return previous ? { claimed: true, previous: JSON.parse(previous) as LedgerEntry } : { claimed: true };
      return { claimed: false, current: JSON.parse(previous) as LedgerEntry };
    },
    async settle(key, owner, entry) {
      const done = await scripts.ofdSignerSettle(prefix + key, owner, JSON.stringify(entry), retention);
      return done === 1;
    },
    async close() {
      if (ownsClient) await client.quit();
    },
  };
}
