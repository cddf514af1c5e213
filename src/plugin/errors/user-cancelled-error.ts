import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The user closed the PIN or confirmation window (0x8010006E, 0x800704C7). */
export class UserCancelledError extends CryptoProError {
  override name = 'UserCancelledError';
  declare readonly code: 'USER_CANCELLED';
  constructor(details?: CryptoProErrorDetails) {
    super('USER_CANCELLED', details);
  }
}
