/**
 * X.509 certificate reader (RFC 5280) with the Russian qualified-certificate attributes pulled out.
 * Synchronous, so the widget can parse the DER the plugin exports without awaiting anything.
 * The work is done by the lean DER walk of certificate-core.ts; this module is its public, CmsParseError-throwing face.
 */
import { derFromInput } from './base64.js';
import { certificateFromDer, nameFromDer } from './certificate-core.js';
import type { DerNode } from './der.js';
import { reencodeDefinite } from './der-encode.js';
import { CmsParseError, isCmsParseError, toCmsParseError } from './errors/CmsParseError.js';
import { shiftFault } from './fault.js';
import type { CertificateInfo, DistinguishedName } from './types.js';

export { formatName, namesEqual } from './certificate-core.js';

/**
 * Parses one certificate given as DER bytes, base64, or PEM.
 * Throws {@link CmsParseError}: BASE64_INVALID, DER_TRUNCATED, DER_MALFORMED (not DER at all) or CERT_MALFORMED
 * (DER, but not a certificate).
 */
export function parseCertificate(input: Uint8Array | string): CertificateInfo {
  try {
    return certificateFromDer(derFromInput(input));
  } catch (error) {
    throw toCmsParseError(error);
  }
}

/**
 * Reads a certificate from an already parsed element (e.g. one of a CMS message's certificates). A certificate is
 * DER by definition (its thumbprint is the SHA-1 of that DER), so indefinite lengths in it are CERT_MALFORMED.
 */
export function certificateFromNode(node: DerNode): CertificateInfo {
  try {
    return certificateFromDer(node.raw);
  } catch (error) {
    throw relabel(toCmsParseError(shiftFault(error, node.offset)), 'DER_MALFORMED', 'CERT_MALFORMED');
  }
}

/** Reads a Name (SEQUENCE OF RelativeDistinguishedName). Exported for the CMS reader's issuerAndSerialNumber. */
export function readName(node: DerNode | undefined, what = 'Name'): DistinguishedName {
  if (!node) throw new CmsParseError('DER_MALFORMED', `${what} is missing`);
  try {
    // A Name inside a BER message may itself use indefinite lengths: read its DER form.
    return nameFromDer(reencodeDefinite(node));
  } catch (error) {
    // Here the Name is part of a larger structure: a wrong shape is that structure's DER_MALFORMED.
    throw relabel(toCmsParseError(shiftFault(error, node.offset)), 'CERT_MALFORMED', 'DER_MALFORMED');
  }
}

function relabel(error: unknown, from: CmsParseError['code'], to: CmsParseError['code']): unknown {
  if (!isCmsParseError(error) || error.code !== from) return error;
  return new CmsParseError(to, error.message.replace(/^\w+: /, '').replace(/ \(at byte \d+\)$/, ''), { cause: error, offset: error.offset });
}

/** True when the certificate's validity period covers `at`. */
export function isCertificateValidAt(certificate: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, at: Date = new Date()): boolean {
  return certificate.notBefore.getTime() <= at.getTime() && at.getTime() <= certificate.notAfter.getTime();
}
