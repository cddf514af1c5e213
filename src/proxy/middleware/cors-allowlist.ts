import type { MiddlewareHandler } from 'hono';
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
 * ticket check. The proxy's own origin (its standalone page) is one of the list: the app adds `PUBLIC_URL`'s,
 * never the Host header's.
 */
export function corsAllowlist(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = originSet(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    if (!allowed.has(origin.toLowerCase())) throw new ProxyError('ORIGIN_NOT_ALLOWED', { detail: 'origin not allowed' });
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
