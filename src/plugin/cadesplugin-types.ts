/**
 * The CryptoPro browser plug-in's object model in its asynchronous form (every modern browser):
 * every property read is a Promise, every setter is `propset_Name(value)`, collections are 1-based.
 * Only what ofd-signer and its emulator use is typed; this is the contract between
 * `src/plugin` (the adapter) and `src/testing` (the emulator).
 */

export interface CadesVersion {
  readonly MajorVersion: Promise<number>;
  readonly MinorVersion: Promise<number>;
  readonly BuildVersion: Promise<number>;
  toString(): Promise<string>;
}

export interface CadesAbout {
  /** Plug-in version string, e.g. "2.0.15400". */
  readonly Version: Promise<string>;
  readonly PluginVersion: Promise<CadesVersion>;
  CSPVersion(providerName?: string, providerType?: number): Promise<CadesVersion>;
  CSPName(providerType?: number): Promise<string>;
}

export interface CadesAlgorithm {
  readonly FriendlyName: Promise<string>;
  readonly Value: Promise<string>;
}

export interface CadesPublicKey {
  readonly Algorithm: Promise<CadesAlgorithm>;
  readonly Length: Promise<number>;
}

export interface CadesPrivateKey {
  readonly ProviderName: Promise<string>;
  readonly ProviderType: Promise<number>;
  readonly ContainerName: Promise<string>;
  readonly UniqueContainerName: Promise<string>;
  /** Newer plug-ins: keep the entered PIN for the session. */
  readonly CachePin: Promise<boolean>;
  propset_CachePin(value: boolean): Promise<void>;
}

export interface CadesCertificateStatus {
  readonly Result: Promise<boolean>;
}

export interface CadesCertificate {
  readonly Thumbprint: Promise<string>;
  readonly SubjectName: Promise<string>;
  readonly IssuerName: Promise<string>;
  readonly SerialNumber: Promise<string>;
  /** JS Date in the async plug-in (a VT_DATE converted by the extension). */
  readonly ValidFromDate: Promise<Date | string>;
  readonly ValidToDate: Promise<Date | string>;
  readonly Version: Promise<number>;
  readonly PrivateKey: Promise<CadesPrivateKey>;
  HasPrivateKey(): Promise<boolean>;
  IsValid(): Promise<CadesCertificateStatus>;
  /** Base64 DER when `encoding` is CADESCOM_ENCODE_BASE64 (0). */
  Export(encoding: number): Promise<string>;
  GetInfo(infoType: number): Promise<string>;
  PublicKey(): Promise<CadesPublicKey>;
  FindPrivateKey(containerName?: string): Promise<void>;
}

export interface CadesCertificates {
  readonly Count: Promise<number>;
  /** 1-based. */
  Item(index: number): Promise<CadesCertificate>;
  Find(findType: number, criteria?: unknown, validOnly?: boolean): Promise<CadesCertificates>;
}

export interface CadesStore {
  Open(location?: number, name?: string, openMode?: number): Promise<void>;
  Close(): Promise<void>;
  readonly Certificates: Promise<CadesCertificates>;
  readonly Location: Promise<number>;
  readonly Name: Promise<string>;
}

export interface CadesAttribute {
  propset_Name(name: number): Promise<void>;
  propset_Value(value: unknown): Promise<void>;
  propset_ValueEncoding(encoding: number): Promise<void>;
  readonly Name: Promise<number>;
  readonly Value: Promise<unknown>;
}

export interface CadesAttributes {
  readonly Count: Promise<number>;
  Add(attribute: CadesAttribute): Promise<void>;
  Item(index: number): Promise<CadesAttribute>;
  Clear(): Promise<void>;
}

export interface CadesSigner {
  propset_Certificate(certificate: CadesCertificate): Promise<void>;
  readonly Certificate: Promise<CadesCertificate>;
  /** CAPICOM_CERTIFICATE_INCLUDE_* */
  propset_Options(options: number): Promise<void>;
  readonly Options: Promise<number>;
  propset_CheckCertificate(check: boolean): Promise<void>;
  propset_KeyPin(pin: string): Promise<void>;
  propset_TSAAddress(address: string): Promise<void>;
  readonly AuthenticatedAttributes2: Promise<CadesAttributes>;
  readonly UnauthenticatedAttributes: Promise<CadesAttributes>;
}

export interface CadesSignedData {
  /** CADESCOM_STRING_TO_UCS2LE (0) or CADESCOM_BASE64_TO_BINARY (1). */
  propset_ContentEncoding(encoding: number): Promise<void>;
  readonly ContentEncoding: Promise<number>;
  propset_Content(content: string): Promise<void>;
  readonly Content: Promise<string>;
  /** Returns the CMS in base64 (CADESCOM_ENCODE_BASE64). */
  SignCades(signer: CadesSigner, cadesType?: number, detached?: boolean, encodingType?: number): Promise<string>;
  VerifyCades(message: string, cadesType?: number, detached?: boolean): Promise<void>;
}

/** Object names `CreateObjectAsync` knows, and what each creates. */
export interface CadesObjectMap {
  'CAdESCOM.Store': CadesStore;
  'CAdESCOM.CPSigner': CadesSigner;
  'CAdESCOM.CadesSignedData': CadesSignedData;
  'CAdESCOM.About': CadesAbout;
  'CAdESCOM.CPAttribute': CadesAttribute;
}
export type CadesObjectName = keyof CadesObjectMap;

/**
 * Some of the constants CryptoPro's loaders put on `window.cadesplugin` (names and values as loaders 2.0.2 and 2.4.1
 * define them). Optional on purpose: which exist depends on the loader version (2.0.2 has no
 * `CADESCOM_CONTAINER_STORE`), so the adapter reads none of them — it has its own table (`com-constants.ts`).
 */
export interface CadesConstants {
  CAPICOM_CURRENT_USER_STORE?: 2;
  CAPICOM_MY_STORE?: 'My';
  CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED?: 2;
  CADESCOM_CONTAINER_STORE?: 100;
  CAPICOM_CERTIFICATE_FIND_SHA1_HASH?: 0;
  CAPICOM_CERTIFICATE_FIND_TIME_VALID?: 9;
  CAPICOM_CERTIFICATE_FIND_EXTENDED_PROPERTY?: 6;
  CADESCOM_CADES_BES?: 1;
  CADESCOM_STRING_TO_UCS2LE?: 0;
  CADESCOM_BASE64_TO_BINARY?: 1;
  CADESCOM_ENCODE_BASE64?: 0;
  CAPICOM_CERTIFICATE_INCLUDE_CHAIN_EXCEPT_ROOT?: 0;
  CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN?: 1;
  CAPICOM_CERTIFICATE_INCLUDE_END_ENTITY_ONLY?: 2;
  CAPICOM_AUTHENTICATED_ATTRIBUTE_SIGNING_TIME?: 0;
  LOG_LEVEL_DEBUG?: 4;
  LOG_LEVEL_INFO?: 2;
  LOG_LEVEL_ERROR?: 1;
}

/**
 * `window.cadesplugin` after the loader ran: a thenable that resolves when the extension and
 * the native host answer (rejects on timeout), plus the factory and the constants.
 */
export interface CadesPluginGlobal extends CadesConstants, PromiseLike<void> {
  CreateObjectAsync<K extends CadesObjectName>(name: K): Promise<CadesObjectMap[K]>;
  /** Runs a generator that yields promises (older consumers such as crypto-pro use it). */
  async_spawn<T>(generator: (...args: unknown[]) => Generator<unknown, T, unknown>, ...args: unknown[]): Promise<T>;
  set_log_level(level: number): void;
  /** Loader function the extension's script calls with the plug-in object (`CreateObjectAsync` forwards to it). */
  set?(pluginObject: unknown): void;
  /** Present on newer loaders: the message of the plug-in's last error. */
  getLastError?(error: unknown): string;
  /** Version of the JS loader, e.g. "2.0.2". */
  JSModuleVersion?: string;
  current_log_level?: number;
}

declare global {
  interface Window {
    cadesplugin?: CadesPluginGlobal;
    cadesplugin_load_timeout?: number;
    cadesplugin_skip_extension_install?: boolean;
  }
}
