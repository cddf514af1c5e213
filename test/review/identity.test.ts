/**
 * Review: who may sign, against NOTES.md "Identity fields" and section 7.1.1 (МЧД). Since 2023 a company's
 * employee signs with a personal certificate (no INNLE/OGRN) plus a power of attorney; the widget must not
 * turn that case away, and must not let an entrepreneur's or a stranger's certificate through either.
 */
import { describe, expect, it } from 'vitest';
import type { CompanyDetails } from '../../src/api/types.js';
import type { DistinguishedName } from '../../src/cms/types.js';
import { DEMO_COMPANY, DEMO_ENTREPRENEUR, OTHER_COMPANY } from '../../src/testing/demo-identity.js';
import { checkSignerIdentity } from '../../src/widget/signer-identity.js';

const dn = (fields: Partial<DistinguishedName>): DistinguishedName => ({ attributes: [], text: '', ...fields });
const company: CompanyDetails = {
  CompanyType: 'LegalEntity', Inn: DEMO_COMPANY.inn, Ogrn: DEMO_COMPANY.ogrn,
  Director: { LastName: 'Романова', FirstName: 'Анна', MiddleName: 'Сергеевна' },
};
/** Exactly what 7.1.1's request sends: RepresentativeDetails only, no IsRepresent. */
const poa = { RepresentativeDetails: { Number: '7701234560-2026-0001', EvaluateDate: '2026-01-15', DocId: 'b1f3a0d2-8d7e-4c61-9a5e-3f2b1c0d9e8f' } };
const employeePersonal = dn({ SN: 'Петрова', G: 'Мария Ивановна', INN: '771234567859', SNILS: '11223344595' });
const director = dn({ SN: 'Романова', G: 'Анна Сергеевна', T: 'Генеральный директор', INNLE: DEMO_COMPANY.inn, OGRN: DEMO_COMPANY.ogrn });

describe('identity check: representatives with an МЧД', () => {
  it("accepts an employee's personal certificate when the application carries an МЧД", () => {
    expect(checkSignerIdentity(employeePersonal, { ...company, Signatory: poa })).toEqual({ problems: [], representative: true });
  });

  it('takes RepresentativeDetails as the МЧД even when IsRepresent is absent (7.1.1 sends only the details)', () => {
    const accountant = dn({ ...director, SN: 'Петрова', G: 'Мария Ивановна' });
    expect(checkSignerIdentity(accountant, { ...company, Signatory: poa })).toEqual({ problems: [], representative: true });
  });

  it('still stops a personal certificate without an МЧД, and a certificate of another company with one', () => {
    expect(checkSignerIdentity(employeePersonal, company).problems).toEqual(['IDENTITY_NO_COMPANY_DATA']);
    const other = dn({ ...director, INNLE: OTHER_COMPANY.inn, OGRN: OTHER_COMPANY.ogrn });
    expect(checkSignerIdentity(other, { ...company, Signatory: poa }).problems).toEqual(['IDENTITY_COMPANY_MISMATCH']);
  });

  it("does not take an entrepreneur's certificate (OGRNIP) as a representative of a company", () => {
    const ip = dn({ SN: 'Иванов', G: 'Пётр Алексеевич', INN: DEMO_ENTREPRENEUR.inn, OGRNIP: DEMO_ENTREPRENEUR.ogrnip });
    expect(checkSignerIdentity(ip, { ...company, Signatory: poa }).problems).toEqual(['IDENTITY_NO_COMPANY_DATA']);
  });

  it("accepts an entrepreneur's representative with a personal certificate and an МЧД, not without", () => {
    const ipApp: CompanyDetails = {
      CompanyType: 'PrivateEntrepreneur', Inn: DEMO_ENTREPRENEUR.inn, Ogrn: DEMO_ENTREPRENEUR.ogrnip,
      Director: { LastName: 'Иванов', FirstName: 'Пётр' },
    };
    expect(checkSignerIdentity(employeePersonal, { ...ipApp, Signatory: poa })).toEqual({ problems: [], representative: true });
    expect(checkSignerIdentity(employeePersonal, ipApp).problems).toEqual(['IDENTITY_ENTREPRENEUR_MISMATCH']);
  });

  it("an entrepreneur is recognised by their INN even when the application spells the name differently", () => {
    const ipApp: CompanyDetails = { CompanyType: 'PrivateEntrepreneur', Inn: DEMO_ENTREPRENEUR.inn, Director: { LastName: 'Иванов', FirstName: 'Петр' } };
    const own = dn({ SN: 'Иванов-Петров', G: 'Пётр Алексеевич', INN: DEMO_ENTREPRENEUR.inn, OGRNIP: DEMO_ENTREPRENEUR.ogrnip });
    expect(checkSignerIdentity(own, ipApp)).toEqual({ problems: [], representative: false });
  });
});

describe('identity check: company data and the director', () => {
  it('reads the legacy company INN written into INN as 12 digits with two leading zeros', () => {
    const legacy = dn({ SN: 'Романова', G: 'Анна Сергеевна', INN: `00${DEMO_COMPANY.inn}` });
    expect(checkSignerIdentity(legacy, company).problems).toEqual([]);
    const legacyOther = dn({ SN: 'Романова', G: 'Анна Сергеевна', INN: `00${OTHER_COMPANY.inn}` });
    expect(checkSignerIdentity(legacyOther, company).problems).toEqual(['IDENTITY_COMPANY_MISMATCH']);
  });

  it('routes a certificate of the right company but another person to "needs МЧД"', () => {
    const deputy = dn({ ...director, SN: 'Романов', G: 'Анна Сергеевна' });
    expect(checkSignerIdentity(deputy, company).problems).toEqual(['IDENTITY_NOT_DIRECTOR']);
    const sameSurname = dn({ ...director, G: 'Алла Сергеевна' });
    expect(checkSignerIdentity(sameSurname, company).problems).toEqual(['IDENTITY_NOT_DIRECTOR']);
  });

  it('does not block the director over a typo in the patronymic of the application (as in the spec sample)', () => {
    expect(checkSignerIdentity(director, { ...company, Director: { LastName: 'Романова', FirstName: 'Анна', MiddleName: 'Сергеевич' } }).problems).toEqual([]);
  });
});
