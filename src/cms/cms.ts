/**
 * CMS SignedData reader (RFC 5652) for CAdES-BES signatures as CryptoPro and OpenSSL write them:
 * DER or BER with indefinite lengths, attached or detached, eContent possibly split into OCTET STRING chunks.
 * It reads; it does not verify (see verify.ts, which needs the GOST primitives and stays out of the widget).
 */
import { base64PrefixToBytes, derFromInput } from './base64.js';
import {
  DerNode,
  expectUniversal,
  parseDer,
  parseDerPrefix,
  readIntegerHex,
  readOctetString,
  readOid,
  readSmallInteger,
  readTime,
  bytesToHex,
  concatBytes,
  type DerParseOptions,
} from './der.js';
import { reencodeDefinite } from './der-encode.js';
import { CmsParseError, isCmsParseError } from './errors/CmsParseError.js';
import {
  OID_CONTENT_TYPE,
  OID_MESSAGE_DIGEST,
  OID_SIGNED_DATA,
  OID_SIGNING_CERTIFICATE,
  OID_SIGNING_CERTIFICATE_V2,
  OID_SIGNING_TIME,
} from './oids.js';
import * as tag from './tags.js';
import type { CertificateInfo, CmsInfo, CmsPrefixInfo, CmsSignerInfo } from './types.js';
import { certificateFromNode, namesEqual, readName } from './x509.js';

export type InspectCmsOptions = DerParseOptions;

/**
 * Reads a CMS SignedData given as DER/BER bytes, base64 or PEM.
 * Throws {@link CmsParseError}: BASE64_INVALID, DER_TRUNCATED, DER_MALFORMED, CMS_NOT_SIGNED_DATA, CMS_MALFORMED,
 * CERT_MALFORMED (an embedded certificate is damaged).
 */
export function inspectCms(input: Uint8Array | string, options: InspectCmsOptions = {}): CmsInfo {
  const der = derFromInput(input);
  const root = parseDer(der, options);
  try {
    return readContentInfo(root);
  } catch (error) {
    throw asCmsError(error);
  }
}

/** Structural mistakes below the DER level are CMS_MALFORMED; everything else passes through. */
function asCmsError(error: unknown): unknown {
  if (isCmsParseError(error) && error.code === 'DER_MALFORMED') {
    return new CmsParseError('CMS_MALFORMED', error.message.replace(/^DER_MALFORMED: /, ''), {
      cause: error,
      ...(error.offset === undefined ? {} : { offset: error.offset }),
    });
  }
  return error;
}

function readContentInfo(root: DerNode): CmsInfo {
  expectUniversal(root, tag.SEQUENCE, 'ContentInfo');
  const contentTypeOid = readOid(root.children[0], 'contentType');
  if (contentTypeOid !== OID_SIGNED_DATA) {
    throw new CmsParseError('CMS_NOT_SIGNED_DATA', `contentType is ${contentTypeOid}`, { offset: root.offset });
  }
  const explicit = root.children[1];
  if (!explicit?.isContext(0) || !explicit.constructed) throw new CmsParseError('CMS_MALFORMED', 'SignedData content [0] is missing');
  const signedData = expectUniversal(explicit.children[0], tag.SEQUENCE, 'SignedData');

  const fields = signedData.children;
  readSmallInteger(fields[0], 'SignedData version');
  const digestAlgorithmOids = readAlgorithmSet(fields[1], 'digestAlgorithms');

  const encap = expectUniversal(fields[2], tag.SEQUENCE, 'encapContentInfo');
  const eContentTypeOid = readOid(encap.children[0], 'eContentType');
  const eContentExplicit = encap.children[1];
  let content: Uint8Array | undefined;
  if (eContentExplicit) {
    if (!eContentExplicit.isContext(0) || !eContentExplicit.constructed) {
      throw new CmsParseError('CMS_MALFORMED', `eContent: expected [0], found ${eContentExplicit.describe()}`, { offset: eContentExplicit.offset });
    }
    content = readOctetString(eContentExplicit.children[0], 'eContent');
  }

  let i = 3;
  const certificates: CertificateInfo[] = [];
  if (fields[i]?.isContext(0)) {
    for (const choice of fields[i]!.children) {
      // Only plain X.509 certificates; attribute certificates and the like ([1]..[3]) are skipped.
      if (choice.isUniversal(tag.SEQUENCE)) certificates.push(certificateFromNode(choice));
    }
    i++;
  }
  if (fields[i]?.isContext(1)) i++; // CRLs: not needed to inspect a signature.
  const signerInfos = expectUniversal(fields[i], tag.SET, 'signerInfos');
  const findCertificate = certificateIndex(certificates);
  const signers = signerInfos.children.map((node) => readSignerInfo(node, findCertificate));

  const info: CmsInfo = {
    contentTypeOid,
    isSignedData: true,
    indefiniteLength: root.usesIndefiniteLength,
    eContentTypeOid,
    attached: content !== undefined,
    digestAlgorithmOids,
    certificates,
    signers,
  };
  if (content !== undefined) info.content = content;
  return info;
}

function readAlgorithmSet(node: DerNode | undefined, what: string): string[] {
  return expectUniversal(node, tag.SET, what).children.map((alg) => readAlgorithm(alg, what));
}

function readAlgorithm(node: DerNode | undefined, what: string): string {
  return readOid(expectUniversal(node, tag.SEQUENCE, what).children[0], what);
}

type CertificateLookup = (sid: CmsSignerInfo['sid']) => CertificateInfo | undefined;

/**
 * Looks certificates up by serial number or key id through a map, so a hostile message with thousands of
 * certificates and signers costs one pass, not certificates × signers.
 */
function certificateIndex(certificates: readonly CertificateInfo[]): CertificateLookup {
  const byKey = new Map<string, CertificateInfo[]>();
  const add = (key: string, cert: CertificateInfo) => {
    const list = byKey.get(key);
    if (list) list.push(cert);
    else byKey.set(key, [cert]);
  };
  for (const cert of certificates) {
    add(`serial:${stripLeadingZeros(cert.serialNumber)}|${cert.issuer.text}`, cert);
    if (cert.subjectKeyIdentifier !== undefined) add(`ski:${cert.subjectKeyIdentifier}`, cert);
  }
  return (sid) => {
    const key = 'subjectKeyIdentifier' in sid ? `ski:${sid.subjectKeyIdentifier}` : `serial:${stripLeadingZeros(sid.serialNumber)}|${sid.issuer.text}`;
    return byKey.get(key)?.find((cert) => matchesSid(cert, sid));
  };
}

function readSignerInfo(node: DerNode, findCertificate: CertificateLookup): CmsSignerInfo {
  expectUniversal(node, tag.SEQUENCE, 'SignerInfo');
  const fields = node.children;
  const version = readSmallInteger(fields[0], 'SignerInfo version');
  const sidNode = fields[1];
  let sid: CmsSignerInfo['sid'];
  if (sidNode?.isContext(0)) {
    // [0] IMPLICIT SubjectKeyIdentifier: an OCTET STRING under another tag.
    sid = { subjectKeyIdentifier: bytesToHex(sidNode.content) };
  } else {
    const issuerAndSerial = expectUniversal(sidNode, tag.SEQUENCE, 'issuerAndSerialNumber');
    sid = {
      issuer: readName(issuerAndSerial.children[0], 'sid issuer'),
      serialNumber: readIntegerHex(issuerAndSerial.children[1], 'sid serialNumber'),
    };
  }
  const digestAlgorithmOid = readAlgorithm(fields[2], 'SignerInfo digestAlgorithm');
  let i = 3;
  const signer: CmsSignerInfo = {
    version,
    sid,
    digestAlgorithmOid,
    signatureAlgorithmOid: '',
    signature: new Uint8Array(0),
    hasSigningCertificateAttr: false,
  };
  const signedAttrs = fields[i];
  if (signedAttrs?.isContext(0)) {
    i++;
    readSignedAttributes(signedAttrs, signer);
  }
  signer.signatureAlgorithmOid = readAlgorithm(fields[i++], 'signatureAlgorithm');
  signer.signature = readOctetString(fields[i], 'signature').slice();

  const certificate = findCertificate(sid);
  if (certificate) signer.certificate = certificate;
  return signer;
}

function readSignedAttributes(node: DerNode, signer: CmsSignerInfo): void {
  // The signature covers the DER of the attributes as a SET OF (0x31), not the [0] IMPLICIT (0xA0) they travel as.
  signer.signedAttrsDer = reencodeDefinite(node, 0x31).slice();
  for (const attribute of node.children) {
    expectUniversal(attribute, tag.SEQUENCE, 'signed attribute');
    const type = readOid(attribute.children[0], 'signed attribute type');
    const values = expectUniversal(attribute.children[1], tag.SET, `signed attribute ${type} values`);
    const first = values.children[0];
    switch (type) {
      case OID_MESSAGE_DIGEST:
        signer.messageDigest = readOctetString(first, 'messageDigest').slice();
        break;
      case OID_CONTENT_TYPE:
        signer.contentTypeOid = readOid(first, 'contentType attribute');
        break;
      case OID_SIGNING_TIME:
        signer.signingTime = readTime(first, 'signingTime');
        break;
      case OID_SIGNING_CERTIFICATE:
      case OID_SIGNING_CERTIFICATE_V2:
        signer.hasSigningCertificateAttr = true;
        break;
      default:
        break;
    }
  }
}

function stripLeadingZeros(hex: string): string {
  return hex.replace(/^(00)+(?=..)/, '');
}

/** Whether a certificate is the one a SignerIdentifier names. */
export function matchesSid(certificate: CertificateInfo, sid: CmsSignerInfo['sid']): boolean {
  if ('subjectKeyIdentifier' in sid) return certificate.subjectKeyIdentifier === sid.subjectKeyIdentifier;
  return (
    stripLeadingZeros(certificate.serialNumber) === stripLeadingZeros(sid.serialNumber) &&
    namesEqual(certificate.issuer, sid.issuer)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Tolerant reading of truncated or damaged signatures.

export interface InspectCmsPrefixOptions extends DerParseOptions {
  /** How many bytes of eContent to return at most (default 64). */
  maxContentPrefix?: number;
}

/**
 * Reads as far as a truncated or partly damaged CMS allows and reports what it saw. Never throws for bad input:
 * a base64 string is read up to its first non-base64 character (so "MIAG....." works), PEM armour is honoured.
 * For a complete, valid input the report agrees with {@link inspectCms} and says `truncated: false`.
 */
export function inspectCmsPrefix(input: Uint8Array | string, options: InspectCmsPrefixOptions = {}): CmsPrefixInfo {
  const der = typeof input === 'string' && !input.includes('-----BEGIN') ? base64PrefixToBytes(input) : derFromInput(input);
  const prefix = parseDerPrefix(der, options);
  const info: CmsPrefixInfo = {
    truncated: prefix.truncated,
    inputLength: der.length,
    problems: [],
    indefiniteLength: prefix.root?.usesIndefiniteLength ?? false,
    digestAlgorithmOids: [],
    certificatesSeen: 0,
    signersSeen: 0,
  };
  if (prefix.stoppedBy) {
    info.stopCode = prefix.stoppedBy.code;
    info.stopReason = prefix.stoppedBy.message;
    if (prefix.stoppedBy.offset !== undefined) info.stoppedAt = prefix.stoppedBy.offset;
  }
  if (prefix.root) {
    try {
      walkPrefix(prefix.root, info, options.maxContentPrefix ?? 64);
    } catch (error) {
      // Values cut in the middle (a half OID) end the walk; what was gathered so far stands.
      if (!isCmsParseError(error)) throw error;
      info.problems.push(error.message);
    }
  }
  return info;
}

function walkPrefix(root: DerNode, info: CmsPrefixInfo, maxContentPrefix: number): void {
  const expect = (node: DerNode | undefined, ok: boolean, what: string): node is DerNode => {
    if (!node) return false;
    if (!ok) info.problems.push(`${what}: unexpected ${node.describe()}`);
    return ok;
  };
  // An element cut by the end of input cannot be decoded as a value; one that is complete can.
  const complete = (node: DerNode | undefined): node is DerNode => node !== undefined && !node.truncated;

  if (!expect(root, root.isUniversal(tag.SEQUENCE), 'ContentInfo')) return;
  const typeNode = root.children[0];
  if (!complete(typeNode) || !expect(typeNode, typeNode.isUniversal(tag.OID), 'contentType')) return;
  info.contentTypeOid = readOid(typeNode);
  info.isSignedData = info.contentTypeOid === OID_SIGNED_DATA;
  if (!info.isSignedData) return;

  const explicit = root.children[1];
  if (!expect(explicit, explicit?.isContext(0) === true, 'SignedData [0]')) return;
  const signedData = explicit.children[0];
  if (!expect(signedData, signedData?.isUniversal(tag.SEQUENCE) === true, 'SignedData')) return;
  const [versionNode, digestSet, encap, ...rest] = signedData.children;
  if (complete(versionNode) && expect(versionNode, versionNode.isUniversal(tag.INTEGER), 'version')) {
    info.version = readSmallInteger(versionNode);
  }

  if (digestSet && !digestSet.isUniversal(tag.SET)) info.problems.push(`digestAlgorithms: unexpected ${digestSet.describe()}`);
  if (digestSet?.isUniversal(tag.SET)) {
    for (const alg of digestSet.children) {
      const oid = alg.children[0];
      if (complete(oid) && oid.isUniversal(tag.OID)) info.digestAlgorithmOids.push(readOid(oid));
    }
  } else if (digestSet && !digestSet.truncated && !digestSet.constructed) {
    // A damaged tag (the 7.4 sample reads 0x17 where 0x31 belongs) may still hold readable AlgorithmIdentifiers.
    info.digestAlgorithmOids.push(...salvageAlgorithms(digestSet.content));
    if (info.digestAlgorithmOids.length > 0) info.problems.push('digestAlgorithms read from inside a damaged tag');
  }

  if (!expect(encap, encap?.isUniversal(tag.SEQUENCE) === true, 'encapContentInfo')) return;
  const eTypeNode = encap.children[0];
  if (!complete(eTypeNode) || !expect(eTypeNode, eTypeNode.isUniversal(tag.OID), 'eContentType')) return;
  info.eContentTypeOid = readOid(eTypeNode);
  const eContent = encap.children[1];
  if (eContent) {
    info.eContentPresent = eContent.isContext(0);
    if (info.eContentPresent) info.eContentPrefix = contentPrefix(eContent, maxContentPrefix);
  } else if (!encap.truncated) {
    info.eContentPresent = false;
  } else if (eTypeNode.end < root.input.length) {
    // The element after eContentType did not parse. Its first byte still tells: [0] is eContent,
    // 00 starts the end-of-contents of an indefinite encapContentInfo, so there is no eContent.
    const next = root.input[eTypeNode.end];
    if (next === 0xa0) info.eContentPresent = true;
    else if (next === 0x00) info.eContentPresent = false;
  }
  if (encap.truncated) return;

  let certificatesNode: DerNode | undefined;
  let signerInfosNode: DerNode | undefined;
  for (const node of rest) {
    if (node.isContext(0)) certificatesNode = node;
    else if (node.isUniversal(tag.SET)) signerInfosNode = node;
  }
  if (certificatesNode) {
    info.certificatesSeen = certificatesNode.children.length;
    const tbs = certificatesNode.children[0]?.children[0];
    const fields = tbs?.children ?? [];
    const serial = fields[0]?.isContext(0) ? fields[1] : fields[0];
    if (complete(serial) && serial.isUniversal(tag.INTEGER)) info.firstCertificateSerial = readIntegerHex(serial);
  }
  if (signerInfosNode) info.signersSeen = signerInfosNode.children.filter((n) => !n.truncated).length;
}

/** First bytes of eContent ([0] EXPLICIT OCTET STRING, maybe chunked, maybe cut), without throwing. */
function contentPrefix(explicit: DerNode, max: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const visit = (node: DerNode): void => {
    if (total >= max) return;
    if (!node.isUniversal(tag.OCTET_STRING)) return;
    if (node.constructed) {
      node.children.forEach(visit);
      return;
    }
    const part = node.content.subarray(0, max - total);
    parts.push(part);
    total += part.length;
  };
  explicit.children.forEach(visit);
  return concatBytes(parts);
}

/** AlgorithmIdentifier OIDs found by reading bytes as a run of SEQUENCEs; [] when they are not that. */
function salvageAlgorithms(bytes: Uint8Array): string[] {
  const found: string[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const prefix = parseDerPrefix(bytes.subarray(offset), { maxDepth: 4 });
    const oid = prefix.root?.children[0];
    if (!prefix.root || prefix.truncated || !prefix.root.isUniversal(tag.SEQUENCE) || !oid?.isUniversal(tag.OID)) break;
    found.push(readOid(oid));
    offset += prefix.root.end;
  }
  return found;
}
