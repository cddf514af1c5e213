import { describe, expect, it } from 'vitest';
import { isOfdValidationError } from '../../src/api/index.js';
import { createMockOfd } from '../../src/mock-ofd/index.js';
import { DEMO_COMPANY, DEMO_KKT } from '../../src/testing/demo-identity.js';
import { DIRECTOR_SIGNER, REGISTRATION, talk } from './helpers.js';

const KKT = {
  SerialNumber: DEMO_KKT.serialNumber,
  Model: DEMO_KKT.model,
  FnNumber: DEMO_KKT.fnNumber,
  InstallmentAddress: { FullAddress: DEMO_KKT.address },
  InstallmentPlace: 'Магазин №1',
  UsageMode: { Internet: true, Gambling: false },
  FormatVersion: 3,
};

describe('mock OFD: create (7.1, 7.1.1, Table 17)', () => {
  const { app, control } = createMockOfd();
  const call = talk(app, control.authToken);

  it('creates a New application in Initialization and fills the company from the registry', async () => {
    const answer = await call('POST', REGISTRATION, {
      Purpose: 'InitialRegistration',
      CompanyDetails: { Inn: DEMO_COMPANY.inn, Kpp: DEMO_COMPANY.kpp },
      KktDetails: KKT,
    });
    expect(answer.status).toBe(200);
    const data = answer.json.Data;
    expect(data).toMatchObject({ Status: 'New', Stage: 'Initialization', Purpose: 'InitialRegistration', CanDelete: true, Documents: [] });
    expect(data.Id).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.CompanyDetails).toMatchObject({
      CompanyName: DEMO_COMPANY.name,
      Ogrn: DEMO_COMPANY.ogrn,
      Director: { LastName: DEMO_COMPANY.director.lastName, FirstName: DEMO_COMPANY.director.firstName },
    });
    expect(data.KktDetails).toMatchObject({ SerialNumber: DEMO_KKT.serialNumber, OfdInn: '7841465198', FiscalDocumentData: {} });
    expect(data.DownloadUri).toContain(`/document/KktRegistrationApplication?Id=${data.Id}&format=pdf`);
  });

  it.each([
    ['no INN and no cash register', { Purpose: 'InitialRegistration', CompanyDetails: {} }, ['Не задан ИНН', 'Не заданы данные кассы']],
    ['no purpose', { CompanyDetails: { Inn: DEMO_COMPANY.inn }, KktDetails: KKT }, ['Не указано назначение (Purpose)']],
    [
      'a fiscal drive number that names no model',
      { Purpose: 'InitialRegistration', CompanyDetails: { Inn: DEMO_COMPANY.inn }, KktDetails: { ...KKT, FnNumber: '12' } },
      ['Не определена модель ФН'],
    ],
    [
      're-registration without a reason',
      { Purpose: 'Reregistration', CompanyDetails: { Inn: DEMO_COMPANY.inn }, KktDetails: KKT },
      ['Не задана причина перерегистрации ККТ'],
    ],
    [
      'a fiscal drive change without the closing and installing reports',
      { Purpose: 'Reregistration', CompanyDetails: { Inn: DEMO_COMPANY.inn }, KktDetails: { ...KKT, ReregistrationReasons: { FnChanged: true } } },
      ['Не заданы данные отчёта о закрытии ФН', 'Не заданы данные отчёта о перерегистрации'],
    ],
    [
      'an incomplete power of attorney',
      {
        Purpose: 'InitialRegistration',
        CompanyDetails: { Inn: DEMO_COMPANY.inn, Signatory: { RepresentativeDetails: { Number: '1' } } },
        KktDetails: KKT,
      },
      ['Не заданы данные МЧД (Number, EvaluateDate, DocId)'],
    ],
  ])('refuses %s with ValidationError', async (_what, body, messages) => {
    const answer = await call('POST', REGISTRATION, body);
    expect(answer.status).toBe(400);
    expect(answer.json.Errors).toEqual(messages.map((Message) => ({ Code: 'ValidationError', Message })));
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await call('POST', REGISTRATION, '{not json');
    expect(answer.status).toBe(400);
    expect(answer.json.Errors[0].Code).toBe('ValidationError');
  });

  it('records a power of attorney (МЧД) given as in 7.1.1 and writes it into the document', async () => {
    const mchd = { Number: 'МЧД-42', EvaluateDate: '2026-01-15', DocId: '0f8fad5b-d9cb-469f-a165-70867728950e' };
    const created = await call('POST', REGISTRATION, {
      Purpose: 'InitialRegistration',
      CompanyDetails: { Inn: DEMO_COMPANY.inn, Kpp: DEMO_COMPANY.kpp, Signatory: { RepresentativeDetails: mchd } },
      KktDetails: KKT,
    });
    expect(created.json.Data.CompanyDetails.Signatory).toMatchObject({ IsRepresent: true, RepresentativeDetails: mchd });
    const prepared = await call('POST', `${REGISTRATION}/${created.json.Data.Id}/prepareDocuments`, {
      LastName: 'Петров',
      GivenName: 'Иван Ильич',
      Position: 'Менеджер',
    });
    const xml = new TextDecoder('windows-1251').decode(Buffer.from(prepared.json.Data.Documents[0].Content, 'base64'));
    expect(xml).toContain('НомДовер="МЧД-42"');
    expect(xml).toContain('Фамилия="Петров"');
  });

  it('also accepts RepresentativeDetails directly under CompanyDetails (Table 15)', () => {
    const app = control.createApplication({
      Purpose: 'InitialRegistration',
      CompanyDetails: { Inn: DEMO_COMPANY.inn, RepresentativeDetails: { Number: '7', EvaluateDate: '2026-02-01', DocId: 'x-1' } },
      KktDetails: KKT,
    });
    expect(app.CompanyDetails.Signatory?.IsRepresent).toBe(true);
    expect(app.CompanyDetails.Signatory?.RepresentativeDetails?.Number).toBe('7');
  });

  it('control.createApplication throws the same validation error as the route', () => {
    let caught: unknown;
    try {
      control.createApplication({ Purpose: 'InitialRegistration' });
    } catch (e) {
      caught = e;
    }
    expect(isOfdValidationError(caught)).toBe(true);
    expect((caught as { messages: string[] }).messages).toContain('Не задан ИНН');
  });
});

describe('mock OFD: edit (7.9, Table 27)', () => {
  it('edits the application before prepareDocuments, and refuses afterwards', async () => {
    const { app, control } = createMockOfd();
    const call = talk(app, control.authToken);
    const id = control.createDemoApplication().Id;
    const edited = await call('PUT', `${REGISTRATION}/${id}`, { KktDetails: { InstallmentPlace: 'Склад' } });
    expect(edited.status).toBe(200);
    expect(edited.json.Data.KktDetails.InstallmentPlace).toBe('Склад');
    expect(edited.json.Data.KktDetails.SerialNumber).toBe(DEMO_KKT.serialNumber);

    await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
    const late = await call('PUT', `${REGISTRATION}/${id}`, { KktDetails: { InstallmentPlace: 'Офис' } });
    expect(late.status).toBe(400);
    expect(late.json.Errors[0]).toEqual({ Code: 'ValidationError', Message: 'Некорректный статус заявки' });
  });

  it.each([
    [{ DocumentNumber: '12345678901' }, 'Номер ФД не может превышать 10 символов'],
    [{ Signature: '12345678901' }, 'Признак ФД не может превышать 10 символов'],
    [{ DateTime: '2099-01-01T10:00:00' }, 'Дата фискализации не может быть позже сегодняшней'],
  ])('checks fiscal document data %j', async (data, message) => {
    const { app, control } = createMockOfd();
    const id = control.createDemoApplication().Id;
    const answer = await talk(app, control.authToken)('PUT', `${REGISTRATION}/${id}`, { KktDetails: { FiscalDocumentData: data } });
    expect(answer.status).toBe(400);
    expect(answer.json.Errors[0]).toEqual({ Code: 'ValidationError', Message: message });
  });
});
