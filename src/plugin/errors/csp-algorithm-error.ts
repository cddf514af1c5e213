import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** The CSP cannot use the key algorithm: CryptoPro CSP missing, too old or broken (0x80090008, 0x80090017, 0x80090019). */
export class CspAlgorithmError extends CryptoProError {
  override name = 'CspAlgorithmError';
  declare readonly code: 'CSP_ALGORITHM';
  constructor(details?: CryptoProErrorDetails) {
    super('CSP_ALGORITHM', details);
  }
}
