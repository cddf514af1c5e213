import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROXY_ERRORS, type ProxyErrorCode } from './error-catalog.js';

/** The proxy's own error envelope: OFD's `Status/Error` form with both languages and a request id added. */
export function proxyErrorBody(code: ProxyErrorCode, requestId: string) {
  const spec = PROXY_ERRORS[code];
  return {
    Status: 'Failed' as const,
    Error: {
      Code: code,
      Message: spec.en,
      Messages: { ru: spec.ru, en: spec.en },
      Retryable: spec.retryable,
      RequestId: requestId,
    },
  };
}

export function proxyErrorResponse(
  c: Context,
  code: ProxyErrorCode,
  headers: Record<string, string> = {},
): Response {
  const requestId = (c.get('requestId') as string | undefined) ?? '';
  return c.json(proxyErrorBody(code, requestId), PROXY_ERRORS[code].status as ContentfulStatusCode, headers);
}
