/**
 * The CMS SignedData reader (RFC 5652) for CAdES-BES signatures as CryptoPro and OpenSSL write them: DER or BER
 * with indefinite lengths, attached or detached, eContent possibly split into OCTET STRING chunks. It reads; it does
 * not verify (verify.ts needs the GOST primitives and stays out of the widget).
 *
 * One reader for every side: the widget checks what the plug-in produced with it, and `inspectCms` (cms.ts) is it
 * behind the public, CmsParseError-throwing face. It walks the bytes with ber.ts (no tree) and throws the
 * sentence-free {@link DerFault}.
 */
import { berChildren, checkBer, definiteForm, rememberingEnds, stringContent, type BerTlv } from './ber.js';
import { bytesToHex, certificateFromDer, decodeOid, decodeTime, latin1, nameFromDer, namesEqual } from './certificate-core.js';
import { DerFault, fault, shiftFault } from './fault.js';
import {
  OID_CONTENT_TYPE,
  OID_MESSAGE_DIGEST,
  OID_SIGNED_DATA,
  OID_SIGNING_CERTIFICATE,
  OID_SIGNING_CERTIFICATE_V2,
  OID_SIGNING_TIME,
} from './oids.js';
import type { CertificateInfo, CmsInfo, CmsSignerInfo, DistinguishedName } from './types.js';

/**
 * Reads a CMS SignedData from its DER/BER bytes. Throws DerFault: DER_TRUNCATED or DER_MALFORMED (the encoding),
 * CMS_NOT_SIGNED_DATA, CMS_MALFORMED (the structure), CERT_MALFORMED (an embedded certificate).
 */
export function readSignedData(der: Uint8Array): CmsInfo {
  return rememberingEnds(der, () => {
    const { root, indefinite } = checkBer(der);
    try {
      return walk(der, root, indefinite);
    } catch (error) {
      // The encoding was checked from end to end: what the walk meets below the certificate level is structure.
      if (error instanceof DerFault && error.code == 'DER_MALFORMED') fault('CMS_MALFORMED', error.message, error.offset);
      throw error;
    }
  });
}

function walk(bytes: Uint8Array, root: BerTlv, indefiniteLength: boolean): CmsInfo {
  const kids = (node: BerTlv | undefined, tag: number, what: string): BerTlv[] => berChildren(bytes, want(node, tag, what));
  const want = (node: BerTlv | undefined, tag: number, what: string): BerTlv =>
    node?.tag === tag ? node : fault('CMS_MALFORMED', `${what}: expected tag ${tag}`, node?.at);
  const oid = (node: BerTlv | undefined, what: string): string => decodeOid(stringContent(bytes, want(node, 6, what)), node!.at);
  const octets = (node: BerTlv | undefined, what: string): Uint8Array =>
    stringContent(bytes, node?.tag === 0x24 ? node : want(node, 4, what));
  const integer = (node: BerTlv | undefined, what: string): Uint8Array => {
    const value = bytes.subarray(want(node, 2, what).start, node!.end);
    if (!value.length) fault('CMS_MALFORMED', `${what}: empty INTEGER`, node!.at);
    return value;
  };
  const small = (node: BerTlv | undefined, what: string): number => {
    const value = integer(node, what);
    if (value.length > 6 || value[0]! > 127) fault('CMS_MALFORMED', `${what}: not a small non-negative INTEGER`, node!.at);
    return value.reduce((total, b) => total * 256 + b, 0);
  };
  const algorithm = (node: BerTlv | undefined, what: string): string => oid(kids(node, 0x30, what)[0], what);
  /** A Name, read in its DER form (a BER message may write even a Name with indefinite lengths). */
  const name = (node: BerTlv | undefined, what: string): DistinguishedName => {
    try {
      return nameFromDer(definiteForm(bytes, want(node, 0x30, what)));
    } catch (error) {
      // Here the Name is part of the message's structure.
      throw error instanceof DerFault ? new DerFault('CMS_MALFORMED', `${what}: ${error.message}`, node!.at + (error.offset ?? 0)) : error;
    }
  };

  const [contentType, explicit] = kids(root, 0x30, 'ContentInfo');
  const contentTypeOid = oid(contentType, 'contentType');
  if (contentTypeOid != OID_SIGNED_DATA) fault('CMS_NOT_SIGNED_DATA', `contentType is ${contentTypeOid}`, root.at);
  const fields = kids(kids(explicit, 0xa0, 'SignedData [0]')[0], 0x30, 'SignedData');
  small(fields[0], 'SignedData version');
  const digestAlgorithmOids = kids(fields[1], 0x31, 'digestAlgorithms').map((node) => algorithm(node, 'digestAlgorithms'));
  const [eContentType, eContent] = kids(fields[2], 0x30, 'encapContentInfo');
  const eContentTypeOid = oid(eContentType, 'eContentType');
  const content = eContent && octets(kids(eContent, 0xa0, 'eContent [0]')[0], 'eContent');

  let i = 3;
  const certificates: CertificateInfo[] = [];
  if (fields[i]?.tag == 0xa0) {
    for (const choice of berChildren(bytes, fields[i++]!)) {
      // Only plain X.509 certificates; attribute certificates and the like ([1]..[3]) are skipped.
      if (choice.tag == 0x30) certificates.push(certificate(bytes, choice));
    }
  }
  if (fields[i]?.tag == 0xa1) i++; // CRLs: not needed to inspect a signature.
  const findCertificate = certificateIndex(certificates);

  const signers = kids(fields[i], 0x31, 'signerInfos').map((node): CmsSignerInfo => {
    const [version, sidNode, digest, ...rest] = kids(node, 0x30, 'SignerInfo');
    const sid: CmsSignerInfo['sid'] =
      sidNode?.tag == 0x80 // [0] IMPLICIT SubjectKeyIdentifier: an OCTET STRING under another tag
        ? { subjectKeyIdentifier: bytesToHex(bytes.subarray(sidNode.start, sidNode.end)) }
        : (([issuer, serial]) => ({ issuer: name(issuer, 'sid issuer'), serialNumber: bytesToHex(integer(serial, 'sid serialNumber')) }))(
            kids(sidNode, 0x30, 'issuerAndSerialNumber'),
          );
    const signer: CmsSignerInfo = {
      version: small(version, 'SignerInfo version'),
      sid,
      digestAlgorithmOid: algorithm(digest, 'SignerInfo digestAlgorithm'),
      signatureAlgorithmOid: '',
      signature: new Uint8Array(0),
      hasSigningCertificateAttr: false,
    };
    const signedAttrs = rest[0]?.tag == 0xa0 ? rest.shift()! : undefined;
    if (signedAttrs) {
      // The signature covers the DER of the attributes as a SET OF (0x31), not the [0] IMPLICIT (0xA0) they travel as.
      signer.signedAttrsDer = definiteForm(bytes, signedAttrs, 0x31).slice();
      for (const attribute of berChildren(bytes, signedAttrs)) {
        const [typeNode, values] = kids(attribute, 0x30, 'signed attribute');
        const type = oid(typeNode, 'signed attribute type');
        const first = kids(values, 0x31, `signed attribute ${type} values`)[0];
        if (type == OID_MESSAGE_DIGEST) signer.messageDigest = octets(first, 'messageDigest').slice();
        else if (type == OID_CONTENT_TYPE) signer.contentTypeOid = oid(first, 'contentType attribute');
        else if (type == OID_SIGNING_TIME) {
          const utc = first?.tag == 23;
          signer.signingTime =
            ((utc || first?.tag == 24) && decodeTime(latin1(stringContent(bytes, first!)), utc)) ||
            fault('CMS_MALFORMED', 'signingTime: not a valid time', first?.at);
        } else if (type == OID_SIGNING_CERTIFICATE || type == OID_SIGNING_CERTIFICATE_V2) signer.hasSigningCertificateAttr = true;
      }
    }
    signer.signatureAlgorithmOid = algorithm(rest[0], 'signatureAlgorithm');
    signer.signature = octets(rest[1], 'signature').slice();
    const found = findCertificate(sid);
    if (found) signer.certificate = found;
    return signer;
  });

  const info: CmsInfo = {
    contentTypeOid,
    isSignedData: true,
    indefiniteLength,
    eContentTypeOid,
    attached: content !== undefined,
    digestAlgorithmOids,
    certificates,
    signers,
  };
  if (content) info.content = content;
  return info;
}

/**
 * One certificate of the message. X.509 is DER by definition (its thumbprint is the SHA-1 of that DER), so a
 * certificate the message wrote in BER, or any other bad encoding in it, is CERT_MALFORMED.
 */
function certificate(bytes: Uint8Array, node: BerTlv): CertificateInfo {
  try {
    return certificateFromDer(bytes.subarray(node.at, node.next));
  } catch (error) {
    const shifted = shiftFault(error, node.at);
    throw shifted instanceof DerFault && shifted.code == 'DER_MALFORMED' ? new DerFault('CERT_MALFORMED', shifted.message, shifted.offset) : shifted;
  }
}

type CertificateLookup = (sid: CmsSignerInfo['sid']) => CertificateInfo | undefined;

/**
 * Looks certificates up by serial number or key id through a map, so a hostile message with thousands of
 * certificates and signers costs one pass, not certificates × signers.
 */
function certificateIndex(certificates: readonly CertificateInfo[]): CertificateLookup {
  const byKey = new Map<string, CertificateInfo[]>();
  const keyOf = (sid: CmsSignerInfo['sid']): string =>
    'subjectKeyIdentifier' in sid ? `ski:${sid.subjectKeyIdentifier}` : `serial:${stripLeadingZeros(sid.serialNumber)}|${sid.issuer.text}`;
  const add = (key: string, cert: CertificateInfo): void => {
    const list = byKey.get(key);
    if (list) list.push(cert);
    else byKey.set(key, [cert]);
  };
  for (const cert of certificates) {
    add(keyOf({ issuer: cert.issuer, serialNumber: cert.serialNumber }), cert);
    if (cert.subjectKeyIdentifier !== undefined) add(keyOf({ subjectKeyIdentifier: cert.subjectKeyIdentifier }), cert);
  }
  return (sid) => byKey.get(keyOf(sid))?.find((cert) => matchesSid(cert, sid));
}

function stripLeadingZeros(hex: string): string {
  return hex.replace(/^(00)+(?=..)/, '');
}

/** Whether a certificate is the one a SignerIdentifier names. */
export function matchesSid(certificate: CertificateInfo, sid: CmsSignerInfo['sid']): boolean {
  if ('subjectKeyIdentifier' in sid) return certificate.subjectKeyIdentifier === sid.subjectKeyIdentifier;
  return stripLeadingZeros(certificate.serialNumber) === stripLeadingZeros(sid.serialNumber) && namesEqual(certificate.issuer, sid.issuer);
}
