import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../env.js';

const ACCEPTABLE = /^[A-Za-z0-9_.-]{8,64}$/;

/** The id of one request from its incoming `X-Request-Id` (kept when well-formed). */
export type RequestIds = (incoming: string | undefined) => string;

export function requestIds(): RequestIds {
  const prefix = randomBytes(6).toString('base64url');
  let counter = 0;
  return (incoming) => (incoming && ACCEPTABLE.test(incoming) ? incoming : `${prefix}${(++counter).toString(36).padStart(4, '0')}`);
}

/**
 * Gives every request an id (a well-formed incoming `X-Request-Id` is kept), echoed in the response and logs.
 * A random per-process prefix and a counter: unique across instances without a random draw per request.
 */
export function requestId(ids: RequestIds = requestIds()): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const id = ids(c.req.header('x-request-id'));
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}
