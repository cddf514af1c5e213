import type { MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../env.js';

export type ProxyLogger = (line: Record<string, unknown>) => void;

/**
 * One JSON line per request. The query string is never logged (a ticket may ride in it) and the logger is
 * already wrapped in the redactor by the app.
 */
export function accessLog(log: ProxyLogger, clientAddress: (c: Parameters<MiddlewareHandler>[0]) => string): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log({
      level: c.res.status >= 500 ? 'error' : c.res.status >= 400 ? 'warn' : 'info',
      msg: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      client: clientAddress(c),
      ticket: c.get('ticketDigest'),
    });
  };
}
