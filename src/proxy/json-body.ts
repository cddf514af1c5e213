import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ProxyError } from './errors/proxy-error.js';

/** A request's JSON body, or INVALID_BODY / BODY_TOO_LARGE in the proxy's terms. */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new ProxyError('INVALID_BODY', { detail: 'content-type must be application/json' });
  }
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof ProxyError) throw error;
    if (error instanceof HTTPException && error.status === 413) throw new ProxyError('BODY_TOO_LARGE');
    throw new ProxyError('INVALID_BODY', { detail: 'body is not JSON' });
  }
}
