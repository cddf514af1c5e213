import type { CertificateInfo, KeyAlgorithm } from '../cms/types.js';
import type { CadesPluginGlobal } from './cadesplugin-types.js';
import type { BrowserFamily } from './extension-ids.js';
/** Why a listed certificate cannot sign now (`SigningCertificate.reasons`). */
export type UnusableReason = 'expired' | 'not-yet-valid' | 'no-private-key' | 'not-gost' | 'obsolete-gost';

export interface CryptoProAdapterOptions {
  /** A ready plug-in object (tests, or a page that manages the loader itself). Skips loading. */
  plugin?: CadesPluginGlobal;
  /** How long `load()` waits for the extension and native host to answer. Default 10 000 ms. */
  loadTimeoutMs?: number;
  /** URL of CryptoPro's current official loader (cadesplugin_api.js) served by the partner; preferred over the npm copy. */
  loaderUrl?: string;
  /** The window to use (default: the global one, read only when `load()` runs). */
  window?: Window;
  /**
   * Extension ids our loader tries, per browser family, in order (default: as CryptoPro's loader 2.4.1, see
   * `DEFAULT_EXTENSION_ORDER`).
   */
  extensionIds?: Partial<Record<BrowserFamily, readonly string[]>>;
  /** Load with the npm `cadesplugin-api` loader 2.0.2 instead of ours (legacy: it cannot reach today's extension). */
  legacyNpmLoader?: boolean;
}

export type CertificateSource = 'my' | 'container';

/** One certificate as the adapter lists it: parsed locally from its DER, with what a form needs pulled out. */
export type SigningCertificate = {
  /** SHA-1 of the DER, uppercase hex (CryptoPro's form). */
  thumbprint: string;
  info: CertificateInfo;
  /** Valid now, has a private key, GOST 2012. */
  usable: boolean;
  /** Why it cannot sign now; empty when `usable`. */
  reasons: UnusableReason[];
  /** 'my': the personal store; 'container': read from a key container (a token never installed into "My"). */
  source: CertificateSource;
  /** Undefined when not determined (a store mixing keyed and keyless certificates, and this one unusable anyway). */
  hasPrivateKey: boolean | undefined;
  /** "Романова Анна Сергеевна": SN + G, else CN. */
  owner: string;
  /** Surname (SN) and given names (G), for the application's LastName / GivenName. */
  lastName?: string | undefined;
  givenName?: string | undefined;
  /** Position (T). */
  title?: string | undefined;
  /** Organisation (O). */
  company?: string | undefined;
  /** INN of the organisation (INNLE, or the 10-digit INN older CAs wrote into INN); an entrepreneur's own INN. */
  inn?: string | undefined;
  /** The person's own 12-digit INN. */
  personalInn?: string | undefined;
  /** OGRN of a legal entity, or OGRNIP of an entrepreneur. */
  ogrn?: string | undefined;
  snils?: string | undefined;
  email?: string | undefined;
  /** The issuing CA's name (CN, else O). */
  issuer: string;
  validFrom: Date;
  validTo: Date;
  keyAlgorithm: KeyAlgorithm;
};

export interface ListCertificatesOptions {
  /** Also read the container store (certificates on tokens never installed into "My"). Default false. */
  includeTokens?: boolean;
  /** The moment validity is judged at. Default: now. */
  now?: Date;
}

export type ContentMode = 'as-is' | 'decoded';

export interface SignOptions {
  thumbprint: string;
  /** Detached signature (no eContent). Default false. */
  detached?: boolean;
  /**
   * 'as-is' (default): sign the bytes of the given string itself (the OFD sample signs the base64 text of the
   * document). 'decoded': the string is base64; sign the bytes it decodes to.
   */
  contentMode?: ContentMode;
  /** Include the whole chain instead of the end-entity certificate only. Default false. */
  includeChain?: boolean;
}

export type AboutInfo = {
  pluginVersion: string;
  cspVersion?: string | undefined;
  cspName?: string | undefined;
  /** `cadesplugin.JSModuleVersion` of the loader in use. */
  loaderVersion?: string | undefined;
  /** The plug-in is older than the adapter supports well: ask the user to update. */
  outdated: boolean;
  /** English, for logs and support (the user-facing sentence is in the messages tables). */
  warnings: string[];
};

export type OperationName = 'load' | 'about' | 'listCertificates' | 'sign' | 'cachePin';

export interface OperationStat {
  operation: OperationName;
  /** Plug-in round trips made (object creations, property reads, setters, method calls). */
  calls: number;
  durationMs: number;
  /** For listCertificates: how many certificates were read. */
  certificates?: number;
  ok: boolean;
}

export interface AdapterStats {
  totalCalls: number;
  /** The latest run of each operation. */
  last: Partial<Record<OperationName, OperationStat>>;
  /** The latest operations, oldest first (up to 50). */
  history: OperationStat[];
}

export interface CryptoProAdapter {
  /** Waits for the plug-in; safe to call again after a failure (a "check again" button). */
  load(): Promise<void>;
  about(): Promise<AboutInfo>;
  listCertificates(options?: ListCertificatesOptions): Promise<SigningCertificate[]>;
  /** Returns the CMS (CAdES-BES) in base64 without line breaks. */
  sign(content: string, options: SignOptions): Promise<string>;
  /**
   * Asks CryptoPro to keep the PIN of this certificate's key for the session (`PrivateKey.CachePin`), so a batch
   * asks for it once. Resolves false, never throws, where that is not possible (a plug-in without the member or
   * refusing it with 0x80070057, a token that refuses or does not keep it, no plug-in, no such certificate): then
   * CryptoPro asks for the PIN for each document, and `sign()` reports any real problem.
   */
  cachePin(thumbprint: string): Promise<boolean>;
  stats(): AdapterStats;
  /** The loaded plug-in object (after `load()`), for calls the adapter does not wrap. */
  readonly plugin: CadesPluginGlobal | undefined;
}
