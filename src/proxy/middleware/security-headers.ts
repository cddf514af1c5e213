import type { Context, MiddlewareHandler } from 'hono';

const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * Headers on every answer: no Referer leaves a page that may carry a ticket in its address, nothing is sniffed,
 * API answers are never cached nor rendered as documents, and pages may only run their own scripts. The signing
 * page is never framed (a framed signing page is a clickjacking target) and never cached: its first address
 * carries the ticket, and a cached copy would keep it keyed by that address.
 *
 * API answers get their headers BEFORE the handler runs: Hono then builds the answer with them in one go, and
 * @hono/node-server writes it on its fast path. Set afterwards, each header turns the finished answer into a
 * new Response whose body is read back as a stream (a trivial Hono app: 6.2k req/s against 10.0k).
 * Every API answer is built by `c.json`/`c.body` or copies `c.res.headers` (the file route), so all carry them,
 * errors included. Pages keep the after-the-handler form: whether they are no-store depends on their type.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/') || path === '/healthz' || path === '/readyz' || path === '/metrics') {
      for (const name in API_SECURITY_HEADERS) c.header(name, API_SECURITY_HEADERS[name]!);
      await next();
      return;
    }
    await next();
    common(c);
    c.header('Content-Security-Policy', PAGE_CSP);
    if ((c.res.headers.get('content-type') ?? '').includes('text/html')) c.header('Cache-Control', 'no-store');
  };
}

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-site',
  'X-Frame-Options': 'DENY',
};

/** Every API answer's security headers (the status poll's node:http path sends the same table). */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  'Cache-Control': 'no-store',
  'Content-Security-Policy': API_CSP,
};

function common(c: Context): void {
  for (const name in COMMON_HEADERS) c.header(name, COMMON_HEADERS[name]!);
}
