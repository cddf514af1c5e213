/**
 * CAdES-BES signing in at most seven round trips: CPSigner and CadesSignedData are created together, their setters
 * run concurrently, and the content is handed over as base64 with CADESCOM_BASE64_TO_BINARY, so the plug-in signs
 * exactly the bytes we mean (never a UCS-2 re-encoding of a JS string).
 */
import { base64Bytes, base64Of } from './base64.js';
import type { CadesCertificate, CadesPluginGlobal, CadesSigner } from './cadesplugin-types.js';
import type { CallMeter } from './call-meter.js';
import {
  CADESCOM_BASE64_TO_BINARY,
  CADESCOM_CADES_BES,
  CADESCOM_ENCODE_BASE64,
  CAPICOM_CERTIFICATE_INCLUDE_END_ENTITY_ONLY,
  CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN,
} from './com-constants.js';
import { InvalidBase64Error } from './errors/invalid-base64-error.js';
import type { ContentMode } from './types.js';
import { messageOf } from './hresult.js';

/** The `Content` property value for a mode: always base64 of the bytes to be signed. */
export function contentProperty(content: string, mode: ContentMode): string {
  if (mode === 'as-is') return base64Of(new TextEncoder().encode(content));
  try {
    // Re-encoding drops the line breaks, which the plug-in would reject.
    return base64Of(base64Bytes(content));
  } catch (error) {
    throw new InvalidBase64Error({ originalMessage: messageOf(error), cause: error });
  }
}

/** A CPSigner bound to a certificate; reusable for further documents signed with the same certificate. */
export async function prepareSigner(
  plugin: CadesPluginGlobal,
  { t }: CallMeter,
  certificate: Promise<CadesCertificate>,
  includeChain: boolean,
): Promise<CadesSigner> {
  const signer = await t(plugin.CreateObjectAsync('CAdESCOM.CPSigner'));
  await Promise.all([
    certificate.then((object) => t(signer.propset_Certificate(object))),
    t(
      signer.propset_Options(includeChain ? CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN : CAPICOM_CERTIFICATE_INCLUDE_END_ENTITY_ONLY),
    ),
  ]);
  return signer;
}

export async function signWith(
  plugin: CadesPluginGlobal,
  { t }: CallMeter,
  signer: Promise<CadesSigner>,
  contentBase64: string,
  detached: boolean,
): Promise<string> {
  const data = await t(plugin.CreateObjectAsync('CAdESCOM.CadesSignedData'));
  // The encoding must be set before the content: the plug-in converts the content when it is assigned.
  await t(data.propset_ContentEncoding(CADESCOM_BASE64_TO_BINARY));
  await t(data.propset_Content(contentBase64));
  const ready = await signer;
  const cms = await t(data.SignCades(ready, CADESCOM_CADES_BES, detached, CADESCOM_ENCODE_BASE64));
  // The plug-in wraps base64 at 64 columns with CRLF; callers send it inside JSON.
  return cms.replace(/\s+/g, '');
}
