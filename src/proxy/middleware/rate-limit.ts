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
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const key = options.key(c);
    if (key === undefined) return next();
    const now = options.clock();
    let w = windows.get(key);
    if (!w || now - w.start >= options.windowMs) {
      if (windows.size > 100_000) windows.clear();
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count > options.limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + options.windowMs - now) / 1000));
      throw new ProxyError('RATE_LIMITED', { headers: { 'Retry-After': String(retryAfter) } });
    }
    await next();
  };
}
