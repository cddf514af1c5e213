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
const word = (s: string | null | undefined) => (s ?? '').trim().toLocaleLowerCase('ru').replace(/ё/g, 'е');

export function checkSignerIdentity(subject: DistinguishedName, company: CompanyDetailsView | null | undefined): IdentityCheck {
  const problems: IdentityProblem[] = [];
  const inn = digits(company?.Inn);
  const ogrn = digits(company?.Ogrn);
  const entrepreneur = inn.length === 12 || /entrepreneur|individual/i.test(company?.CompanyType ?? '');

  if (entrepreneur) {
    const sameInn = digits(subject.INN) === inn;
    const sameOgrnip = !ogrn || !subject.OGRNIP || digits(subject.OGRNIP) === ogrn;
    if (!sameInn || !sameOgrnip) problems.push('IDENTITY_ENTREPRENEUR_MISMATCH');
  } else {
    // Older CAs wrote the company's 10-digit INN into the personal INN attribute.
    const companyInn = digits(subject.INNLE) || (digits(subject.INN).length === 10 ? digits(subject.INN) : '');
    if (!companyInn && !subject.OGRN) problems.push('IDENTITY_NO_COMPANY_DATA');
    else if ((companyInn && companyInn !== inn) || (ogrn && subject.OGRN && digits(subject.OGRN) !== ogrn)) {
      problems.push('IDENTITY_COMPANY_MISMATCH');
    }
  }

  const director = company?.Director;
  const isDirector =
    !director?.LastName ||
    (word(subject.SN) === word(director.LastName) &&
      (!director.FirstName || word(subject.G).split(/\s+/)[0] === word(director.FirstName)));
  const hasPowerOfAttorney = Boolean(company?.Signatory?.IsRepresent && company.Signatory.RepresentativeDetails?.Number);
  if (!isDirector && !hasPowerOfAttorney && problems.length === 0) problems.push('IDENTITY_NOT_DIRECTOR');
  return { problems, representative: !isDirector && hasPowerOfAttorney };
}

/** LastName / GivenName / Position for prepareDocuments, from the certificate's SN, G and T (CN as a fallback). */
export function signerNamesFrom(subject: DistinguishedName): SignerNames {
  const cn = (subject.CN ?? '').trim().split(/\s+/);
  return {
    LastName: (subject.SN ?? cn[0] ?? '').trim(),
    GivenName: (subject.G ?? cn.slice(1).join(' ')).trim(),
    Position: (subject.T ?? '').trim(),
  };
}

/** "Романова Анна Сергеевна", for display. */
export function ownerName(subject: DistinguishedName): string {
  return subject.SN && subject.G ? `${subject.SN} ${subject.G}` : (subject.CN ?? subject.text);
}
