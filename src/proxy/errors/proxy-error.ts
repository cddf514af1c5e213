import { PROXY_ERRORS, type ProxyErrorCode } from './error-catalog.js';

/** An error the proxy answers itself, in its own envelope. `detail` is for logs only, never sent. */
export class ProxyError extends Error {
  override name = 'ProxyError';
  readonly code: ProxyErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(
    code: ProxyErrorCode,
    options: { detail?: string; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(options.detail ?? PROXY_ERRORS[code].en, { cause: options.cause });
    this.code = code;
    this.status = PROXY_ERRORS[code].status;
    this.retryable = PROXY_ERRORS[code].retryable;
    this.headers = options.headers ?? {};
  }
}

export function isProxyError(value: unknown): value is ProxyError {
  return value instanceof ProxyError;
}
