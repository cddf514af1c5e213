/**
 * The adapter's sentences in English: one language's part of the catalogue, so that a page loads only the language it
 * shows (the widget installs it with its own English sentences). `messages.ts` joins both languages.
 */
import { PLUGIN_DOWNLOAD_URL as DOWNLOAD, type PluginCatalogue } from './sentences.js';

export const pluginEn: PluginCatalogue = {
  errors: {
    USER_CANCELLED: 'Signing was cancelled: the PIN window was closed. Press “Sign” again when you are ready.',
    PIN_BLOCKED:
      "The token's PIN is blocked after too many wrong attempts. Unblock the token (PUK code or the token maker's utility) or contact your certification authority.",
    NO_PRIVATE_KEY:
      'The private key for this certificate was not found. Insert the token that holds the key or choose another certificate.',
    TOKEN_NOT_INSERTED: 'The key token is not inserted or does not respond. Insert the token, wait a few seconds and try again.',
    CHAIN_NOT_BUILT:
      'The certificate chain cannot be built. Install the certificates of the authority that issued your signature (on its website) and try again.',
    UNTRUSTED_ROOT:
      "The certification authority's root certificate is not trusted. Install it into “Trusted Root Certification Authorities” and try again.",
    CERTIFICATE_EXPIRED: 'The certificate has expired. Choose a valid certificate or get a new one from your certification authority.',
    CSP_ALGORITHM:
      "CryptoPro CSP cannot use this key's algorithm: it is missing, outdated or damaged. Install CryptoPro CSP 4.0 or newer and try again.",
    LICENCE_EXPIRED:
      'The CryptoPro CSP licence has expired. Enter a licence serial number (CryptoPro PKI → Licence management) or contact your administrator.',
    INVALID_PARAMETER:
      'The plug-in rejected the request, which usually means an outdated CryptoPro CAdES Browser plug-in. Install the latest one (' +
      DOWNLOAD +
      ') and restart the browser.',
    INVALID_BASE64: 'The document to sign is damaged (not base64). Reload the page; if it happens again, contact support.',
    PLUGIN_NOT_INSTALLED:
      'The CryptoPro CAdES Browser plug-in does not respond: the extension is missing, disabled or too old. Install the plug-in (' +
      DOWNLOAD +
      '), enable the browser extension and check again.',
    CERTIFICATE_NOT_FOUND: 'The chosen certificate is no longer found. Insert the token that holds it or choose a certificate from the list again.',
    PLUGIN_ERROR:
      'The CryptoPro plug-in reported an error. Try again; if that does not help, restart the browser and give support the error code.',
  },
  pageProblems: {
    'csp-blocked':
      "This page's security settings (Content-Security-Policy) do not let the CryptoPro extension connect. Tell the site's owner: script-src needs the chrome-extension: and moz-extension: sources.",
  
    'insecure-context': 'The page was opened over plain http://, and the CryptoPro plug-in only works over https://. Open the page over https://.',
    'file-protocol': 'The page was opened as a file (file://), where the CryptoPro plug-in does not work. Open it from a web server over https://.',
    'loader-failed': "The CryptoPro plug-in's loader script could not be loaded. Check the internet connection and reload the page.",
  },
  unusable: {
    expired: 'The certificate has expired.',
    'not-yet-valid': 'The certificate is not valid yet.',
    'no-private-key': 'No private key: insert the token holding the key.',
    'not-gost': 'Not a GOST key: this certificate cannot make a qualified signature.',
    'obsolete-gost': 'A GOST R 34.10-2001 key: it may not sign since 2019, a GOST 2012 certificate is needed.',
  },
  pinCaching: {
    cached: 'CryptoPro will ask for the PIN once for all documents.',
    perDocument: 'CryptoPro will ask for the PIN for each document.',
  },
};
