import type { MiddlewareHandler } from 'hono';

/**
 * Headers on every answer: no Referer leaves a page that may carry a ticket in its address, nothing is sniffed,
 * API answers are never cached, and pages may only run their own scripts.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cross-Origin-Resource-Policy', 'same-site');
    if (c.req.path.startsWith('/api/') || c.req.path === '/healthz') {
      c.header('Cache-Control', 'no-store');
    } else {
      c.header(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
          "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'none'",
      );
      c.header('X-Frame-Options', 'SAMEORIGIN');
    }
  };
}
