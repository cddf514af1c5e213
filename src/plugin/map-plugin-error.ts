import type { CadesPluginGlobal } from './cadesplugin-types.js';
import { CertificateExpiredError } from './errors/certificate-expired-error.js';
import { CertificateNotFoundError } from './errors/certificate-not-found-error.js';
import { ChainNotBuiltError } from './errors/chain-not-built-error.js';
import { CryptoProError, type CryptoProErrorCode, type CryptoProErrorDetails } from './errors/crypto-pro-error.js';
import { CspAlgorithmError } from './errors/csp-algorithm-error.js';
import { InvalidBase64Error } from './errors/invalid-base64-error.js';
import { InvalidParameterError } from './errors/invalid-parameter-error.js';
import { LicenceExpiredError } from './errors/licence-expired-error.js';
import { NoPrivateKeyError } from './errors/no-private-key-error.js';
import { PinBlockedError } from './errors/pin-blocked-error.js';
import { PluginError } from './errors/plugin-error.js';
import { PluginNotInstalledError } from './errors/plugin-not-installed-error.js';
import { TokenNotInsertedError } from './errors/token-not-inserted-error.js';
import { UntrustedRootError } from './errors/untrusted-root-error.js';
import { UserCancelledError } from './errors/user-cancelled-error.js';
import { codeForHresult, describeFailure } from './hresult.js';

type ErrorClass = new (details?: CryptoProErrorDetails) => CryptoProError;

const CLASSES: Record<Exclude<CryptoProErrorCode, 'PLUGIN_NOT_INSTALLED'>, ErrorClass> = {
  USER_CANCELLED: UserCancelledError,
  PIN_BLOCKED: PinBlockedError,
  NO_PRIVATE_KEY: NoPrivateKeyError,
  TOKEN_NOT_INSERTED: TokenNotInsertedError,
  CHAIN_NOT_BUILT: ChainNotBuiltError,
  UNTRUSTED_ROOT: UntrustedRootError,
  CERTIFICATE_EXPIRED: CertificateExpiredError,
  CSP_ALGORITHM: CspAlgorithmError,
  LICENCE_EXPIRED: LicenceExpiredError,
  INVALID_PARAMETER: InvalidParameterError,
  INVALID_BASE64: InvalidBase64Error,
  CERTIFICATE_NOT_FOUND: CertificateNotFoundError,
  PLUGIN_ERROR: PluginError,
};

/** Builds the error class for a code (used by the adapter for failures it detects itself). */
export function errorForCode(code: CryptoProErrorCode, details: CryptoProErrorDetails = {}): CryptoProError {
  if (code === 'PLUGIN_NOT_INSTALLED') return new PluginNotInstalledError({ ...details, reason: 'no-host' });
  return new CLASSES[code](details);
}

/**
 * Turns anything the plug-in or its loader threw into a typed `CryptoProError`.
 * The HRESULT comes from the thrown message, from a COM `number`, or — on loaders that have it — from
 * `plugin.getLastError(e)`, which carries the native message when the thrown one is generic.
 */
export function mapPluginError(error: unknown, plugin?: Pick<CadesPluginGlobal, 'getLastError'>): CryptoProError {
  if (error instanceof CryptoProError) return error;
  let failure = describeFailure(error);
  if (typeof plugin?.getLastError === 'function') {
    try {
      const last = describeFailure(plugin.getLastError(error) as unknown);
      if (last.hresult !== undefined || failure.hresult === undefined) failure = last.message ? last : failure;
    } catch {
      // getLastError itself may throw for values the plug-in did not produce; the thrown text is enough then.
    }
  }
  const code = codeForHresult(failure.hresult) ?? 'PLUGIN_ERROR';
  return errorForCode(code, { hresult: failure.hresult, originalMessage: failure.message, cause: error });
}
