/**
 * The public face of the CMS reader (signed-data.ts), and a tolerant reader for signatures that are cut off or
 * damaged, such as the samples printed in the OFD specification.
 */
import { base64PrefixToBytes, derFromInput } from './base64.js';
import { concatBytes, DerNode, parseDerPrefix, readIntegerHex, readOid, readSmallInteger, type DerParseOptions } from './der.js';
import { isCmsParseError, toCmsParseError } from './errors/CmsParseError.js';
import { OID_SIGNED_DATA } from './oids.js';
import { matchesSid, readSignedData } from './signed-data.js';
import * as tag from './tags.js';
import type { CmsInfo, CmsPrefixInfo } from './types.js';

/**
 * Reads a CMS SignedData given as DER/BER bytes, base64 or PEM (the walk is signed-data.ts's, which the widget uses
 * as it is). Throws {@link CmsParseError}: BASE64_INVALID, DER_TRUNCATED, DER_MALFORMED, CMS_NOT_SIGNED_DATA,
 * CMS_MALFORMED, CERT_MALFORMED (an embedded certificate is damaged).
 */
export function inspectCms(input: Uint8Array | string): CmsInfo {
  const der = derFromInput(input);
  try {
    return readSignedData(der);
  } catch (error) {
    throw toCmsParseError(error);
  }
}

export { matchesSid };

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
