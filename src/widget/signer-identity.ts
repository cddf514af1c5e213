import type { DistinguishedName } from '../cms/types.js';
import type { CompanyDetails as CompanyDetailsView } from '../api/types.js';
import type { SignerNames } from './ports.js';

/**
 * Why a certificate may not sign an application. Checked in the browser before anything is prepared or sent,
 * because OFD would only reject the signature later, after the one allowed `sign` was spent.
 */
export type IdentityProblem =
  /** The certificate belongs to another company (ИНН/ОГРН differ). */
  | 'IDENTITY_COMPANY_MISMATCH'
  /** The certificate names another entrepreneur (ИНН/ОГРНИП differ). */
  | 'IDENTITY_ENTREPRENEUR_MISMATCH'
  /** A person's certificate without company data for a company's application. */
  | 'IDENTITY_NO_COMPANY_DATA'
  /** The signer is not the director and the application has no power of attorney (МЧД). */
  | 'IDENTITY_NOT_DIRECTOR';

export interface IdentityCheck {
  problems: IdentityProblem[];
  /** True when the signer is someone other than the director, covered by an МЧД. */
  representative: boolean;
}

const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');
/** A name as compared: case, `ё` and runs of spaces do not matter. */
export const word = (s: string | null | undefined) => (s ?? '').trim().toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ');

export function checkSignerIdentity(subject: DistinguishedName, company: CompanyDetailsView | null | undefined): IdentityCheck {
  const problems: IdentityProblem[] = [];
  const inn = digits(company?.Inn);
  const ogrn = digits(company?.Ogrn);
  const entrepreneur = inn.length === 12 || /entrepreneur|individual/i.test(company?.CompanyType ?? '');
  // 7.1.1's request carries only RepresentativeDetails; IsRepresent is not promised, the details are the МЧД.
  const details = company?.Signatory?.RepresentativeDetails;
  const hasPowerOfAttorney = Boolean(details?.Number || details?.DocId);
  const companyInn = companyInnOf(subject);
  // Since 2023 an employee signs with a personal certificate (name, personal INN, SNILS) plus an МЧД.
  const personalCertificate = !companyInn && !subject.OGRN && !subject.OGRNIP;
  /** Undefined: decide by the director's name. */
  let isDirector: boolean | undefined;

  if (entrepreneur) {
    const sameInn = digits(subject.INN) === inn;
    const sameOgrnip = !ogrn || !subject.OGRNIP || digits(subject.OGRNIP) === ogrn;
    // The entrepreneur's own INN proves who signs better than a name spelled in the application.
    if (sameInn && sameOgrnip) isDirector = true;
    else if (hasPowerOfAttorney && personalCertificate) isDirector = false;
    else problems.push('IDENTITY_ENTREPRENEUR_MISMATCH');
  } else if (!companyInn && !subject.OGRN) {
    if (personalCertificate && hasPowerOfAttorney) isDirector = false;
    else problems.push('IDENTITY_NO_COMPANY_DATA');
  } else if ((companyInn && companyInn !== inn) || (ogrn && subject.OGRN && digits(subject.OGRN) !== ogrn)) {
    problems.push('IDENTITY_COMPANY_MISMATCH');
  }

  isDirector ??= sameAsDirector(subject, company?.Director);
  if (!isDirector && !hasPowerOfAttorney && problems.length === 0) problems.push('IDENTITY_NOT_DIRECTOR');
  return { problems, representative: problems.length === 0 && !isDirector && hasPowerOfAttorney };
}

/** The company's INN in a certificate: INNLE, or what older CAs wrote into INN (10 digits, or 12 with two leading zeros). */
function companyInnOf(subject: DistinguishedName): string {
  const innle = digits(subject.INNLE);
  if (innle) return innle;
  const inn = digits(subject.INN);
  if (inn.length === 10) return inn;
  // A personal INN never starts with 00 (its first two digits are a region code).
  if (inn.length === 12 && inn.startsWith('00')) return inn.slice(2);
  return '';
}

/**
 * Surname and first name. The patronymic is not compared: partners' data has typos in it (the spec's own sample
 * pairs "Юлия" with "Владимирович"), and since 2022 a certificate naming the company goes only to its head.
 * The spec reads `Director` two ways: the field tables say FirstName is the surname and LastName the given name
 * (l.868–869, 1379, 2147, 2572, 3201), the examples put the given name in FirstName. Either reading that matches
 * the certificate is the director.
 */
function sameAsDirector(subject: DistinguishedName, director: CompanyDetailsView['Director']): boolean {
  const first = director?.FirstName?.trim() || undefined;
  const last = director?.LastName?.trim() || undefined;
  // The examples' reading (surname in LastName), then the tables' (surname in FirstName); a name not given matches.
  return [
    [last, first],
    [first, last],
  ].some(
    ([surname, given]) =>
      (surname === undefined || word(subject.SN) === word(surname)) &&
      (given === undefined || word(subject.G).split(/\s+/)[0] === word(given)),
  );
}

/**
 * LastName / GivenName / Position for prepareDocuments, from the certificate's SN, G and T (CN as a fallback),
 * as 7.3 asks ("из КЭП", l.1904–1906). Personal certificates often carry no title (T): then the position the
 * application already names for its signatory, or "Индивидуальный предприниматель" for an entrepreneur, instead of
 * an empty one.
 */
export function signerNamesFrom(subject: DistinguishedName, company?: CompanyDetailsView | null): SignerNames {
  const cn = (subject.CN ?? '').trim().split(/\s+/);
  const entrepreneur = digits(company?.Inn).length === 12 || /entrepreneur/i.test(company?.CompanyType ?? '');
  const position = (subject.T ?? '').trim() || company?.Signatory?.Position?.trim() || (entrepreneur ? 'Индивидуальный предприниматель' : '');
  return {
    LastName: (subject.SN ?? cn[0] ?? '').trim(),
    GivenName: (subject.G ?? cn.slice(1).join(' ')).trim(),
    Position: position,
  };
}

/** "Романова Анна Сергеевна", for display. */
export function ownerName(subject: DistinguishedName): string {
  return subject.SN && subject.G ? `${subject.SN} ${subject.G}` : (subject.CN ?? subject.text);
}
