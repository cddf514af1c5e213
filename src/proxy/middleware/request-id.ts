import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../env.js';

const ACCEPTABLE = /^[A-Za-z0-9_.-]{8,64}$/;

/**
 * The id of one request: its incoming `X-Request-Id` when well-formed and `trusted` (the request came through
 * the operator's own balancer), otherwise a new one. Shared by the middleware and the status poll's node:http path.
 */
export type RequestIds = (incoming: string | undefined, trusted: boolean) => string;

/** A random per-process prefix and a counter: unique across instances without a random draw per request. */
export function requestIds(): RequestIds {
  const prefix = randomBytes(6).toString('base64url');
  let counter = 0;
  return (incoming, trusted) =>
    incoming && trusted && ACCEPTABLE.test(incoming) ? incoming : `${prefix}${(++counter).toString(36).padStart(4, '0')}`;
}

/**
 * Gives every request an id, echoed in the response and logs. An incoming `X-Request-Id` is kept only when
 * `trusted` says the request came through the operator's own balancer (a client must not choose the id its lines
 * are filed under); by default it never is.
 */
export function requestId(trusted: (c: Context) => boolean = () => false, ids: RequestIds = requestIds()): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = ids(incoming, incoming !== undefined && trusted(c));
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}
