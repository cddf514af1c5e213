/** CAdESCOM.CadesSignedData: content, its encoding, and SignCades that really signs. */
import { bytesToBase64 } from '../../cms/base64.js';
import type { CadesSignedData, CadesSigner } from '../../plugin/cadesplugin-types.js';
import { chainOf, type TestCertificate } from '../certificates.js';
import { buildCadesBes } from '../cms-builder.js';
import { string as derString } from '../der-writer.js';
import { isTimeValid } from './certificate.js';
import { EmulatedObject, pluginBase64 } from './emulated-object.js';
import { HRESULT, pluginError } from './hresult-errors.js';
import { PROMPTS_BEFORE_FAILURE, SIGNING_FAILURE } from './scenarios.js';
import { settingsOfSigner, type SignerSettings } from './signer.js';
import { containerNameOf, pinCachingOf, scenarioFor, type EmulatorState } from './state.js';
import { verifyCades } from './verify-cades.js';
import { BASE64_TO_BINARY, contentBytes, decodePluginBase64, fromUtf16le, STRING_TO_UCS2LE } from './content.js';
import { digestOfHashedData } from './hashed-data.js';

const CADES_BES = 1;
const PKCS7_TYPE = 0xffff;

// CADESCOM_AUTHENTICATED_ATTRIBUTE_DOCUMENT_NAME / _DESCRIPTION
const DOCUMENT_ATTRIBUTE_OIDS: Record<number, string> = { 1: '1.2.643.2.45.1.1.1', 2: '1.2.643.2.45.1.1.2' };

export class EmulatedSignedData extends EmulatedObject implements CadesSignedData {
  private contentEncoding = STRING_TO_UCS2LE;
  private content = '';
  /** The bytes `Content` stood for under the ContentEncoding current when it was assigned (CAdESCOM converts then). */
  private bytes: Uint8Array = new Uint8Array(0);

  constructor(state: EmulatorState) {
    super(state, 'CadesSignedData');
  }

  propset_ContentEncoding(encoding: number): Promise<void> {
    return this.write('ContentEncoding', () => {
      if (encoding !== STRING_TO_UCS2LE && encoding !== BASE64_TO_BINARY) throw pluginError(HRESULT.E_INVALIDARG);
      this.contentEncoding = encoding;
    });
  }
  get ContentEncoding(): Promise<number> {
    return this.read('ContentEncoding', () => this.contentEncoding);
  }
  propset_Content(content: string): Promise<void> {
    return this.write('Content', () => {
      // Converted on assignment: invalid base64 fails here (0x80092002), and a later ContentEncoding changes nothing.
      this.bytes = contentBytes(String(content), this.contentEncoding);
      this.content = String(content);
    });
  }
  get Content(): Promise<string> {
    return this.read('Content', () => this.content);
  }

  SignCades(signer: CadesSigner, cadesType = CADES_BES, detached = false, encodingType = 0): Promise<string> {
    return this.invoke('SignCades', () => {
      const settings = checkedSettings(signer, cadesType, encodingType);
      const cms = signFor(this.state, settings, { content: this.contentBytes() }, Boolean(detached), profileOf(cadesType));
      return pluginBase64(bytesToBase64(cms), this.state.base64LineBreaks);
    });
  }

  /** Detached signature over a digest computed by CAdESCOM.HashedData (crypto-pro's createDetachedSignature). */
  SignHash(hashedData: unknown, signer: CadesSigner, cadesType = CADES_BES, encodingType = 0): Promise<string> {
    return this.invoke('SignHash', () => {
      const settings = checkedSettings(signer, cadesType, encodingType);
      const digest = digestOfHashedData(hashedData);
      if (!digest) throw pluginError(HRESULT.E_INVALIDARG);
      if (settings.entry && settings.entry.certificate.keyBits !== digest.bits) throw pluginError(HRESULT.NTE_BAD_ALGID);
      const cms = signFor(this.state, settings, { content: new Uint8Array(0), messageDigest: digest.value }, true, profileOf(cadesType));
      return pluginBase64(bytesToBase64(cms), this.state.base64LineBreaks);
    });
  }

  VerifyCades(message: string, _cadesType?: number, detached = false): Promise<void> {
    return this.invoke('VerifyCades', () => {
      const cms = decodePluginBase64(message);
      if (!cms) throw pluginError(HRESULT.CRYPT_E_BAD_ENCODE);
      const content = verifyCades(cms, detached ? this.contentBytes() : undefined);
      if (!detached && content) {
        this.bytes = content;
        this.content = this.contentEncoding === BASE64_TO_BINARY ? bytesToBase64(content) : fromUtf16le(content);
      }
    });
  }

  private contentBytes(): Uint8Array {
    return this.bytes;
  }
}


function checkedSettings(signer: unknown, cadesType: number, encodingType: number): SignerSettings {
  const settings = settingsOfSigner(signer);
  if (!settings) throw pluginError(HRESULT.E_INVALIDARG);
  if (cadesType !== CADES_BES && cadesType !== PKCS7_TYPE) {
    throw pluginError(HRESULT.E_INVALIDARG, 'Эмулятор создаёт только CADESCOM_CADES_BES и CADESCOM_PKCS7_TYPE.');
  }
  if (encodingType !== 0) throw pluginError(HRESULT.E_INVALIDARG);
  return settings;
}

function profileOf(cadesType: number): 'cades-bes' | 'pkcs7' {
  return cadesType === PKCS7_TYPE ? 'pkcs7' : 'cades-bes';
}

function includedCertificates(certificate: TestCertificate, options: number): TestCertificate[] {
  const chain = chainOf(certificate).slice(1);
  if (options === 2) return [];
  if (options === 1) return chain;
  return chain.filter((c) => c.issuer !== undefined);
}

/**
 * Whether a PIN scenario strikes this signature. Without `afterPrompts` it always does (as before); with it, the
 * user answers that many dialogs first and the next dialog fails — a cached PIN shows no dialog, so nothing fails.
 */
function failsNow(state: EmulatorState, thumbprint: string, pinKnown: boolean): boolean {
  const key = state.scenarioByThumbprint.has(thumbprint.toUpperCase()) ? thumbprint.toUpperCase() : '*';
  const remaining = state.promptsBeforeFailure.get(key);
  if (remaining === undefined) return true;
  if (pinKnown) return false;
  if (remaining > 0) {
    state.promptsBeforeFailure.set(key, remaining - 1);
    return false;
  }
  return true;
}

/** The checks the plug-in and CSP make before and around the PIN prompt, in that order, then the signature. */
function signFor(
  state: EmulatorState,
  settings: SignerSettings,
  input: { content: Uint8Array; messageDigest?: Uint8Array },
  detached: boolean,
  profile: 'cades-bes' | 'pkcs7',
): Uint8Array {
  const entry = settings.entry;
  if (!entry) throw pluginError(HRESULT.CRYPT_E_NOT_FOUND, 'Не задан сертификат подписи.');
  const certificate = entry.certificate;
  const scenario = scenarioFor(state, certificate.thumbprint);
  const failure = SIGNING_FAILURE[scenario];
  const now = state.clock();

  if (!certificate.privateKey || scenario === 'no-private-key') throw pluginError(HRESULT.CRYPT_E_NO_KEY_PROPERTY);
  if (scenario === 'container-missing') throw pluginError(HRESULT.NTE_BAD_KEYSET);
  if (!certificate.gost || scenario === 'csp-algorithm') throw pluginError(HRESULT.NTE_BAD_ALGID);
  if (scenario === 'licence-expired') throw pluginError(HRESULT.ERROR_FUNCTION_FAILED);
  if (settings.checkCertificate && !isTimeValid(entry, now)) throw pluginError(HRESULT.CERT_E_EXPIRED);
  if (scenario === 'chain-not-trusted' || scenario === 'untrusted-root') throw pluginError(failure as number);
  if (scenario === 'token-removed') throw pluginError(HRESULT.E_UNEXPECTED);
  if (scenario === 'card-removed') throw pluginError(HRESULT.SCARD_W_REMOVED_CARD);

  const container = containerNameOf(entry);
  const pinKnown = settings.keyPin !== undefined || state.pinCache.has(container);
  if (!pinKnown) state.pinPrompts++;
  if (PROMPTS_BEFORE_FAILURE.has(scenario) && failsNow(state, certificate.thumbprint, pinKnown)) {
    throw pluginError(failure as number);
  }
  if (pinCachingOf(state, entry) === true && state.cachePinRequested.has(container)) state.pinCache.add(container);

  let signingTime = profile === 'cades-bes' ? now : undefined;
  const extraSignedAttributes: { oid: string; value: Uint8Array }[] = [];
  for (const attribute of settings.authenticatedAttributes) {
    if (attribute.name === 0) {
      const value = attribute.value instanceof Date ? attribute.value : new Date(String(attribute.value));
      if (Number.isNaN(value.getTime())) throw pluginError(HRESULT.E_INVALIDARG);
      signingTime = value;
    } else if (attribute.name !== undefined) {
      const oid = DOCUMENT_ATTRIBUTE_OIDS[attribute.name];
      if (oid) extraSignedAttributes.push({ oid, value: derString(String(attribute.value ?? ''), 'utf8') });
    }
  }

  return buildCadesBes({
    ...input,
    certificate,
    chain: includedCertificates(certificate, settings.options),
    detached,
    profile,
    extraSignedAttributes,
    ...(signingTime ? { signingTime } : {}),
  });
}
