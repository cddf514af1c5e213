import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** No certificate with the requested thumbprint in the personal or container store. */
export class CertificateNotFoundError extends CryptoProError {
  override name = 'CertificateNotFoundError';
  declare readonly code: 'CERTIFICATE_NOT_FOUND';
  constructor(details?: CryptoProErrorDetails) {
    super('CERTIFICATE_NOT_FOUND', details);
  }
}
