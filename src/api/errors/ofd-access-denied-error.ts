import { OfdApiError, type OfdApiErrorInit } from './ofd-api-error.js';

/**
 * OFD refused the partner's credentials (Table 28): `AccessDenied`, `B2bAgreementNotFound`, or
 * `ValidationError` "Некорректный авторизационный токен". Nothing the signer can fix.
 */
export class OfdAccessDeniedError extends OfdApiError {
  override name = 'OfdAccessDeniedError';
  constructor(init: Omit<OfdApiErrorInit, 'retryable'>) {
    super({ ...init, retryable: false });
  }
}
