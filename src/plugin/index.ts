/**
 * `ofd-signer/plugin`: the CryptoPro browser plug-in adapter. Importing this module touches no global;
 * the plug-in (or its loader) is reached only when `load()` or an operation runs.
 */
export { createCryptoProAdapter } from './adapter.js';
export type {
  AboutInfo,
  AdapterStats,
  CertificateSource,
  ContentMode,
  CryptoProAdapter,
  CryptoProAdapterOptions,
  ListCertificatesOptions,
  OperationName,
  OperationStat,
  SignOptions,
  SigningCertificate,
  UnusableReason,
} from './types.js';
export * from './errors/index.js';
export { mapPluginError, errorForCode } from './map-plugin-error.js';
export { codeForHresult } from './hresult.js';
// The sentences (ru + en) are the separate import `ofd-signer/plugin/messages`; `installPluginSentences` lets a
// partner supply their own wording instead.
export { installPluginSentences, type PluginCatalogue, type Lang } from './sentences.js';
export { MIN_PLUGIN_VERSION, compareVersions } from './about.js';
export { DEFAULT_EXTENSION_ORDER, EXTENSION_IDS, browserFamily, type BrowserFamily } from './extension-ids.js';
export type * from './cadesplugin-types.js';
export { signBatch } from './sign-batch.js';
export type { BatchDocument, BatchSigner, BatchStop, SignBatchOptions, SignBatchResult, SignedDocument } from './sign-batch.js';
