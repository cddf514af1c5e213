/**
 * Certificates for the demo identities of demo-identity.ts: the emulator's default set and a few for
 * "wrong company" tests. Built once per process on first use (GOST key generation is the slow part).
 */
import { createTestCertificate, getDefaultTestCa, type TestCa, type TestCertificate } from './certificates.js';
import { DEMO_COMPANY, DEMO_ENTREPRENEUR, OTHER_COMPANY } from './demo-identity.js';
import type { TestSubject } from './names.js';

const DAY = 24 * 60 * 60 * 1000;

export interface DemoCertificates {
  ca: TestCa;
  /** Valid, with a private key: DEMO_COMPANY's director. */
  director: TestCertificate;
  /** The same director's previous certificate, expired 35 days ago (private key kept). */
  expiredDirector: TestCertificate;
  /** The director's certificate installed without its key container. */
  directorWithoutKey: TestCertificate;
  /** OTHER_COMPANY's director (valid, with key): for "certificate of another company". */
  otherCompanyDirector: TestCertificate;
  /** DEMO_ENTREPRENEUR (ИП, OGRNIP), valid, with key. */
  entrepreneur: TestCertificate;
}

type Company = typeof DEMO_COMPANY | typeof OTHER_COMPANY;

/** A legal entity head's subject the way the FNS CA writes it: CN and O the company, SN/G/T the person. */
export function directorSubject(company: Company): TestSubject {
  const d = company.director;
  return {
    CN: company.name,
    SN: d.lastName,
    G: `${d.firstName} ${d.middleName}`,
    T: d.title,
    O: company.name,
    INN: d.personalInn,
    INNLE: company.inn,
    OGRN: company.ogrn,
    SNILS: d.snils,
    E: d.email,
    C: 'RU',
    S: '77 г. Москва',
    L: 'Москва',
    STREET: company.address,
  };
}

export function entrepreneurSubject(): TestSubject {
  const p = DEMO_ENTREPRENEUR.person;
  return {
    CN: `${p.lastName} ${p.firstName} ${p.middleName}`,
    SN: p.lastName,
    G: `${p.firstName} ${p.middleName}`,
    INN: DEMO_ENTREPRENEUR.inn,
    OGRNIP: DEMO_ENTREPRENEUR.ogrnip,
    SNILS: '11223344595',
    C: 'RU',
    S: '77 г. Москва',
    L: 'Москва',
    STREET: DEMO_ENTREPRENEUR.address,
  };
}

let cached: DemoCertificates | undefined;

/** The demo certificates, created on the first call and shared afterwards; `{ fresh: true }` makes a new set. */
export function createDemoCertificates(options: { fresh?: boolean } = {}): DemoCertificates {
  if (cached && !options.fresh) return cached;
  const now = Date.now();
  const ca = getDefaultTestCa();
  const set: DemoCertificates = {
    ca,
    director: createTestCertificate({ subject: directorSubject(DEMO_COMPANY), issuer: ca }),
    expiredDirector: createTestCertificate({
      subject: directorSubject(DEMO_COMPANY),
      issuer: ca,
      notBefore: new Date(now - 400 * DAY),
      notAfter: new Date(now - 35 * DAY),
    }),
    directorWithoutKey: createTestCertificate({
      subject: directorSubject(DEMO_COMPANY),
      issuer: ca,
      notBefore: new Date(now - 10 * DAY),
      withPrivateKey: false,
    }),
    otherCompanyDirector: createTestCertificate({ subject: directorSubject(OTHER_COMPANY), issuer: ca }),
    entrepreneur: createTestCertificate({ subject: entrepreneurSubject(), issuer: ca }),
  };
  if (!options.fresh) cached = set;
  return set;
}

/** The emulator's default offer: the valid director, the expired one, the one without a private key. */
export function defaultEmulatorCertificates(): TestCertificate[] {
  const demo = createDemoCertificates();
  return [demo.director, demo.expiredDirector, demo.directorWithoutKey];
}
