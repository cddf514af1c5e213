/**
 * Public API of the certificate and CMS readers. Pure, synchronous, no dependencies: safe for the widget bundle.
 * GOST primitives and signature verification live in `./gost.js` and `./verify.js`, deliberately not re-exported.
 */
export type {
  CertificateInfo,
  CmsInfo,
  CmsPrefixInfo,
  CmsSignerInfo,
  DistinguishedName,
  KeyAlgorithm,
  NameAttribute,
} from './types.js';
export { CmsParseError, isCmsParseError, type CmsParseErrorCode } from './errors/CmsParseError.js';
export { base64PrefixToBytes, base64ToBytes, bytesToBase64, derFromInput, utf8Bytes } from './base64.js';
export {
  bytesToHex,
  concatBytes,
  DerNode,
  hexToBytes,
  parseDer,
  parseDerPrefix,
  readBitString,
  readIntegerHex,
  readOctetString,
  readOid,
  readString,
  readTime,
  TagClass,
  UniversalTag,
  type DerParseOptions,
  type DerPrefix,
} from './der.js';
export { encodeLength, encodeTlv, reencodeDefinite } from './der-encode.js';
export { certificateFromNode, formatName, isCertificateValidAt, namesEqual, parseCertificate, readName } from './x509.js';
export { inspectCms, inspectCmsPrefix, matchesSid, type InspectCmsPrefixOptions } from './cms.js';
export {
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOgrnip,
  isValidOgrnOrOgrnip,
  isValidSnils,
  legalEntityInnOf,
  personalInnOf,
} from './identifiers.js';
export { digestOidForKey, nameAttributeShortNames, Oid } from './oids.js';
export { sha1 } from './sha1.js';
