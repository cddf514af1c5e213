/** Sign-once ledger in this process's memory: right for one proxy instance. Entries expire after `retentionMs`. */
import type { ClaimResult, LedgerEntry, LedgerState, SignLedgerStore } from './store.js';

export function createMemoryLedgerStore(options: { retentionMs?: number; clock?: () => number } = {}): SignLedgerStore {
  const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, { entry: LedgerEntry; expiresAt: number }>();

  const read = (key: string): LedgerEntry | undefined => {
    const slot = entries.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt <= clock()) {
      entries.delete(key);
      return undefined;
    }
    return slot.entry;
  };
  const write = (key: string, entry: LedgerEntry) => {
    if (entries.size > 50_000) sweep();
    entries.set(key, { entry: structuredClone(entry), expiresAt: clock() + retentionMs });
  };
  const sweep = () => {
    const now = clock();
    for (const [key, slot] of entries) if (slot.expiresAt <= now) entries.delete(key);
  };

  return {
    async get(key) {
      const entry = read(key);
      return entry && structuredClone(entry);
    },
    async claim(key, claim, replaceable: readonly LedgerState[]): Promise<ClaimResult> {
      // Synchronous from here to write(): nothing can interleave in one process.
      const current = read(key);
      if (current) {
        const free =
          current.state === 'in-flight' ? current.leaseUntil <= claim.now : replaceable.includes(current.state);
        if (!free) return { claimed: false, current: structuredClone(current) };
      }
      write(key, { state: 'in-flight', owner: claim.owner, since: claim.now, leaseUntil: claim.now + claim.leaseMs });
      return current ? { claimed: true, previous: structuredClone(current) } : { claimed: true };
    },
    async settle(key, owner, entry) {
      const current = read(key);
      if (!current || current.state !== 'in-flight' || current.owner !== owner) return false;
      write(key, entry);
      return true;
    },
  };
}
