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
    log(
      requestLine({
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        started,
        client: clientAddress(c),
        ticket: c.get('ticketDigest'),
      }),
    );
  };
}

/** The access-log line of one answered request (`started`: `performance.now()` when it came in). */
export function requestLine(request: {
  requestId: string;
  method: string;
  path: string;
  status: number;
  started: number;
  client: string;
  ticket: string | undefined;
}): Record<string, unknown> {
  const { status } = request;
  return {
    level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
    msg: 'request',
    requestId: request.requestId,
    method: request.method,
    path: request.path,
    status,
    ms: Math.round((performance.now() - request.started) * 10) / 10,
    client: request.client,
    ticket: request.ticket,
  };
}
