/**
 * Everything the widget needs of the plug-in side, loaded on demand (its own chunk): the adapter, the batch
 * signing path, the local signature check (CMS reading) and the adapter's certificate sentences. A page that only
 * shows a status or the registration report form never downloads it.
 */
export { createCryptoProAdapter } from '../plugin/adapter.js';
export { signBatch } from '../plugin/sign-batch.js';
// The certificate sentences of the languages loaded so far (i18n installs each with the widget's own catalogue).
export { installedUnusableReasons as unusableReasonMessages } from '../plugin/certificate-view.js';
export { verifyLocally } from './journey/verify.js';
