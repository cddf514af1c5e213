import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The plug-in rejected a parameter; in practice usually an outdated plug-in (0x80070057). */
export class InvalidParameterError extends CryptoProError {
  override name = 'InvalidParameterError';
  declare readonly code: 'INVALID_PARAMETER';
  constructor(details?: CryptoProErrorDetails) {
    super('INVALID_PARAMETER', details);
  }
}
