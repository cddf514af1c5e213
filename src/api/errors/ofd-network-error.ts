import { OfdApiError } from './ofd-api-error.js';

/** No HTTP answer at all: offline, DNS, connection refused or reset. */
export class OfdNetworkError extends OfdApiError {
  override name = 'OfdNetworkError';
  constructor(cause?: unknown) {
    super({ code: 'NETWORK_ERROR', retryable: true, cause, message: 'Network error: no answer from the server' });
  }
}
