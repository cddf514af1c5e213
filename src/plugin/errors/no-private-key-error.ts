import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** No private key for the certificate, or its key container is missing (0x80090016, 0x8009000D, 0x80092004, 0x8009200B). */
export class NoPrivateKeyError extends CryptoProError {
  override name = 'NoPrivateKeyError';
  declare readonly code: 'NO_PRIVATE_KEY';
  constructor(details?: CryptoProErrorDetails) {
    super('NO_PRIVATE_KEY', details);
  }
}
