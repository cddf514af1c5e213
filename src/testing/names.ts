/**
 * Distinguished names of test certificates: which ASN.1 string type each Russian qualified-certificate attribute
 * uses, the DER encoding, and the one-line form CryptoPro's `SubjectName`/`IssuerName` return. The attribute names,
 * their OIDs and the quoting of values are src/cms's, so a name written here reads back the same there.
 */
import { formatName } from '../cms/certificate-core.js';
import { nameAttributeShortNames } from '../cms/oids.js';
import type { DistinguishedName, NameAttribute } from '../cms/types.js';
import { sequence, setOf, oid, string, type StringType } from './der-writer.js';

/** The attributes src/cms reads into named fields: CN, SN, G, T, O, OU, L, S, STREET, C, E, INN, OGRN, … */
export type SubjectKey = Exclude<keyof DistinguishedName, 'attributes' | 'text'>;

/** Subject (or issuer) fields a test certificate can carry. Only the given ones are encoded. */
export type TestSubject = Pick<DistinguishedName, SubjectKey>;

interface AttributeSpec {
  /** Name CryptoPro CSP 5 prints in SubjectName. */
  cryptoProName: string;
  defaultType: StringType;
}

// A Record, so that a field src/cms starts reading cannot be forgotten here.
const ATTRIBUTES: Record<SubjectKey, AttributeSpec> = {
  CN: { cryptoProName: 'CN', defaultType: 'utf8' },
  SN: { cryptoProName: 'SN', defaultType: 'utf8' },
  G: { cryptoProName: 'G', defaultType: 'utf8' },
  T: { cryptoProName: 'T', defaultType: 'utf8' },
  O: { cryptoProName: 'O', defaultType: 'utf8' },
  OU: { cryptoProName: 'OU', defaultType: 'utf8' },
  L: { cryptoProName: 'L', defaultType: 'utf8' },
  S: { cryptoProName: 'S', defaultType: 'utf8' },
  STREET: { cryptoProName: 'STREET', defaultType: 'utf8' },
  C: { cryptoProName: 'C', defaultType: 'printable' },
  E: { cryptoProName: 'E', defaultType: 'ia5' },
  // Order of the FSB requirements for qualified certificates: these are NUMERIC STRINGs.
  INN: { cryptoProName: 'ИНН', defaultType: 'numeric' },
  OGRN: { cryptoProName: 'ОГРН', defaultType: 'numeric' },
  OGRNIP: { cryptoProName: 'ОГРНИП', defaultType: 'numeric' },
  SNILS: { cryptoProName: 'СНИЛС', defaultType: 'numeric' },
  INNLE: { cryptoProName: 'ИНН ЮЛ', defaultType: 'numeric' },
};

/** The OID of each attribute: the reader's OID → short name table, read backwards. */
const OIDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(nameAttributeShortNames).map(([attributeOid, shortName]) => [shortName, attributeOid]),
);

function oidOf(key: SubjectKey): string {
  const found = OIDS[key];
  if (found === undefined) throw new Error(`src/cms names no OID for the attribute ${key}`);
  return found;
}

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
    const value = subject[key] as string;
    return setOf(sequence(oid(oidOf(key)), string(value, stringTypes[key] ?? ATTRIBUTES[key].defaultType)));
  });
  return sequence(...rdns);
}

/** The one-line name CryptoPro's `SubjectName` / `IssuerName` return (quoted the way CertNameToStr quotes). */
export function cryptoProNameString(subject: TestSubject): string {
  return formatName(
    presentKeys(subject)
      .reverse()
      .map((key) => ({ oid: oidOf(key), shortName: ATTRIBUTES[key].cryptoProName, value: subject[key] as string })),
  );
}

/** The `DistinguishedName` shape of src/cms/types.ts for a subject we encoded ourselves. */
export function toDistinguishedName(subject: TestSubject): DistinguishedName {
  const keys = presentKeys(subject);
  const attributes: NameAttribute[] = keys.map((key) => ({ oid: oidOf(key), shortName: key, value: subject[key] as string }));
  const dn: DistinguishedName = { attributes, text: formatName([...attributes].reverse()) };
  for (const key of keys) dn[key] = subject[key];
  return dn;
}
