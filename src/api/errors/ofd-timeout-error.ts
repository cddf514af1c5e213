import { OfdApiError } from './ofd-api-error.js';

/** The client gave up waiting after `timeoutMs`. */
export class OfdTimeoutError extends OfdApiError {
  override name = 'OfdTimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, cause?: unknown) {
    super({ code: 'TIMEOUT', retryable: true, cause, message: `No answer within ${timeoutMs} ms` });
    this.timeoutMs = timeoutMs;
  }
}
