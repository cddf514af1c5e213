import { Hono, type MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../../../src/proxy/env.js';
import { ProxyError } from '../../../src/proxy/errors/proxy-error.js';
import { proxyErrorResponse } from '../../../src/proxy/errors/respond.js';
import { requestId } from '../../../src/proxy/middleware/request-id.js';

/** A tiny app around one middleware, answering our error envelope like the real app does. */
export function appWith(path: string, ...middleware: MiddlewareHandler<ProxyEnv>[]) {
  const app = new Hono<ProxyEnv>();
  app.use('*', requestId());
  for (const m of middleware) app.use(path, m);
  app.all('*', (c) => c.json({ ok: true, ticket: c.get('ticket') ?? null }));
  app.onError((e, c) => (e instanceof ProxyError ? proxyErrorResponse(c, e.code, e.headers) : c.text('boom', 500)));
  return app;
}
