/**
 * Local checks on a signature before it may spend the document's one `sign`: it must be CMS SignedData
 * (DER or BER indefinite length), with exactly one signer whose certificate is included, and an attached
 * signature must cover the document's `Content` — either the base64 string itself (OFD's rule, section 7.4)
 * or the decoded XML (the widget's alternative mode); a detached one's signed messageDigest must be the Streebog
 * digest of one of those. Verifying the signature value against the key is OFD's job.
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
  const candidates = [asciiBytes(documentContent)];
  try {
    candidates.push(base64ToBytes(documentContent));
  } catch {
    // Not base64: only the string form can have been signed.
  }
  if (signature.attached && signature.content) {
    const signed = signature.content;
    if (candidates.some((c) => sameBytes(signed, c))) return true;
    throw new ProxyError('SIGNATURE_CONTENT_MISMATCH');
  }
  const hash = signature.digestAlgorithmOid ? DIGESTS[signature.digestAlgorithmOid] : undefined;
  if (!hash || !signature.messageDigest) return false; // detached without a digest we know: OFD decides
  const digest = signature.messageDigest;
  if (candidates.some((c) => sameBytes(hash(c), digest))) return true;
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
