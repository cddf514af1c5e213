/** Drives the emulator through the plug-in API exactly as page code would. */
import type { CadesCertificate, CadesPluginGlobal } from '../../../src/plugin/cadesplugin-types.js';

export async function openStore(plugin: CadesPluginGlobal, location = 2) {
  await plugin; // as page code does: objects exist once the loader has found the extension
  const store = await plugin.CreateObjectAsync('CAdESCOM.Store');
  await store.Open(location, 'My', 2);
  return store;
}

export async function certificateByThumbprint(plugin: CadesPluginGlobal, thumbprint: string): Promise<CadesCertificate> {
  const store = await openStore(plugin);
  const found = await (await store.Certificates).Find(0, thumbprint);
  return found.Item(1);
}

export interface SignOptions {
  detached?: boolean;
  /** 0 CADESCOM_STRING_TO_UCS2LE, 1 CADESCOM_BASE64_TO_BINARY */
  encoding?: number;
  includeOption?: number;
  signingTime?: Date;
  cadesType?: number;
}

export async function sign(
  plugin: CadesPluginGlobal,
  certificate: CadesCertificate,
  content: string,
  options: SignOptions = {},
): Promise<string> {
  const signer = await plugin.CreateObjectAsync('CAdESCOM.CPSigner');
  await signer.propset_Certificate(certificate);
  if (options.includeOption !== undefined) await signer.propset_Options(options.includeOption);
  if (options.signingTime) {
    const attribute = await plugin.CreateObjectAsync('CAdESCOM.CPAttribute');
    await attribute.propset_Name(0);
    await attribute.propset_Value(options.signingTime);
    await (await signer.AuthenticatedAttributes2).Add(attribute);
  }
  const signedData = await plugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
  if (options.encoding !== undefined) await signedData.propset_ContentEncoding(options.encoding);
  await signedData.propset_Content(content);
  return signedData.SignCades(signer, options.cadesType ?? 1, options.detached ?? false, 0);
}

export function hresultOf(error: unknown): string | undefined {
  // The extension rejects with plain { message } objects, not Errors.
  const message = error && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  return /\((0x[0-9A-F]{8})\)$/.exec(message)?.[1];
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
