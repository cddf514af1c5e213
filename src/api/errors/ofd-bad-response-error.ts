import { OfdApiError } from './ofd-api-error.js';

/**
 * An answer that is not an envelope we understand: HTML from a broken gateway, an empty body, invalid JSON,
 * or JSON of another shape. Retryable when the HTTP status says the server side failed (5xx).
 */
export class OfdBadResponseError extends OfdApiError {
  override name = 'OfdBadResponseError';
  /** The first characters of the body, for logs. */
  readonly bodySnippet: string;
  constructor(status: number, bodyText: string, detail: string, cause?: unknown) {
    super({
      code: 'BAD_RESPONSE',
      status,
      retryable: status >= 500 || status === 429 || status === 408,
      cause,
      message: `Unreadable answer (HTTP ${status}): ${detail}`,
    });
    this.bodySnippet = bodyText.slice(0, 200);
  }
}
