import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The token's PIN is blocked after too many wrong attempts (0x8010006C). */
export class PinBlockedError extends CryptoProError {
  override name = 'PinBlockedError';
  declare readonly code: 'PIN_BLOCKED';
  constructor(details?: CryptoProErrorDetails) {
    super('PIN_BLOCKED', details);
  }
}
