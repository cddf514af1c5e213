import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

/** A plug-in failure without a known HRESULT; `originalMessage` and `hresult` say what it was. */
export class PluginError extends CryptoProError {
  override name = 'PluginError';
  declare readonly code: 'PLUGIN_ERROR';
  constructor(details?: CryptoProErrorDetails) {
    super('PLUGIN_ERROR', details);
  }
}
