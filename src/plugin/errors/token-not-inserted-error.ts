import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The token holding the key is not inserted or stopped answering (0x8000FFFF). */
export class TokenNotInsertedError extends CryptoProError {
  override name = 'TokenNotInsertedError';
  declare readonly code: 'TOKEN_NOT_INSERTED';
  constructor(details?: CryptoProErrorDetails) {
    super('TOKEN_NOT_INSERTED', details);
  }
}
