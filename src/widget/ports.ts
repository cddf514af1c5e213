/**
 * What the element needs from the plug-in adapter and the API client, as small structural interfaces.
 * The real `createCryptoProAdapter()` and `createOfdClient()` satisfy them; tests and partners with a
 * custom transport can inject anything else that does (`element.adapter = …`, `element.client = …`).
 */
import type { CertificateInfo } from '../cms/types.js';
import type { Application, ApplicationDocument as PreparedDocument, PrepareDocumentsRequest } from '../api/types.js';

export type SignatureMode = 'attached' | 'detached';
export type ContentMode = 'as-is' | 'decoded';

/** One certificate as the adapter lists it. */
export interface CertificateChoice {
  thumbprint: string;
  info: CertificateInfo;
  /** Valid now, has a private key, GOST. */
  usable: boolean;
  /** Why it cannot sign (adapter codes such as 'expired', 'no-private-key'); empty when usable. */
  reasons: readonly string[];
}

export interface PluginAbout {
  pluginVersion?: string | undefined;
  /** The plug-in is older than the adapter supports well. */
  outdated?: boolean | undefined;
}

export interface SignerAdapterPort {
  load(): Promise<unknown>;
  about(): Promise<PluginAbout>;
  listCertificates(options?: { includeTokens?: boolean }): Promise<readonly CertificateChoice[]>;
  sign(content: string, options: { thumbprint: string; detached?: boolean; contentMode?: ContentMode }): Promise<string>;
  /**
   * Ask CryptoPro to keep the PIN for the session so several documents need it once; resolves false where the
   * plug-in or the token refuses. Optional for injected adapters: without it the PIN is asked per document.
   */
  cachePin?(thumbprint: string): Promise<boolean>;
}

/** LastName / GivenName / Position for prepareDocuments, taken from the certificate (SN, G, T). */
export type SignerNames = PrepareDocumentsRequest;

export interface RegistrationReport {
  /** Local date and time printed on the report, `YYYY-MM-DDTHH:mm:ss`. */
  dateTime: string;
  documentNumber: string;
  fiscalSign: string;
}

export interface OfdClientPort {
  getApplication(id: string): Promise<Application>;
  prepareDocuments(id: string, signer: SignerNames): Promise<Application>;
  sign(id: string, documentId: string, signature: string): Promise<unknown>;
  submitRegistrationReport(id: string, report: RegistrationReport): Promise<unknown>;
  /** Files behind the proxy need the ticket, which a plain link cannot carry. */
  getFile?(id: string, path: string): Promise<Blob>;
}

export type { Application, PreparedDocument };
