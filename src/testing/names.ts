/**
 * Distinguished names of test certificates: which OID and ASN.1 string type each Russian qualified-certificate
 * attribute uses, the DER encoding, and the one-line form CryptoPro's `SubjectName`/`IssuerName` return.
 */
import type { DistinguishedName, NameAttribute } from '../cms/types.js';
import { sequence, setOf, oid, string, type StringType } from './der-writer.js';

/** Subject (or issuer) fields a test certificate can carry. Only the given ones are encoded. */
export interface TestSubject {
  CN?: string;
  SN?: string;
  G?: string;
  T?: string;
  O?: string;
  OU?: string;
  L?: string;
  S?: string;
  STREET?: string;
  C?: string;
  E?: string;
  INN?: string;
  OGRN?: string;
  OGRNIP?: string;
  SNILS?: string;
  INNLE?: string;
}

export type SubjectKey = keyof TestSubject;

interface AttributeSpec {
  oid: string;
  /** Name CryptoPro CSP 5 prints in SubjectName. */
  cryptoProName: string;
  defaultType: StringType;
}

export const ATTRIBUTES: Record<SubjectKey, AttributeSpec> = {
  CN: { oid: '2.5.4.3', cryptoProName: 'CN', defaultType: 'utf8' },
  SN: { oid: '2.5.4.4', cryptoProName: 'SN', defaultType: 'utf8' },
  G: { oid: '2.5.4.42', cryptoProName: 'G', defaultType: 'utf8' },
  T: { oid: '2.5.4.12', cryptoProName: 'T', defaultType: 'utf8' },
  O: { oid: '2.5.4.10', cryptoProName: 'O', defaultType: 'utf8' },
  OU: { oid: '2.5.4.11', cryptoProName: 'OU', defaultType: 'utf8' },
  L: { oid: '2.5.4.7', cryptoProName: 'L', defaultType: 'utf8' },
  S: { oid: '2.5.4.8', cryptoProName: 'S', defaultType: 'utf8' },
  STREET: { oid: '2.5.4.9', cryptoProName: 'STREET', defaultType: 'utf8' },
  C: { oid: '2.5.4.6', cryptoProName: 'C', defaultType: 'printable' },
  E: { oid: '1.2.840.113549.1.9.1', cryptoProName: 'E', defaultType: 'ia5' },
  // Order of the FSB requirements for qualified certificates: these are NUMERIC STRINGs.
  INN: { oid: '1.2.643.3.131.1.1', cryptoProName: 'ИНН', defaultType: 'numeric' },
  OGRN: { oid: '1.2.643.100.1', cryptoProName: 'ОГРН', defaultType: 'numeric' },
  OGRNIP: { oid: '1.2.643.100.5', cryptoProName: 'ОГРНИП', defaultType: 'numeric' },
  SNILS: { oid: '1.2.643.100.3', cryptoProName: 'СНИЛС', defaultType: 'numeric' },
  INNLE: { oid: '1.2.643.100.4', cryptoProName: 'ИНН ЮЛ', defaultType: 'numeric' },
};

/**
 * Encoding order (first RDN first). CryptoPro prints names last-RDN-first, so SubjectName reads
 * "ИНН ЮЛ=…, СНИЛС=…, ИНН=…, E=…, ОГРН=…, SN=…, G=…, T=…, CN=…, OU=…, O=…, STREET=…, L=…, S=…, C=RU",
 * the way qualified certificates usually look in CryptoPro.
 */
const ENCODING_ORDER: readonly SubjectKey[] = [
  'C', 'S', 'L', 'STREET', 'O', 'OU', 'CN', 'T', 'G', 'SN', 'OGRNIP', 'OGRN', 'E', 'INN', 'SNILS', 'INNLE',
];

export type StringTypes = Partial<Record<SubjectKey, StringType>>;

function presentKeys(subject: TestSubject): SubjectKey[] {
  return ENCODING_ORDER.filter((k) => subject[k] !== undefined && subject[k] !== '');
}

/** DER Name: one single-valued RDN per attribute. */
export function encodeName(subject: TestSubject, stringTypes: StringTypes = {}): Uint8Array {
  const rdns = presentKeys(subject).map((key) => {
    const spec = ATTRIBUTES[key];
    const value = subject[key] as string;
    return setOf(sequence(oid(spec.oid), string(value, stringTypes[key] ?? spec.defaultType)));
  });
  return sequence(...rdns);
}

// CertNameToStr quotes a value containing one of these, or with leading/trailing spaces.
const NEEDS_QUOTES = /[,+="\n<>#;]|^\s|\s$/;

function quote(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The one-line name CryptoPro's `SubjectName` / `IssuerName` return. */
export function cryptoProNameString(subject: TestSubject): string {
  return presentKeys(subject)
    .reverse()
    .map((key) => `${ATTRIBUTES[key].cryptoProName}=${quote(subject[key] as string)}`)
    .join(', ');
}

/** The `DistinguishedName` shape of src/cms/types.ts for a subject we encoded ourselves. */
export function toDistinguishedName(subject: TestSubject): DistinguishedName {
  const keys = presentKeys(subject);
  const attributes: NameAttribute[] = keys.map((key) => ({
    oid: ATTRIBUTES[key].oid,
    shortName: key,
    value: subject[key] as string,
  }));
  const dn: DistinguishedName = {
    attributes,
    text: [...keys].reverse().map((key) => `${key}=${quote(subject[key] as string)}`).join(', '),
  };
  for (const key of keys) dn[key] = subject[key];
  return dn;
}
