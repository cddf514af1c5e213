/**
 * The browser's half of "sign exactly once" (the proxy's ledger is the other): a per-document mark written before
 * a `sign` leaves, and one send lock per application across the tabs of the origin.
 */
import { readStored, sentKey, writeStored } from '../browser-storage.js';

export function markedDocuments(applicationId: string): string[] {
  return readStored<string[]>('session', sentKey(applicationId)) ?? [];
}

export function markSent(applicationId: string, documentId: string): void {
  const marked = markedDocuments(applicationId);
  const id = documentId.toLowerCase();
  if (!marked.includes(id)) writeStored('session', sentKey(applicationId), [...marked, id]);
}

export function unmarkSent(applicationId: string, documentIds: readonly string[]): void {
  const drop = new Set(documentIds.map((id) => id.toLowerCase()));
  const left = markedDocuments(applicationId).filter((id) => !drop.has(id));
  writeStored('session', sentKey(applicationId), left.length > 0 ? left : undefined);
}

/** Runs `work` holding this application's send lock in every tab of the origin (a plain call without Web Locks). */
export function withSendLock<T>(applicationId: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (typeof locks?.request !== 'function') return work();
  return locks.request(`ofd-signer:send:${applicationId}`, () => work()) as Promise<T>;
}
