import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ProxyError } from '../errors/proxy-error.js';

/** Hono's bodyLimit (checks Content-Length and counts streamed bytes) answering BODY_TOO_LARGE in our envelope. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ProxyError('BODY_TOO_LARGE', { detail: `body over ${maxBytes} bytes` });
    },
  });
}
