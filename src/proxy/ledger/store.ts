/**
 * The sign-once ledger: one entry per (application, document) saying whether a `sign` for it is being
 * sent, was accepted, was definitely refused, or may or may not have reached OFD. Stores only need two
 * atomic steps (claim, settle); the policy lives in sign-once.ts so every store behaves the same.
 */
import type { ProxyErrorCode } from '../errors/error-catalog.js';

export type LedgerState = 'in-flight' | 'sent' | 'rejected' | 'outcome-unknown';

/** What a caller is answered: OFD's status and envelope (token scrubbed, links not yet rewritten), or one of ours. */
export interface RecordedAnswer {
  status: number;
  body?: unknown;
  code?: ProxyErrorCode;
}

export type LedgerEntry =
  | { state: 'in-flight'; owner: string; since: number; leaseUntil: number }
  | { state: 'sent'; at: number; answer: RecordedAnswer }
  /**
   * `byOfd`: OFD itself refused the `sign` (not a check of ours before anything left).
   * `statusMark`: the application's stage, status and StatusChangeDateUtc when OFD refused (7.4 l.2318: no repeated
   * `sign`; only an application OFD has moved since may take another).
   */
  | { state: 'rejected'; at: number; answer: RecordedAnswer; byOfd?: boolean; statusMark?: string }
  /** `since`: when the ambiguous attempt was made; reconciliation counts its grace period from there. */
  /** `updatedBefore`: the application's UDateUtc read before the attempt, for statuses that list no documents. */
  | { state: 'outcome-unknown'; at: number; since: number; updatedBefore?: string };

export type ClaimResult = { claimed: true; previous?: LedgerEntry } | { claimed: false; current: LedgerEntry };

export interface SignLedgerStore {
  get(key: string): Promise<LedgerEntry | undefined>;
  /**
   * Atomically become the one sender for `key`. Succeeds when there is no entry, when the entry's state is in
   * `replaceable`, or when it is an in-flight claim whose lease ended at or before `now` (its holder crashed).
   * The previous entry is returned so the caller can reconcile before sending.
   */
  claim(
    key: string,
    claim: { owner: string; now: number; leaseMs: number },
    replaceable: readonly LedgerState[],
  ): Promise<ClaimResult>;
  /** Record the outcome, only while `owner` still holds the in-flight claim. Returns whether it did. */
  settle(key: string, owner: string, entry: Exclude<LedgerEntry, { state: 'in-flight' }>): Promise<boolean>;
  close?(): Promise<void>;
  /** Resolves when the store answers (readiness, metrics); absent for in-process stores, which always do. */
  ping?(): Promise<void>;
}

export function ledgerKey(applicationId: string, documentId: string): string {
  return `${applicationId.toLowerCase()}:${documentId.toLowerCase()}`;
}
