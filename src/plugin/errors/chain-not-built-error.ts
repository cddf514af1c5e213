import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The certificate chain cannot be built: the CA's certificates are not installed (0x800B010A). */
export class ChainNotBuiltError extends CryptoProError {
  override name = 'ChainNotBuiltError';
  declare readonly code: 'CHAIN_NOT_BUILT';
  constructor(details?: CryptoProErrorDetails) {
    super('CHAIN_NOT_BUILT', details);
  }
}
