import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The content handed over as base64 was not valid base64 (0x80092002). */
export class InvalidBase64Error extends CryptoProError {
  override name = 'InvalidBase64Error';
  declare readonly code: 'INVALID_BASE64';
  constructor(details?: CryptoProErrorDetails) {
    super('INVALID_BASE64', details);
  }
}
