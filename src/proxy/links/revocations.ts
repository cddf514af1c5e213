/**
 * Revoked signing links, by link id, kept until the link would have expired anyway. In memory for one instance;
 * in Redis (the same one as the sign-once ledger, redis-revocations.ts) when several instances run, so a revocation
 * is seen by all.
 */
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
