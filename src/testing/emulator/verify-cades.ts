/** VerifyCades: checks each signer's messageDigest and GOST signature with the certificate included in the CMS. */
import { inspectCms } from '../../cms/cms.js';
import { gostVerify, streebog256, streebog512 } from '../../cms/gost.js';
import { HRESULT, pluginError } from './hresult-errors.js';

const NTE_BAD_SIGNATURE = 0x80090006;

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Returns the signed content (attached) or throws the plug-in's error. */
export function verifyCades(cms: Uint8Array, detachedContent: Uint8Array | undefined): Uint8Array | undefined {
  let info: ReturnType<typeof inspectCms>;
  try {
    info = inspectCms(cms);
  } catch {
    throw pluginError(HRESULT.CRYPT_E_BAD_ENCODE);
  }
  const content = detachedContent ?? info.content;
  if (!info.isSignedData || !content || info.signers.length === 0) throw pluginError(HRESULT.CRYPT_E_BAD_ENCODE);
  for (const signer of info.signers) {
    const cert = signer.certificate;
    if (!cert) throw pluginError(HRESULT.CRYPT_E_NOT_FOUND);
    if (cert.keyAlgorithm !== 'gost2012-256' && cert.keyAlgorithm !== 'gost2012-512') throw pluginError(HRESULT.NTE_BAD_ALGID);
    const bits = cert.keyAlgorithm === 'gost2012-512' ? 512 : 256;
    const digest = bits === 256 ? streebog256(content) : streebog512(content);
    const signed = signer.signedAttrsDer;
    const ok =
      signed !== undefined &&
      signer.messageDigest !== undefined &&
      equalBytes(digest, signer.messageDigest) &&
      gostVerify(cert.publicKey, signed, signer.signature, bits, cert.publicKeyParamSetOid);
    if (!ok) throw pluginError(NTE_BAD_SIGNATURE, 'Неправильная подпись.');
  }
  return info.content;
}
