import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The chain ends in a root certificate the system does not trust (0x800B0109). */
export class UntrustedRootError extends CryptoProError {
  override name = 'UntrustedRootError';
  declare readonly code: 'UNTRUSTED_ROOT';
  constructor(details?: CryptoProErrorDetails) {
    super('UNTRUSTED_ROOT', details);
  }
}
