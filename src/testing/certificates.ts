/**
 * Test certificates: a GOST R 34.10-2012 test CA and end-entity certificates with any Russian subject fields,
 * validity and string types, signed for real so that OpenSSL's GOST engine accepts them.
 */
import type { CertificateInfo, KeyAlgorithm } from '../cms/types.js';
import { generateGostKeyPair, gostSign, type GostKeyBits, type GostKeyPair } from '../cms/gost.js';
import { DEFAULT_CURVE_OID } from '../cms/gost/curves.js';
import { bytesToBase64 } from '../cms/base64.js';
import { bytesToHex, concatBytes } from '../cms/der.js';
import { sha1 } from '../cms/sha1.js';
import {
  bitString, boolean, explicit, integer, integerFromBytes, namedBits, nullValue, octetString, oid, sequence, string,
  time,
} from './der-writer.js';
import { cryptoProNameString, encodeName, toDistinguishedName, type StringTypes, type TestSubject } from './names.js';
import { OID } from './oids.js';
import { createCaSigner, type CaSigner } from './ca-signer.js';

export type { TestSubject, StringTypes } from './names.js';

const DAY = 24 * 60 * 60 * 1000;

/** A certificate the helpers made, in every form a test needs. */
export interface TestCertificate {
  der: Uint8Array;
  base64: string;
  pem: string;
  /** SHA-1 of the DER, uppercase hex (CryptoPro's `Thumbprint`). */
  thumbprint: string;
  info: CertificateInfo;
  subject: TestSubject;
  /** CryptoPro's one-line `SubjectName`, e.g. "…, CN=Романова Анна Сергеевна, …, C=RU". */
  subjectName: string;
  issuerName: string;
  keyBits: GostKeyBits;
  /** The curve (publicKeyParamSet OID) of a GOST key; absent means the default (CryptoPro-A / TC26 512 A). */
  curveOid?: string;
  /** False for the `notGost` certificates (an RSA public key nobody holds the private key of). */
  gost: boolean;
  /** The GOST private key (little-endian scalar) when the certificate was made `withPrivateKey`. */
  privateKey?: Uint8Array;
  /** The issuing CA (absent on a CA's own certificate when it is self-signed). */
  issuer?: TestCa;
}

/** A certification authority that can issue test certificates. */
export interface TestCa extends TestCertificate {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface CreateTestCaOptions {
  subject?: TestSubject;
  /** Issue an intermediate CA under this one instead of a self-signed root. */
  issuer?: TestCa;
  notBefore?: Date;
  notAfter?: Date;
  keyBits?: GostKeyBits;
  /** The key's curve by parameter-set OID (any of src/cms/gost/curves.ts of the key size). */
  curveOid?: string;
}

export interface CreateTestCertificateOptions {
  subject: TestSubject;
  /** Defaults to the process-wide test root CA (`getDefaultTestCa()`). */
  issuer?: TestCa;
  /** Default: 30 days ago. */
  notBefore?: Date;
  /** Default: one year after notBefore. */
  notAfter?: Date;
  /** Keep the private key with the certificate (default true). */
  withPrivateKey?: boolean;
  /** ASN.1 string type per attribute; defaults: C Printable, E IA5, INN/OGRN/… Numeric, the rest UTF8. */
  stringTypes?: StringTypes;
  keyBits?: GostKeyBits;
  /** The key's curve by parameter-set OID (any of src/cms/gost/curves.ts of the key size). */
  curveOid?: string;
  /** Put a (made-up) RSA public key in the certificate instead of a GOST one. */
  notGost?: boolean;
  /** Reuse a key pair (bulk creation: generating keys dominates the cost). */
  keyPair?: GostKeyPair;
  /** Serial number as big-endian bytes; default random 16 bytes. */
  serialNumber?: Uint8Array;
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

function randomSerial(): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] as number) & 0x7f) | 0x01; // positive, and no leading zero byte to strip
  return serial;
}

/** SubjectPublicKeyInfo of a GOST R 34.10-2012 key (little-endian X ‖ Y) on the curve `curveOid`. */
export function gostKeyInfo(publicKey: Uint8Array, bits: GostKeyBits, curveOid: string): Uint8Array {
  // The CryptoPro curves of 256-bit keys name the digest too; the TC26 ones omit it (RFC 9215, 4.1).
  const params = curveOid.startsWith('1.2.643.2.2.')
    ? sequence(oid(curveOid), oid(OID.streebog256))
    : sequence(oid(curveOid));
  return sequence(
    sequence(oid(bits === 256 ? OID.gost2012_256 : OID.gost2012_512), params),
    bitString(octetString(publicKey)),
  );
}

/** A syntactically valid RSA-2048 public key with a random modulus: enough to be listed, never to sign. */
function rsaKeyInfo(): { spki: Uint8Array; publicKey: Uint8Array } {
  const modulus = randomBytes(256);
  modulus[0] = (modulus[0] as number) | 0x80;
  modulus[255] = (modulus[255] as number) | 0x01;
  const publicKey = sequence(integerFromBytes(modulus), integer(65537));
  return { spki: sequence(sequence(oid(OID.rsaEncryption), nullValue()), bitString(publicKey)), publicKey };
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

function toPem(der: Uint8Array): string {
  const b64 = bytesToBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

interface IssueParams {
  subject: TestSubject;
  stringTypes: StringTypes;
  issuerSubject: TestSubject;
  issuerSign: CaSigner;
  issuerKeyBits: GostKeyBits;
  issuerKeyId: Uint8Array | undefined;
  spki: Uint8Array;
  subjectPublicKey: Uint8Array;
  keyAlgorithm: KeyAlgorithm;
  keyAlgorithmOid: string;
  /** The curve of a GOST subject key, as the parser reports it (absent for the RSA `notGost` key). */
  publicKeyParamSetOid: string | undefined;
  notBefore: Date;
  notAfter: Date;
  serial: Uint8Array;
  isCa: boolean;
}

interface Issued {
  der: Uint8Array;
  info: CertificateInfo;
  subjectKeyId: Uint8Array;
}

function issue(p: IssueParams): Issued {
  // RFC 5280 method 1: SHA-1 of the subjectPublicKey BIT STRING contents.
  const subjectKeyId = sha1(p.keyAlgorithm === 'other' ? p.subjectPublicKey : octetString(p.subjectPublicKey));
  const extensions: Uint8Array[] = [];
  if (p.isCa) {
    extensions.push(extension(OID.basicConstraints, true, sequence(boolean(true))));
    extensions.push(extension(OID.keyUsage, true, namedBits([0, 5, 6])));
  } else {
    extensions.push(extension(OID.keyUsage, true, namedBits([0, 1, 2])));
    extensions.push(extension(OID.extKeyUsage, false, sequence(oid(OID.clientAuth), oid(OID.emailProtection))));
    extensions.push(extension(OID.certificatePolicies, false, sequence(sequence(oid(OID.policyKc1)))));
    extensions.push(extension(OID.subjectSignTool, false, string('СКЗИ «КриптоПро CSP» (версия 5.0) — тестовый')));
  }
  extensions.push(extension(OID.subjectKeyIdentifier, false, octetString(subjectKeyId)));
  if (p.issuerKeyId) {
    extensions.push(extension(OID.authorityKeyIdentifier, false, sequence(tlvImplicitPrimitive0(p.issuerKeyId))));
  }

  const sigAlgOid = p.issuerKeyBits === 256 ? OID.signWithStreebog256 : OID.signWithStreebog512;
  const sigAlg = sequence(oid(sigAlgOid));
  const tbs = sequence(
    explicit(0, integer(2)),
    integerFromBytes(p.serial),
    sigAlg,
    // CAs always use the default string types, so the issuer encodes byte-for-byte like the CA's subject.
    encodeName(p.issuerSubject),
    sequence(time(p.notBefore), time(p.notAfter)),
    encodeName(p.subject, p.stringTypes),
    p.spki,
    explicit(3, sequence(...extensions)),
  );
  const signature = p.issuerSign(tbs);
  const der = sequence(tbs, sigAlg, bitString(signature));
  const serialNumber = bytesToHex(p.serial.subarray(p.serial.findIndex((b) => b !== 0)));
  const info: CertificateInfo = {
    der,
    subject: toDistinguishedName(p.subject),
    issuer: toDistinguishedName(p.issuerSubject),
    serialNumber,
    notBefore: truncateToSeconds(p.notBefore),
    notAfter: truncateToSeconds(p.notAfter),
    thumbprint: bytesToHex(sha1(der)),
    keyAlgorithm: p.keyAlgorithm,
    keyAlgorithmOid: p.keyAlgorithmOid,
    publicKey: p.subjectPublicKey,
    tbsDer: tbs,
    signatureAlgorithmOid: sigAlgOid,
    signatureValue: signature,
    keyUsage: p.isCa ? ['digitalSignature', 'keyCertSign', 'cRLSign'] : ['digitalSignature', 'nonRepudiation', 'keyEncipherment'],
    subjectKeyIdentifier: bytesToHex(subjectKeyId).toLowerCase(),
  };
  if (!p.isCa) info.extendedKeyUsage = [OID.clientAuth, OID.emailProtection];
  if (p.publicKeyParamSetOid) info.publicKeyParamSetOid = p.publicKeyParamSetOid;
  return { der, info, subjectKeyId };
}

/** [0] IMPLICIT OCTET STRING (keyIdentifier of AuthorityKeyIdentifier). */
function tlvImplicitPrimitive0(bytes: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(0x80, bytes.length), bytes]);
}

function truncateToSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

const caKeyIds = new WeakMap<TestCa, Uint8Array>();
const caSigners = new WeakMap<TestCa, CaSigner>();

/** The CA's certificate signer (fixed nonce: see ca-signer.ts), made on first use. */
function caSignerOf(ca: TestCa): CaSigner {
  let signer = caSigners.get(ca);
  if (!signer) {
    signer = createCaSigner(ca.privateKey, ca.keyBits, ca.curveOid);
    caSigners.set(ca, signer);
  }
  return signer;
}

export const DEFAULT_CA_SUBJECT: TestSubject = {
  CN: 'Тестовый УЦ ofd-signer',
  O: 'ofd-signer (тестовый удостоверяющий центр)',
  C: 'RU',
  L: 'Москва',
  INNLE: '7700000009',
  OGRN: '1027700000004',
};

/** Creates a GOST 2012-256 certification authority (self-signed root, or intermediate under `issuer`). */
export function createTestCa(options: CreateTestCaOptions = {}): TestCa {
  const keyBits = options.keyBits ?? 256;
  const curveOid = options.curveOid ?? DEFAULT_CURVE_OID[keyBits];
  const keys = generateGostKeyPair(keyBits, curveOid);
  const subject = { ...(options.subject ?? DEFAULT_CA_SUBJECT) };
  const now = Date.now();
  const parent = options.issuer;
  const issued = issue({
    subject,
    stringTypes: {},
    issuerSubject: parent ? parent.subject : subject,
    issuerSign: parent ? caSignerOf(parent) : (data) => gostSign(keys.privateKey, data, keyBits, curveOid),
    issuerKeyBits: parent ? parent.keyBits : keyBits,
    issuerKeyId: parent ? caKeyIds.get(parent) : undefined,
    spki: gostKeyInfo(keys.publicKey, keyBits, curveOid),
    subjectPublicKey: keys.publicKey,
    keyAlgorithm: keyBits === 256 ? 'gost2012-256' : 'gost2012-512',
    keyAlgorithmOid: keyBits === 256 ? OID.gost2012_256 : OID.gost2012_512,
    publicKeyParamSetOid: curveOid,
    notBefore: options.notBefore ?? new Date(now - 365 * DAY),
    notAfter: options.notAfter ?? new Date(now + 10 * 365 * DAY),
    serial: randomSerial(),
    isCa: true,
  });
  const ca: TestCa = {
    ...describe(issued, subject, parent ? parent.subject : subject, keyBits, curveOid, true),
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
  };
  if (parent) ca.issuer = parent;
  caKeyIds.set(ca, issued.subjectKeyId);
  return ca;
}

let defaultCa: TestCa | undefined;

/** The process-wide test root CA, created on first use and reused (key generation is the slow part). */
export function getDefaultTestCa(): TestCa {
  defaultCa ??= createTestCa();
  return defaultCa;
}

function describe(
  issued: Issued,
  subject: TestSubject,
  issuerSubject: TestSubject,
  keyBits: GostKeyBits,
  curveOid: string,
  gost: boolean,
): TestCertificate {
  return {
    der: issued.der,
    base64: bytesToBase64(issued.der),
    pem: toPem(issued.der),
    thumbprint: issued.info.thumbprint,
    info: issued.info,
    subject,
    subjectName: cryptoProNameString(subject),
    issuerName: cryptoProNameString(issuerSubject),
    keyBits,
    curveOid,
    gost,
  };
}

/** Issues an end-entity certificate (GOST 2012-256 by default) signed by `issuer` or the default test CA. */
export function createTestCertificate(options: CreateTestCertificateOptions): TestCertificate {
  const issuer = options.issuer ?? getDefaultTestCa();
  const keyBits = options.keyBits ?? 256;
  const curveOid = options.curveOid ?? DEFAULT_CURVE_OID[keyBits];
  const notBefore = options.notBefore ?? new Date(Date.now() - 30 * DAY);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 365 * DAY);
  const subject = { ...options.subject };
  let keys: GostKeyPair | undefined;
  let spki: Uint8Array;
  let subjectPublicKey: Uint8Array;
  if (options.notGost) {
    const rsa = rsaKeyInfo();
    spki = rsa.spki;
    subjectPublicKey = rsa.publicKey;
  } else {
    keys = options.keyPair ?? generateGostKeyPair(keyBits, curveOid);
    spki = gostKeyInfo(keys.publicKey, keyBits, curveOid);
    subjectPublicKey = keys.publicKey;
  }
  const issued = issue({
    subject,
    stringTypes: options.stringTypes ?? {},
    issuerSubject: issuer.subject,
    issuerSign: caSignerOf(issuer),
    issuerKeyBits: issuer.keyBits,
    issuerKeyId: caKeyIds.get(issuer),
    spki,
    subjectPublicKey,
    keyAlgorithm: options.notGost ? 'other' : keyBits === 256 ? 'gost2012-256' : 'gost2012-512',
    keyAlgorithmOid: options.notGost ? OID.rsaEncryption : keyBits === 256 ? OID.gost2012_256 : OID.gost2012_512,
    publicKeyParamSetOid: options.notGost ? undefined : curveOid,
    notBefore,
    notAfter,
    serial: options.serialNumber ?? randomSerial(),
    isCa: false,
  });
  const cert = describe(issued, subject, issuer.subject, keyBits, curveOid, !options.notGost);
  cert.issuer = issuer;
  if (keys && options.withPrivateKey !== false) cert.privateKey = keys.privateKey;
  return cert;
}

/**
 * Many certificates at once (e.g. a benchmark listing 1,000): one key pair shared by all, the default CA,
 * a numbered subject. Each still carries a real CA signature.
 */
export function createTestCertificates(
  count: number,
  template: Omit<CreateTestCertificateOptions, 'keyPair'> = { subject: {} },
): TestCertificate[] {
  const keyPair = template.notGost ? undefined : generateGostKeyPair(template.keyBits ?? 256, template.curveOid);
  const certs: TestCertificate[] = [];
  for (let i = 1; i <= count; i++) {
    const subject: TestSubject = { ...template.subject };
    const cn = template.subject.CN ?? 'Тестовый владелец';
    subject.CN = count > 1 ? `${cn} №${i}` : cn;
    certs.push(createTestCertificate({ ...template, subject, ...(keyPair ? { keyPair } : {}) }));
  }
  return certs;
}

/** The chain from `certificate` up to its root, end-entity first. */
export function chainOf(certificate: TestCertificate): TestCertificate[] {
  const chain: TestCertificate[] = [certificate];
  for (let c = certificate.issuer; c; c = c.issuer) chain.push(c);
  return chain;
}
