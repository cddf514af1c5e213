import { OfdApiError, type OfdApiErrorInit } from './ofd-api-error.js';

/**
 * OFD refused the request's content (HTTP 400 `ValidationError`, also `DataNotFound`). `reason` tells the
 * sign errors of Table 25 apart: APPLICATION_NOT_FOUND, DOCUMENT_NOT_FOUND, SIGNATURE_NOT_VERIFIED,
 * WRONG_APPLICATION_STATUS. A definite answer: the request was processed and refused.
 */
export class OfdValidationError extends OfdApiError {
  override name = 'OfdValidationError';
  constructor(init: Omit<OfdApiErrorInit, 'retryable'>) {
    super({ ...init, retryable: false });
  }
}
