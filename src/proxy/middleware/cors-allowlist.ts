import type { Context, MiddlewareHandler } from 'hono';
import { ProxyError } from '../errors/proxy-error.js';

/** Response headers a page may read. */
export const EXPOSED_HEADERS = 'X-Request-Id, Retry-After, Content-Disposition';

/** Listed origins as compared: lowercase, no trailing slash. */
export function originSet(allowedOrigins: readonly string[]): ReadonlySet<string> {
  return new Set(allowedOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
}

/**
 * CORS for the listed origins only. A browser request (it carries `Origin`) from any other origin is refused
 * before anything else happens, preflight included; requests without `Origin` (curl, servers) pass on to the
 * ticket check.
 */
export function corsAllowlist(
  allowedOrigins: readonly string[],
  /** The proxy's own public origin: its standalone page calls the API same-origin. */
  selfOrigin?: (c: Context) => string | undefined,
): MiddlewareHandler {
  const allowed = originSet(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    const normalised = origin.toLowerCase();
    const sameOrigin = selfOrigin?.(c)?.toLowerCase() === normalised;
    if (!allowed.has(normalised) && !sameOrigin) throw new ProxyError('ORIGIN_NOT_ALLOWED', { detail: 'origin not allowed' });
    c.header('Vary', 'Origin', { append: true });
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT');
      c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    return next();
  };
}
