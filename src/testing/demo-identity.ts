/**
 * Made-up but checksum-valid identities shared by the emulator's default certificates, the mock OFD's
 * demo application and the tests, so that "the certificate matches the application" holds in the demo.
 * None of these numbers belong to a real company or person.
 */

export const DEMO_COMPANY = {
  companyType: 'LegalEntity',
  name: 'ООО «Ромашка»',
  inn: '7701234560',
  ogrn: '1027700123450',
  kpp: '770101001',
  address: 'г. Москва, ул. Тверская, д. 1',
  director: {
    lastName: 'Романова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    title: 'Генеральный директор',
    personalInn: '771234567859',
    snils: '11223344595',
    email: 'director@romashka.example',
  },
} as const;

/** A second company, for "this certificate belongs to another company" cases. */
export const OTHER_COMPANY = {
  companyType: 'LegalEntity',
  name: 'ООО «Лютик»',
  inn: '5027123457',
  ogrn: '1145001234564',
  kpp: '502701001',
  address: 'Московская обл., г. Люберцы, ул. Мира, д. 5',
  director: {
    lastName: 'Лебедев',
    firstName: 'Олег',
    middleName: 'Игоревич',
    title: 'Директор',
    personalInn: '502712345651',
    snils: '11223344595',
    email: 'boss@lutik.example',
  },
} as const;

/** An individual entrepreneur (ИП): INN of 12 digits and OGRNIP of 15. */
export const DEMO_ENTREPRENEUR = {
  companyType: 'IndividualEntrepreneur',
  name: 'ИП Иванов Пётр Алексеевич',
  inn: '502712345651',
  ogrnip: '304770012345674',
  address: 'г. Москва, ул. Арбат, д. 10',
  person: { lastName: 'Иванов', firstName: 'Пётр', middleName: 'Алексеевич' },
} as const;

/** The demo cash register (ККТ) and its fiscal drive (ФН). */
export const DEMO_KKT = {
  model: 'АТОЛ 30Ф',
  serialNumber: '00106712345678',
  fnModel: 'ФН-1.1М исполнение 15-2',
  fnNumber: '7380440700123456',
  address: 'г. Москва, ул. Тверская, д. 1, магазин «Ромашка»',
} as const;
