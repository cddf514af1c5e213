/**
 * A short cache in front of `GET /registration/{id}`: many tabs polling one application, and the checks before
 * each `sign`, share one upstream call (concurrent requests join the call in flight). Only successful answers are kept.
 */
import type { OfdUpstream, UpstreamJson } from './ofd-upstream.js';

export class ApplicationCache {
  private readonly fresh = new Map<string, { at: number; value: UpstreamJson }>();
  private readonly pending = new Map<string, Promise<UpstreamJson>>();

  constructor(
    private readonly upstream: OfdUpstream,
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  /** `maxAgeMs` 0 forces a new upstream call (used to reconcile, where a stale answer could mislead). */
  async get(applicationId: string, maxAgeMs = this.ttlMs): Promise<UpstreamJson> {
    const hit = this.fresh.get(applicationId);
    if (hit && maxAgeMs > 0 && this.clock() - hit.at < maxAgeMs) return hit.value;
    const joined = maxAgeMs > 0 ? this.pending.get(applicationId) : undefined;
    if (joined) return joined;
    const call = this.upstream
      .json('GET', applicationId, '')
      .then((value) => {
        if (value.ok && this.ttlMs > 0) {
          if (this.fresh.size > 10_000) this.fresh.clear();
          this.fresh.set(applicationId, { at: this.clock(), value });
        }
        return value;
      })
      .finally(() => {
        if (this.pending.get(applicationId) === call) this.pending.delete(applicationId);
      });
    this.pending.set(applicationId, call);
    return call;
  }

  invalidate(applicationId: string): void {
    this.fresh.delete(applicationId);
    this.pending.delete(applicationId);
  }
}

/**
 * Document contents this proxy handed out from `prepareDocuments`, for the content check before `sign` when
 * OFD's status answer leaves `Content` out. Bounded; per instance (another instance simply skips the check).
 */
export class PreparedContents {
  private readonly contents = new Map<string, { at: number; content: string }>();
  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  remember(applicationId: string, documentId: string, content: string): void {
    if (this.contents.size >= 5_000) {
      const oldest = this.contents.keys().next().value;
      if (oldest !== undefined) this.contents.delete(oldest);
    }
    this.contents.set(`${applicationId}:${documentId.toLowerCase()}`, { at: this.clock(), content });
  }

  recall(applicationId: string, documentId: string): string | undefined {
    const key = `${applicationId}:${documentId.toLowerCase()}`;
    const slot = this.contents.get(key);
    if (!slot) return undefined;
    if (this.clock() - slot.at > this.ttlMs) {
      this.contents.delete(key);
      return undefined;
    }
    return slot.content;
  }
}
