import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisLedgerStore } from '../../src/proxy/ledger/redis-store.js';
import type { SignLedgerStore } from '../../src/proxy/ledger/store.js';
import { createTestSigner, type TestSigner } from './helpers/cms.js';
import { AUTH_TOKEN, createFakeOfd } from './helpers/fake-ofd.js';
import { startRedis, type RedisServer as TestRedis } from '../helpers/redis-server.js';
import { storeContract } from './helpers/store-contract.js';
import { APP_ID, CONTENT, DOC_ID, createHarness } from './helpers/setup.js';

let redis: TestRedis;
let signer: TestSigner;
const stores: SignLedgerStore[] = [];

beforeAll(async () => {
  redis = await startRedis();
  signer = createTestSigner();
});
afterAll(async () => {
  for (const s of stores) await s.close?.();
  signer?.dispose();
  await redis?.stop();
});

const newStore = () => {
  const store = createRedisLedgerStore({ url: redis.url, prefix: `t${stores.length}:` });
  stores.push(store);
  return store;
};

describe('Redis ledger store (real redis-server)', () => {
  storeContract(() => newStore());

  it('two proxy instances sharing one Redis: 100 concurrent identical signs split across them → one upstream sign', async () => {
    const ofd = createFakeOfd();
    ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    ofd.onSign(async () => {
      await new Promise((r) => setTimeout(r, 50));
      return undefined;
    });
    const prefix = 'shared:';
    const storeA = createRedisLedgerStore({ url: redis.url, prefix });
    const storeB = createRedisLedgerStore({ url: redis.url, prefix });
    stores.push(storeA, storeB);
    const a = createHarness({ store: storeA }, ofd);
    const b = createHarness({ store: storeB }, ofd);
    const body = JSON.stringify({ DocumentId: DOC_ID, Signature: signer.sign(CONTENT) });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 === 0 ? a : b).request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body }),
      ),
    );
    expect(ofd.signCalls()).toBe(1);
    expect(answers.map((r) => r.status)).toEqual(Array(100).fill(200));
    const texts = await Promise.all(answers.map((r) => r.text()));
    expect(new Set(texts.map((t) => JSON.parse(t).Data.Documents[0].Signature))).toEqual(new Set(['Signed']));
    for (const t of texts) expect(t).not.toContain(AUTH_TOKEN);
    // A third instance started later answers from the shared ledger without calling OFD.
    const c = createHarness({ store: storeA }, ofd);
    const later = await c.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body });
    expect(later.status).toBe(200);
    expect(ofd.signCalls()).toBe(1);
    const logs = JSON.stringify([...a.logs, ...b.logs]);
    expect(logs).not.toContain(AUTH_TOKEN);
    expect(logs).not.toContain(a.ticket);
  });
});
