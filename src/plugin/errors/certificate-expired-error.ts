import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The signing certificate is outside its validity period (0x800B0101). */
export class CertificateExpiredError extends CryptoProError {
  override name = 'CertificateExpiredError';
  declare readonly code: 'CERTIFICATE_EXPIRED';
  constructor(details?: CryptoProErrorDetails) {
    super('CERTIFICATE_EXPIRED', details);
  }
}
