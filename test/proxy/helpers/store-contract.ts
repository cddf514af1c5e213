/** The behaviour every SignLedgerStore must have; run against the memory store and a real Redis. */
import { expect, it } from 'vitest';
import type { SignLedgerStore } from '../../../src/proxy/ledger/store.js';

export function storeContract(make: () => SignLedgerStore | Promise<SignLedgerStore>): void {
  let n = 0;
  const key = () => `contract-${process.pid}-${Date.now()}-${n++}`;

  it('only one of many concurrent claims wins', async () => {
    const store = await make();
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.claim(k, { owner: `o${i}`, now: 1000, leaseMs: 5000 }, ['rejected'])),
    );
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    const lost = results.find((r) => !r.claimed);
    expect(lost && !lost.claimed && lost.current.state).toBe('in-flight');
  });

  it('settles only for the owner, and the outcome is read back', async () => {
    const store = await make();
    const k = key();
    await store.claim(k, { owner: 'a', now: 1000, leaseMs: 5000 }, []);
    expect(await store.settle(k, 'b', { state: 'sent', at: 1, answer: { status: 200, body: { x: 1 } } })).toBe(false);
    expect(await store.settle(k, 'a', { state: 'sent', at: 2, answer: { status: 200, body: { x: 1 } } })).toBe(true);
    expect(await store.get(k)).toEqual({ state: 'sent', at: 2, answer: { status: 200, body: { x: 1 } } });
    const again = await store.claim(k, { owner: 'c', now: 9_999_999, leaseMs: 5000 }, ['rejected', 'outcome-unknown']);
    expect(again.claimed).toBe(false);
  });

  it('a rejected or unknown entry is claimable only when the caller says so', async () => {
    const store = await make();
    const k = key();
    await store.claim(k, { owner: 'a', now: 1000, leaseMs: 5000 }, []);
    await store.settle(k, 'a', { state: 'rejected', at: 3, answer: { status: 400, body: null } });
    expect((await store.claim(k, { owner: 'b', now: 1001, leaseMs: 5000 }, [])).claimed).toBe(false);
    const won = await store.claim(k, { owner: 'b', now: 1001, leaseMs: 5000 }, ['rejected']);
    expect(won).toEqual({ claimed: true, previous: { state: 'rejected', at: 3, answer: { status: 400, body: null } } });
  });

  it('an in-flight claim is taken over only after its lease ends', async () => {
    const store = await make();
    const k = key();
    await store.claim(k, { owner: 'a', now: 1000, leaseMs: 5000 }, []);
    expect((await store.claim(k, { owner: 'b', now: 5999, leaseMs: 5000 }, [])).claimed).toBe(false);
    const won = await store.claim(k, { owner: 'b', now: 6000, leaseMs: 5000 }, []);
    expect(won.claimed && won.previous?.state).toBe('in-flight');
    // The crashed owner can no longer settle.
    expect(await store.settle(k, 'a', { state: 'sent', at: 1, answer: { status: 200 } })).toBe(false);
  });
}
