/**
 * Shapes produced by the small DER/X.509/CMS readers in `src/cms`.
 * This file is the contract other parts build on: change it only together with its users.
 */

/** Key algorithm of a certificate, as far as signing in Russia cares. */
export type KeyAlgorithm = 'gost2012-256' | 'gost2012-512' | 'gost2001' | 'other';

/** One attribute of a distinguished name, in the order the certificate lists them. */
export interface NameAttribute {
  /** Dotted OID, e.g. '2.5.4.3'. */
  oid: string;
  /** Short name when known: CN, SN, G, T, O, OU, L, S, STREET, C, E, INN, OGRN, OGRNIP, SNILS, INNLE. */
  shortName?: string;
  /** Decoded text, whatever string type the CA used (UTF8, Printable, Numeric, IA5, BMP, Teletex). */
  value: string;
}

/**
 * A distinguished name with the Russian qualified-certificate attributes pulled out.
 * Only attributes present in the certificate are set.
 */
export interface DistinguishedName {
  CN?: string;
  /** Surname (2.5.4.4). */
  SN?: string;
  /** Given name and patronymic (2.5.4.42). */
  G?: string;
  /** Title / position (2.5.4.12). */
  T?: string;
  O?: string;
  OU?: string;
  L?: string;
  S?: string;
  STREET?: string;
  C?: string;
  E?: string;
  /** Personal INN, 12 digits (1.2.643.3.131.1.1). Some CAs wrote a company's 10-digit INN here. */
  INN?: string;
  /** OGRN of a legal entity, 13 digits (1.2.643.100.1). */
  OGRN?: string;
  /** OGRNIP of an individual entrepreneur, 15 digits (1.2.643.100.5). */
  OGRNIP?: string;
  /** SNILS, 11 digits (1.2.643.100.3). */
  SNILS?: string;
  /** INN of the legal entity, 10 digits (1.2.643.100.4). */
  INNLE?: string;
  /** Every attribute in certificate order, including those without a short name. */
  attributes: NameAttribute[];
  /** Human-readable one-line form, e.g. "CN=..., O=..., INN=...". */
  text: string;
}

export interface CertificateInfo {
  /** The certificate's DER bytes. */
  der: Uint8Array;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  /** Serial number as uppercase hex without leading zero bytes beyond DER's. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-1 over the DER, uppercase hex without separators (CryptoPro's `Thumbprint` form). */
  thumbprint: string;
  keyAlgorithm: KeyAlgorithm;
  /** OID of the subject public key algorithm. */
  keyAlgorithmOid: string;
  /** For GOST keys: the curve (publicKeyParamSet) OID from the key parameters, e.g. 1.2.643.2.2.35.1 (CryptoPro-A). */
  publicKeyParamSetOid?: string;
  /** Raw public key: for GOST the 64/128 bytes little-endian X ‖ Y (inner OCTET STRING of the BIT STRING). */
  publicKey: Uint8Array;
  /** DER of tbsCertificate, for verifying the issuer's signature. */
  tbsDer: Uint8Array;
  signatureAlgorithmOid: string;
  /** Raw certificate signature (BIT STRING contents without the unused-bits byte). */
  signatureValue: Uint8Array;
  /** Key usage bits when the extension is present, e.g. ['digitalSignature', 'nonRepudiation']. */
  keyUsage?: string[];
  /** Extended key usage OIDs when present. */
  extendedKeyUsage?: string[];
  /** Subject key identifier (hex) when present. */
  subjectKeyIdentifier?: string;
}

export interface CmsSignerInfo {
  version: number;
  /** How the signer names its certificate. */
  sid: { issuer: DistinguishedName; serialNumber: string } | { subjectKeyIdentifier: string };
  digestAlgorithmOid: string;
  signatureAlgorithmOid: string;
  /** Raw signature value (the OCTET STRING contents). */
  signature: Uint8Array;
  /** The signed attributes re-encoded as a DER SET OF (tag 0x31): the bytes the signature covers. */
  signedAttrsDer?: Uint8Array;
  /** messageDigest attribute, when present. */
  messageDigest?: Uint8Array;
  /** contentType attribute OID, when present. */
  contentTypeOid?: string;
  signingTime?: Date;
  /** True when a signingCertificateV2 (or v1) attribute is present. */
  hasSigningCertificateAttr: boolean;
  /** The certificate from `certificates` that matches `sid`, if included. */
  certificate?: CertificateInfo;
}

export interface CmsInfo {
  /** Outer contentType OID; '1.2.840.113549.1.7.2' for SignedData. */
  contentTypeOid: string;
  isSignedData: boolean;
  /** Whether the input used BER indefinite lengths anywhere. */
  indefiniteLength: boolean;
  /** eContentType OID (normally id-data 1.2.840.113549.1.7.1). */
  eContentTypeOid?: string;
  /** True when eContent is present (attached signature). */
  attached: boolean;
  /** The signed content for attached signatures; chunks of a constructed OCTET STRING are joined. */
  content?: Uint8Array;
  digestAlgorithmOids: string[];
  certificates: CertificateInfo[];
  signers: CmsSignerInfo[];
}

/**
 * What the tolerant reader (`inspectCmsPrefix`) saw of a CMS that may be truncated or partly damaged,
 * such as the shortened samples in the OFD specification. Fields are set only when the input got that far.
 */
export interface CmsPrefixInfo {
  /** True when the input ended, or broke, before the outer element did. */
  truncated: boolean;
  /** Input size in bytes. */
  inputLength: number;
  /** Why reading stopped (a CmsParseError code: DER_TRUNCATED for a plain cut, DER_MALFORMED for garbage). */
  stopCode?: string;
  /** Human-readable reason reading stopped, with the byte offset. */
  stopReason?: string;
  /** Byte offset where reading stopped. */
  stoppedAt?: number;
  /** Structural surprises met while walking what was readable (wrong tags and the like). */
  problems: string[];
  contentTypeOid?: string;
  isSignedData?: boolean;
  /** Whether the readable part used BER indefinite lengths. */
  indefiniteLength: boolean;
  /** SignedData version. */
  version?: number;
  digestAlgorithmOids: string[];
  eContentTypeOid?: string;
  /** True: eContent present (attached); false: absent (detached); undefined: the input ends before it could tell. */
  eContentPresent?: boolean;
  /** The first bytes of eContent that the input holds (chunks joined), at most `maxContentPrefix`. */
  eContentPrefix?: Uint8Array;
  /** Number of certificates whose beginning was seen. */
  certificatesSeen: number;
  /** Serial number (hex) of the first certificate, when that far was readable. */
  firstCertificateSerial?: string;
  /** Number of complete signer infos read. */
  signersSeen: number;
}
