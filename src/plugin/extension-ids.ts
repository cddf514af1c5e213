/**
 * Where CryptoPro's browser extension lives, per browser family: the ids and the order our loader tries them in.
 * Small and side-effect free, so the adapter's entry can export it while the loader itself stays a lazy chunk.
 * Sources in docs/plugin.md ("Loading").
 */

/** CryptoPro's extension ids (see docs/plugin.md for the sources of each). */
export const EXTENSION_IDS = {
  /** The Chrome Web Store extension before Manifest V3 (removed from the store in April 2025). */
  chromeStore: 'iifchhfnnmpdbibifmljnfjhpififfog',
  /** The Opera add-ons catalogue extension (also what Yandex Browser installs). */
  operaCatalogue: 'epebfcehmdedogndhlcacafjaacknbcm',
  /** The Manifest V3 extension in the Chrome Web Store. */
  manifestV3: 'pfhgbfnnjiafkhfdkmpiflachepdcjod',
} as const;

export type BrowserFamily = 'chrome' | 'edge' | 'yandex' | 'opera' | 'firefox' | 'safari' | 'other';

/** The order ids are tried in, per browser family (Firefox and Safari have no fixed id: the handshake instead). */
export const DEFAULT_EXTENSION_ORDER: Record<BrowserFamily, readonly string[]> = {
  // Loader 2.4.1: Chrome, Chromium and Edge try the old Chrome-store id, then the MV3 one.
  chrome: [EXTENSION_IDS.chromeStore, EXTENSION_IDS.manifestV3],
  edge: [EXTENSION_IDS.chromeStore, EXTENSION_IDS.manifestV3],
  // Loader 2.4.1: Yandex tries the Opera catalogue, then the old, then the MV3 id.
  yandex: [EXTENSION_IDS.operaCatalogue, EXTENSION_IDS.chromeStore, EXTENSION_IDS.manifestV3],
  // Loader 2.4.1 tries only the Opera catalogue id; Opera also installs Chrome-store extensions, so we go on to the
  // same ids as Yandex instead of telling such a user the plug-in is missing.
  opera: [EXTENSION_IDS.operaCatalogue, EXTENSION_IDS.chromeStore, EXTENSION_IDS.manifestV3],
  firefox: [],
  safari: [],
  other: [EXTENSION_IDS.chromeStore, EXTENSION_IDS.manifestV3],
};

/** The browser family as loader 2.4.1 tells them apart (OPR/Edg/YaBrowser tokens inside a Chrome user agent). */
export function browserFamily(userAgent: string): BrowserFamily {
  if (/YaBrowser\//.test(userAgent)) return 'yandex';
  if (/\bOPR\//.test(userAgent)) return 'opera';
  if (/\bEdg\//.test(userAgent)) return 'edge';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

export function extensionScriptUrl(id: string): string {
  return `chrome-extension://${id}/nmcades_plugin_api.js`;
}

/** Where our loader keeps a failed outcome on `window.cadesplugin` (not enumerable), so any adapter can read it. */
export const LOAD_FAILURE_KEY = 'ofd_signer_load_failure';
