import { SHORT_NAMES } from './certificate-core.js';

// The ones the CMS reader needs, as plain constants: a bundle that only inspects CMS then ships these, not `Oid`.
export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
export const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
export const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
export const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

/** Object identifiers the readers and verifiers name. Dotted strings, as {@link readOid} returns them. */
export const Oid = {
  // CMS (RFC 5652)
  data: '1.2.840.113549.1.7.1',
  signedData: OID_SIGNED_DATA,
  contentType: OID_CONTENT_TYPE,
  messageDigest: OID_MESSAGE_DIGEST,
  signingTime: OID_SIGNING_TIME,
  /** ESS signingCertificate (v1, SHA-1) and v2 (RFC 5035), required by CAdES-BES. */
  signingCertificate: OID_SIGNING_CERTIFICATE,
  signingCertificateV2: OID_SIGNING_CERTIFICATE_V2,

  // GOST R 34.10 public keys
  gost2012_256: '1.2.643.7.1.1.1.1',
  gost2012_512: '1.2.643.7.1.1.1.2',
  gost2001: '1.2.643.2.2.19',
  // GOST R 34.11-2012 (Streebog) digests and GOST R 34.11-94
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  gostR3411_94: '1.2.643.2.2.9',
  // Signature algorithms: GOST R 34.10-2012 with GOST R 34.11-2012
  signWithStreebog256: '1.2.643.7.1.1.3.2',
  signWithStreebog512: '1.2.643.7.1.1.3.3',
  signGost2001WithGost94: '1.2.643.2.2.3',

  // X.500 attribute types (RFC 5280 / RFC 4519)
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumberAttr: '2.5.4.5',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  stateOrProvinceName: '2.5.4.8',
  streetAddress: '2.5.4.9',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  title: '2.5.4.12',
  givenName: '2.5.4.42',
  emailAddress: '1.2.840.113549.1.9.1',
  // Russian qualified-certificate attributes (Приказ ФСБ № 795)
  inn: '1.2.643.3.131.1.1',
  ogrn: '1.2.643.100.1',
  snils: '1.2.643.100.3',
  innLe: '1.2.643.100.4',
  ogrnip: '1.2.643.100.5',

  // Certificate extensions
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

/** Short names for distinguished-name attributes, as CryptoPro and the spec print them. */
export const nameAttributeShortNames: Readonly<Record<string, string>> = SHORT_NAMES;

/** Digest OID for a GOST public-key OID: the hash GOST R 34.10 signatures with that key use. */
export function digestOidForKey(keyOid: string): string | undefined {
  if (keyOid === Oid.gost2012_256) return Oid.streebog256;
  if (keyOid === Oid.gost2012_512) return Oid.streebog512;
  if (keyOid === Oid.gost2001) return Oid.gostR3411_94;
  return undefined;
}
