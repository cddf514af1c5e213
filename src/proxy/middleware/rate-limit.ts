import type { Context, MiddlewareHandler } from 'hono';
import { ProxyError } from '../errors/proxy-error.js';

export interface RateLimitOptions {
  /** Requests allowed per window for one key. */
  limit: number;
  windowMs: number;
  /** The key to count under; undefined skips counting. */
  key: (c: Context) => string | undefined;
  clock: () => number;
}

/**
 * Fixed-window counter per key, in this instance's memory (several instances each allow `limit`; the point is
 * to stop one runaway tab or script, not to meter). Over the limit: RATE_LIMITED with Retry-After.
 */
export function rateLimit(options: RateLimitOptions & { windows?: RateWindows }): MiddlewareHandler {
  const windows = options.windows ?? rateWindows(options);
  return async (c, next) => {
    const key = options.key(c);
    if (key === undefined) return next();
    const retryAfter = windows.count(key);
    if (retryAfter !== undefined) throw new ProxyError('RATE_LIMITED', { headers: { 'Retry-After': String(retryAfter) } });
    await next();
  };
}

/** The counters behind one limit, shared by the Hono middleware and the status poll's node:http path. */
export interface RateWindows {
  /** Counts one request; returns the Retry-After seconds when it is over the limit. */
  count(key: string): number | undefined;
  /** Whether one more request would still be within the limit (counts nothing). */
  allows(key: string): boolean;
}

export function rateWindows(options: Pick<RateLimitOptions, 'limit' | 'windowMs' | 'clock'>): RateWindows {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    return w && now - w.start < options.windowMs ? w : undefined;
  };
  return {
    count(key) {
      const now = options.clock();
      let w = current(key, now);
      if (!w) {
        if (windows.size > 100_000) windows.clear();
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > options.limit ? Math.max(1, Math.ceil((w.start + options.windowMs - now) / 1000)) : undefined;
    },
    allows(key) {
      return (current(key, options.clock())?.count ?? 0) < options.limit;
    },
  };
}
