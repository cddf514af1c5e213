/**
 * Local checks on a signature before it may spend the document's one `sign`: it must be CMS SignedData
 * (DER or BER indefinite length), with exactly one signer whose certificate is included, and an attached
 * signature must cover the document's `Content` — the base64 string itself (OFD's rule, section 7.4; a signature
 * over the decoded XML is refused here, before it can spend the one `sign`); a detached one's signed
 * messageDigest must be the Streebog digest of that string. Verifying the signature value against the key is OFD's job.
 */
import { base64ToBytes } from '../cms/base64.js';
import { inspectCms } from '../cms/cms.js';
import { streebog } from '../cms/gost/streebog.js';
import type { CmsInfo } from '../cms/types.js';
import { ProxyError } from './errors/proxy-error.js';

export type CmsInspector = (der: Uint8Array) => CmsInfo;

/** What the proxy keeps from a signature after the structural checks. */
export interface InspectedSignature {
  attached: boolean;
  /** The signed content of an attached signature. */
  content?: Uint8Array;
  /** The signer's digest algorithm and signed messageDigest attribute, when it has signed attributes. */
  digestAlgorithmOid?: string;
  messageDigest?: Uint8Array;
}

const DIGESTS: Record<string, (data: Uint8Array) => Uint8Array> = {
  '1.2.643.7.1.1.2.2': (data) => streebog(data, 256),
  '1.2.643.7.1.1.2.3': (data) => streebog(data, 512),
};

/** Structure only: SignedData, one signer, its certificate included. Throws SIGNATURE_INVALID. */
export function inspectSignature(signatureBase64: string, inspect: CmsInspector = inspectCms): InspectedSignature {
  let info: CmsInfo;
  try {
    info = inspect(base64ToBytes(signatureBase64));
  } catch (error) {
    throw new ProxyError('SIGNATURE_INVALID', { detail: 'signature does not parse as CMS', cause: error });
  }
  if (!info.isSignedData) throw new ProxyError('SIGNATURE_INVALID', { detail: 'CMS is not SignedData' });
  if (info.signers.length !== 1) {
    throw new ProxyError('SIGNATURE_INVALID', { detail: `CMS has ${info.signers.length} signers, expected 1` });
  }
  if (!info.signers[0]!.certificate) {
    throw new ProxyError('SIGNATURE_INVALID', { detail: "the signer's certificate is not included" });
  }
  if (info.attached && (!info.content || info.content.length === 0)) {
    throw new ProxyError('SIGNATURE_INVALID', { detail: 'attached signature with empty content' });
  }
  const signer = info.signers[0]!;
  const digest = signer.messageDigest
    ? { digestAlgorithmOid: signer.digestAlgorithmOid, messageDigest: signer.messageDigest }
    : {};
  return info.attached ? { attached: true, content: info.content!, ...digest } : { attached: false, ...digest };
}

/**
 * The signature must cover the document's `Content`: an attached one by its content, a detached one by its
 * signed messageDigest (Streebog). Returns whether a comparison was made (not when the content is unknown or
 * a detached signature has no digest we can compute). Throws SIGNATURE_CONTENT_MISMATCH.
 */
export function checkSignedContent(signature: InspectedSignature, documentContent: string | undefined): boolean {
  if (documentContent === undefined) return false;
  // 7.4 (l.2305–2330 and its sample signature): the signed data is the `Content` string itself. A signature over
  // the decoded XML is what OFD would refuse, so it never spends the one allowed `sign`.
  const expected = asciiBytes(documentContent);
  let decoded: Uint8Array | undefined;
  try {
    decoded = base64ToBytes(documentContent);
  } catch {
    // Not base64: only the string form can have been signed.
  }
  const overDecoded = () => new ProxyError('SIGNATURE_CONTENT_MISMATCH', { detail: 'signed the decoded XML, 7.4 asks for the Content string' });
  if (signature.attached && signature.content) {
    const signed = signature.content;
    if (sameBytes(signed, expected)) return true;
    if (decoded && sameBytes(signed, decoded)) throw overDecoded();
    throw new ProxyError('SIGNATURE_CONTENT_MISMATCH');
  }
  const hash = signature.digestAlgorithmOid ? DIGESTS[signature.digestAlgorithmOid] : undefined;
  if (!hash || !signature.messageDigest) return false; // detached without a digest we know: OFD decides
  const digest = signature.messageDigest;
  if (sameBytes(hash(expected), digest)) return true;
  if (decoded && sameBytes(hash(decoded), digest)) throw overDecoded();
  throw new ProxyError('SIGNATURE_CONTENT_MISMATCH', { detail: 'detached signature digest differs from the document' });
}

function asciiBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
