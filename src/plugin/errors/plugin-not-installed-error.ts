import { loadFailureSentence, pluginCatalogue, PLUGIN_DOWNLOAD_URL, type Lang } from '../sentences.js';
import { CryptoProError, type CryptoProErrorDetails } from './crypto-pro-error.js';

export { PLUGIN_DOWNLOAD_URL };

/**
 * Why the plug-in could not be reached:
 * - `timeout`: the loader never answered (extension missing, disabled, too old for this loader, or the native host is slow);
 * - `no-extension`: no CryptoPro extension at any id tried (our loader; CryptoPro's loaders say "Плагин недоступен");
 * - `no-host`: the extension answered but has no plug-in behind it, or a loader answered "plug-in unavailable", or
 *   there is no loader/async API at all;
 * - `csp-blocked`: the page's Content-Security-Policy refused the extension's script (our loader);
 * - `loader-failed`: the partner's `loaderUrl` script did not load;
 * - `insecure-context`: plain http page (the extension does not talk to it);
 * - `file-protocol`: page opened from `file://`.
 */
export type PluginLoadFailureReason =
  | 'timeout'
  | 'no-host'
  | 'no-extension'
  | 'csp-blocked'
  | 'loader-failed'
  | 'insecure-context'
  | 'file-protocol';

export interface PluginNotInstalledDetails extends CryptoProErrorDetails {
  reason: PluginLoadFailureReason;
}

/** The plug-in (extension + native host) did not answer: tell the user to install, enable or update it. */
export class PluginNotInstalledError extends CryptoProError {
  override name = 'PluginNotInstalledError';
  declare readonly code: 'PLUGIN_NOT_INSTALLED';
  readonly reason: PluginLoadFailureReason;
  readonly downloadUrl = PLUGIN_DOWNLOAD_URL;

  constructor(details: PluginNotInstalledDetails) {
    super('PLUGIN_NOT_INSTALLED', { ...details, originalMessage: details.originalMessage ?? details.reason });
    this.reason = details.reason;
  }

  override userMessage(lang: Lang = 'ru'): string {
    const catalogue = pluginCatalogue(lang);
    return catalogue ? loadFailureSentence(catalogue, this.reason) : this.message;
  }
}
