/**
 * Official places to get what signing needs, for the browser the user is in. The extension lives in each
 * browser's own store; Yandex Browser and Opera install it from Opera's catalogue.
 */
export interface InstallLinks {
  /** The operating system as the browser reports it; `mobile`: a phone or tablet, where there is no plug-in. */
  os: string;
  mobile: boolean;
  browser: string;
  extension: string;
  plugin: string;
  csp: string;
}

const PLUGIN = 'https://www.cryptopro.ru/products/cades/plugin';
const CSP = 'https://www.cryptopro.ru/products/csp';
const CHROME_STORE = 'https://chromewebstore.google.com/detail/iifchhfnnmpdbibifmljnfjhpififfog';
const OPERA_ADDONS = 'https://addons.opera.com/extensions/details/cryptopro-extension-for-cades-browser-plug-in/';
const FIREFOX_XPI = 'https://www.cryptopro.ru/sites/default/files/products/cades/extensions/firefox_cryptopro_extension_latest.xpi';
const EDGE_ADDONS = 'https://microsoftedge.microsoft.com/addons/search/cryptopro';

export function installLinks(userAgent: string): InstallLinks {
  const [browser, extension] = /YaBrowser/.test(userAgent)
    ? ['Яндекс Браузер / Yandex Browser', OPERA_ADDONS]
    : /OPR\//.test(userAgent)
      ? ['Opera', OPERA_ADDONS]
      : /Edg\//.test(userAgent)
        ? ['Microsoft Edge', EDGE_ADDONS]
        : /Firefox\//.test(userAgent)
          ? ['Firefox', FIREFOX_XPI]
          : ['Chrome / Chromium', CHROME_STORE];
  const mobile = /Android|iPhone|iPad|iPod/.test(userAgent);
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux|X11/.test(userAgent)
            ? 'Linux'
            : '';
  return { os, mobile, browser, extension, plugin: PLUGIN, csp: CSP };
}
