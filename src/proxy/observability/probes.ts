import { createHash, timingSafeEqual } from 'node:crypto';
import type { SignLedgerStore } from '../ledger/store.js';

/** Whether the ledger store answers within a second (an in-process store always does). */
export async function pingStore(store: SignLedgerStore, timeoutMs = 1_000): Promise<boolean> {
  if (!store.ping) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      store.ping().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `Authorization: Bearer <expected>`, compared in constant time (digests of equal length). */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
