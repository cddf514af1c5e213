/**
 * Verification of GOST CMS signatures and certificate signatures, for the mock OFD and for tests.
 * Not re-exported from `./index.js`: it pulls in the GOST primitives (`./gost.js`: Streebog tables and curve
 * arithmetic), which the widget bundle does not need.
 *
 * What it checks for every signer: the messageDigest attribute equals Streebog of the content, the contentType
 * attribute names the eContentType, and the GOST R 34.10-2012 signature over the DER SET OF signed attributes
 * verifies with the signer certificate's public key. What it does not check: the certificate chain up to a trusted
 * root, revocation, or certificate policies (call {@link verifyCertificateSignature} for one link of a chain).
 */
import { inspectCms, matchesSid } from './cms.js';
import { bytesToHex } from './der.js';
import { isCmsParseError } from './errors/CmsParseError.js';
import { gostCurveFor, gostVerify, streebog256, streebog512, type GostKeyBits } from './gost.js';
import { Oid } from './oids.js';
import type { CertificateInfo, CmsInfo, CmsSignerInfo } from './types.js';

/** Stable reasons a signature is not accepted; `reason` carries the human-readable detail. */
export type SignatureProblem =
  /** The input is not a readable CMS SignedData (`reason` has the CmsParseError code). */
  | 'CMS_UNREADABLE'
  /** SignedData without any SignerInfo. */
  | 'NO_SIGNER'
  /** Detached signature and no content given to check it against. */
  | 'NO_CONTENT'
  /** Attached content differs from the `detachedContent` the caller expected. */
  | 'CONTENT_MISMATCH'
  /** No certificate in the CMS (or given) matches the signer identifier. */
  | 'SIGNER_CERT_MISSING'
  /** The signer's key is not GOST R 34.10-2012, or its curve is not supported here. */
  | 'UNSUPPORTED_KEY'
  /** The digest algorithm is not the Streebog that goes with the key size. */
  | 'UNSUPPORTED_DIGEST'
  /** Signed attributes lack messageDigest (CAdES requires it). */
  | 'NO_MESSAGE_DIGEST'
  /** messageDigest differs from the digest of the content: the content was changed. */
  | 'DIGEST_MISMATCH'
  /** The contentType attribute differs from eContentType. */
  | 'CONTENT_TYPE_MISMATCH'
  /** The signature value does not verify with the signer's public key. */
  | 'SIGNATURE_INVALID'
  /** verifyCertificateSignature: the certificate names another issuer than the one given. */
  | 'ISSUER_MISMATCH'
  /** The signer certificate was not valid at the time given in `at`. */
  | 'CERT_NOT_VALID_AT_TIME';

export interface SignatureVerification {
  valid: boolean;
  /** Set when `valid` is false. */
  code?: SignatureProblem;
  /** Set when `valid` is false: what exactly failed, in English, for logs and API error details. */
  reason?: string;
  /** The signer's certificate, when it was found. */
  signer?: CertificateInfo;
}

export interface VerifyCmsOptions {
  /** The signed content for a detached signature; for an attached one, the content it must contain. */
  detachedContent?: Uint8Array;
  /** Certificates to look the signer up in besides those inside the CMS. */
  extraCertificates?: readonly CertificateInfo[];
  /** When set, the signer certificate must be within its validity period at this time. */
  at?: Date;
}

const failure = (code: SignatureProblem, reason: string, signer?: CertificateInfo): SignatureVerification =>
  signer ? { valid: false, code, reason, signer } : { valid: false, code, reason };

/**
 * Verifies a CMS SignedData (DER/BER bytes, base64, or an already inspected {@link CmsInfo}). All signers must
 * verify. Never throws for bad input: an unreadable signature is `{ valid: false, code: 'CMS_UNREADABLE' }`.
 */
export async function verifyCmsSignature(
  input: Uint8Array | string | CmsInfo,
  options: VerifyCmsOptions = {},
): Promise<SignatureVerification> {
  let info: CmsInfo;
  try {
    info = isCmsInfo(input) ? input : inspectCms(input);
  } catch (error) {
    if (isCmsParseError(error)) return failure('CMS_UNREADABLE', `${error.code}: ${error.message}`);
    throw error;
  }
  if (info.signers.length === 0) return failure('NO_SIGNER', 'SignedData has no SignerInfo');

  let content: Uint8Array;
  if (info.content !== undefined) {
    if (options.detachedContent !== undefined && !bytesEqual(info.content, options.detachedContent)) {
      return failure('CONTENT_MISMATCH', 'the attached content is not the expected document');
    }
    content = info.content;
  } else if (options.detachedContent !== undefined) {
    content = options.detachedContent;
  } else {
    return failure('NO_CONTENT', 'detached signature: the signed content must be given to verify it');
  }

  let first: SignatureVerification | undefined;
  for (const [index, signer] of info.signers.entries()) {
    const result = verifySigner(info, signer, content, options);
    if (!result.valid) {
      return info.signers.length > 1 ? { ...result, reason: `signer ${index + 1}: ${result.reason}` } : result;
    }
    first ??= result;
  }
  return first!;
}

function verifySigner(info: CmsInfo, signer: CmsSignerInfo, content: Uint8Array, options: VerifyCmsOptions): SignatureVerification {
  const certificate = signer.certificate ?? findExtraCertificate(signer, options.extraCertificates);
  if (!certificate) {
    const who = 'subjectKeyIdentifier' in signer.sid ? `key id ${signer.sid.subjectKeyIdentifier}` : `serial ${signer.sid.serialNumber} of ${signer.sid.issuer.text}`;
    return failure('SIGNER_CERT_MISSING', `no certificate for the signer (${who})`);
  }
  const bits = keyBits(certificate);
  if (bits === undefined) {
    return failure('UNSUPPORTED_KEY', `signer key ${certificate.keyAlgorithmOid} is not GOST R 34.10-2012`, certificate);
  }
  if (!gostCurveFor(bits, certificate.publicKeyParamSetOid)) {
    return failure('UNSUPPORTED_KEY', `curve ${certificate.publicKeyParamSetOid} is not a ${bits}-bit GOST curve`, certificate);
  }
  const expectedDigest = bits === 256 ? Oid.streebog256 : Oid.streebog512;
  if (signer.digestAlgorithmOid !== expectedDigest) {
    return failure('UNSUPPORTED_DIGEST', `digest ${signer.digestAlgorithmOid} does not go with a ${bits}-bit GOST key (expected ${expectedDigest})`, certificate);
  }
  if (options.at && !(certificate.notBefore <= options.at && options.at <= certificate.notAfter)) {
    return failure('CERT_NOT_VALID_AT_TIME', `certificate valid ${certificate.notBefore.toISOString()} to ${certificate.notAfter.toISOString()}, not at ${options.at.toISOString()}`, certificate);
  }

  let signedBytes: Uint8Array;
  if (signer.signedAttrsDer) {
    if (!signer.messageDigest) return failure('NO_MESSAGE_DIGEST', 'signed attributes without messageDigest', certificate);
    const actual = bits === 256 ? streebog256(content) : streebog512(content);
    if (!bytesEqual(actual, signer.messageDigest)) {
      return failure('DIGEST_MISMATCH', `messageDigest ${bytesToHex(signer.messageDigest)} is not the digest of the content (${bytesToHex(actual)})`, certificate);
    }
    if (signer.contentTypeOid !== undefined && info.eContentTypeOid !== undefined && signer.contentTypeOid !== info.eContentTypeOid) {
      return failure('CONTENT_TYPE_MISMATCH', `contentType attribute ${signer.contentTypeOid} differs from eContentType ${info.eContentTypeOid}`, certificate);
    }
    signedBytes = signer.signedAttrsDer;
  } else {
    // Without signed attributes the signature covers the content itself (RFC 5652, 5.4).
    signedBytes = content;
  }

  if (!gostVerify(certificate.publicKey, signedBytes, signer.signature, bits, certificate.publicKeyParamSetOid)) {
    return failure('SIGNATURE_INVALID', 'the signature value does not verify with the signer certificate key', certificate);
  }
  return { valid: true, signer: certificate };
}

/**
 * Verifies that `issuer`'s key signed `certificate` (one link of a chain; names are compared too).
 * Does not look at validity periods, key usage or revocation.
 */
export async function verifyCertificateSignature(certificate: CertificateInfo, issuer: CertificateInfo): Promise<SignatureVerification> {
  const bits = keyBits(issuer);
  if (bits === undefined) return failure('UNSUPPORTED_KEY', `issuer key ${issuer.keyAlgorithmOid} is not GOST R 34.10-2012`, issuer);
  if (!gostCurveFor(bits, issuer.publicKeyParamSetOid)) {
    return failure('UNSUPPORTED_KEY', `curve ${issuer.publicKeyParamSetOid} is not a ${bits}-bit GOST curve`, issuer);
  }
  const expectedAlgorithm = bits === 256 ? Oid.signWithStreebog256 : Oid.signWithStreebog512;
  if (certificate.signatureAlgorithmOid !== expectedAlgorithm) {
    return failure('UNSUPPORTED_DIGEST', `signature algorithm ${certificate.signatureAlgorithmOid} does not go with a ${bits}-bit issuer key`, issuer);
  }
  if (certificate.issuer.text !== issuer.subject.text) {
    return failure('ISSUER_MISMATCH', `certificate issuer "${certificate.issuer.text}" is not "${issuer.subject.text}"`, issuer);
  }
  if (!gostVerify(issuer.publicKey, certificate.tbsDer, certificate.signatureValue, bits, issuer.publicKeyParamSetOid)) {
    return failure('SIGNATURE_INVALID', 'the certificate signature does not verify with the issuer key', issuer);
  }
  return { valid: true, signer: issuer };
}

function keyBits(certificate: CertificateInfo): GostKeyBits | undefined {
  if (certificate.keyAlgorithm === 'gost2012-256' && certificate.publicKey.length === 64) return 256;
  if (certificate.keyAlgorithm === 'gost2012-512' && certificate.publicKey.length === 128) return 512;
  return undefined;
}

function findExtraCertificate(signer: CmsSignerInfo, extra: readonly CertificateInfo[] | undefined): CertificateInfo | undefined {
  return extra?.find((cert) => matchesSid(cert, signer.sid));
}

function isCmsInfo(input: Uint8Array | string | CmsInfo): input is CmsInfo {
  return typeof input === 'object' && !(input instanceof Uint8Array) && 'signers' in input;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
