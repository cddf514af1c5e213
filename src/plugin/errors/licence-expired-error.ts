import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The CryptoPro CSP licence has expired (0x8007065B). */
export class LicenceExpiredError extends CryptoProError {
  override name = 'LicenceExpiredError';
  declare readonly code: 'LICENCE_EXPIRED';
  constructor(details?: CryptoProErrorDetails) {
    super('LICENCE_EXPIRED', details);
  }
}
