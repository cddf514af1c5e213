import { describe, expect, it } from 'vitest';
import { createMockOfd } from '../../src/mock-ofd/index.js';
import { DEMO_COMPANY, DEMO_KKT } from '../../src/testing/demo-identity.js';
import { DIRECTOR_SIGNER, REGISTRATION, signContent, talk } from './helpers.js';

type Mock = ReturnType<typeof createMockOfd>;

async function prepareAndSign(mock: Mock, id: string) {
  const call = talk(mock.app, mock.control.authToken);
  const prepared = await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
  expect(prepared.status).toBe(200);
  expect(prepared.json.Data.Status).toBe('AwaitingSignature');
  const document = prepared.json.Data.Documents.find((d: { Signature: string }) => d.Signature === 'Unsigned');
  const signed = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: document.Id, Signature: signContent(document.Content) });
  expect(signed.status, JSON.stringify(signed.json) + mock.control.lastSignatureRejection()).toBe(200);
  return { prepared: prepared.json.Data, signed: signed.json.Data, document };
}

async function statusOf(mock: Mock, id: string) {
  return (await talk(mock.app, mock.control.authToken)('GET', `${REGISTRATION}/${id}`)).json.Data;
}

/** Walk the clock through Processing → Ready → Sent → answer, checking each status (Table 14). */
async function followToFns(mock: Mock, id: string) {
  expect((await statusOf(mock, id)).Status).toBe('ProcessingSignedDocuments');
  mock.control.advance(1000);
  expect((await statusOf(mock, id)).Status).toBe('ReadyToBeSentToFns');
  mock.control.advance(1000);
  expect((await statusOf(mock, id)).Status).toBe('SentToFns');
  mock.control.advance(3000);
  return statusOf(mock, id);
}

describe('mock OFD: initial registration, both rounds (Table 14, 7.5, 7.6)', () => {
  it('goes New → AwaitingSignature → … → RNM assigned → report → … → Approved with both FNS documents', async () => {
    const mock = createMockOfd({ clock: () => Date.UTC(2026, 10, 24, 9, 0, 0) });
    const call = talk(mock.app, mock.control.authToken);
    const id = mock.control.createDemoApplication().Id;

    const first = await prepareAndSign(mock, id);
    expect(first.prepared.CompanyDetails.Signatory.Name).toBe(`${DIRECTOR_SIGNER.LastName} ${DIRECTOR_SIGNER.GivenName}`);
    expect(first.signed.Status).toBe('ProcessingSignedDocuments');
    expect(first.signed.Documents[0].Signature).toBe('Signed');

    const rnm = await followToFns(mock, id);
    expect(rnm).toMatchObject({ Stage: 'Finalization', Status: 'New' });
    expect(rnm.KktDetails.RegNumber).toMatch(/^\d{16}$/);
    expect(rnm.ResultDocs.map((d: { DocType: string }) => d.DocType)).toEqual(['RnmReport']);
    expect(rnm.Documents[0]).not.toHaveProperty('Content');
    expect(rnm.StatusChangeDateUtc).toBe('2026-11-24T09:00:05');

    // Nothing to sign before the report data are in.
    const tooEarly = await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
    expect(tooEarly.json.Errors[0].Message).toBe('Не заданы данные отчёта о регистрации');

    const report = { DateTime: '2026-11-24T11:58:00', DocumentNumber: '1', Signature: '3023542712' };
    const put = await call('PUT', `${REGISTRATION}/${id}`, { KktDetails: { FiscalDocumentData: report } });
    expect(put.status).toBe(200);
    expect(put.json.Data.KktDetails.FiscalDocumentData).toEqual(report);

    const second = await prepareAndSign(mock, id);
    expect(second.prepared.Stage).toBe('Finalization');
    expect(second.document.FileName).toMatch(/^KO_OTCHREGKKT_/);
    const xml = new TextDecoder('windows-1251').decode(Buffer.from(second.document.Content, 'base64'));
    expect(xml).toContain('ФП="3023542712"');
    expect(xml).toContain(`РегНомерККТ="${rnm.KktDetails.RegNumber}"`);

    const done = await followToFns(mock, id);
    expect(done).toMatchObject({ Stage: 'Finalization', Status: 'Approved' });
    expect(done.ResultDocs.map((d: { DocType: string }) => d.DocType)).toEqual(['RegReport', 'RnmReport']);

    for (const doc of done.ResultDocs) {
      expect(doc.DownloadUri).toContain(`AuthToken=${mock.control.authToken}`);
      const url = new URL(doc.DownloadUri);
      const file = await mock.app.request(url.pathname + url.search);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      const bytes = new Uint8Array(await file.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      expect(bytes.length).toBe(doc.ReportSizeInBytes);
    }
    const printable = new URL(done.DownloadUri);
    expect((await mock.app.request(printable.pathname + printable.search)).status).toBe(200);
  });

  it('can be rejected by FNS with a StatusReason (scenario)', async () => {
    const mock = createMockOfd();
    const id = mock.control.createDemoApplication().Id;
    mock.control.setScenario({ outcome: 'reject', rejectReason: 'Заявитель не идентифицирован' }, id);
    await prepareAndSign(mock, id);
    const rejected = await followToFns(mock, id);
    expect(rejected).toMatchObject({ Status: 'Rejected', Stage: 'Initialization', StatusReason: 'Заявитель не идентифицирован' });
    expect(rejected.ResultDocs[0].DocType).toBe('RnmRejection');
  });

  it('can reject the registration report round instead', async () => {
    const mock = createMockOfd({ scenario: { outcome: 'reject', rejectStage: 'Finalization' } });
    const call = talk(mock.app, mock.control.authToken);
    const id = mock.control.createDemoApplication().Id;
    await prepareAndSign(mock, id);
    expect((await followToFns(mock, id)).Status).toBe('New');
    await call('PUT', `${REGISTRATION}/${id}`, { KktDetails: { FiscalDocumentData: { DateTime: '2026-01-01T10:00:00', DocumentNumber: '1', Signature: '1' } } });
    await prepareAndSign(mock, id);
    const rejected = await followToFns(mock, id);
    expect(rejected).toMatchObject({ Status: 'Rejected', Stage: 'Finalization' });
    expect(rejected.StatusReason).toMatch(/не идентифицирован/);
  });

  it('passes through AwaitingDocuments for the configured time', async () => {
    const mock = createMockOfd({ scenario: { awaitingDocumentsMs: 2000 }, clock: () => 1_800_000_000_000 });
    const call = talk(mock.app, mock.control.authToken);
    const id = mock.control.createDemoApplication().Id;
    const prepared = await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
    expect(prepared.json.Data).toMatchObject({ Status: 'AwaitingDocuments', Documents: [] });
    mock.control.advance(1999);
    expect((await statusOf(mock, id)).Status).toBe('AwaitingDocuments');
    mock.control.advance(1);
    const ready = await statusOf(mock, id);
    expect(ready.Status).toBe('AwaitingSignature');
    expect(ready.Documents).toHaveLength(1);
  });

  it('hands out several documents per round when configured, and waits for all of them', async () => {
    const mock = createMockOfd({ documentsPerRound: 2 });
    const call = talk(mock.app, mock.control.authToken);
    const id = mock.control.createDemoApplication().Id;
    const docs = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents;
    expect(docs).toHaveLength(2);
    expect(docs[0].Id).not.toBe(docs[1].Id);
    const one = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: docs[0].Id, Signature: signContent(docs[0].Content) });
    expect(one.json.Data.Status).toBe('AwaitingSignature');
    const two = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: docs[1].Id, Signature: signContent(docs[1].Content) });
    expect(two.json.Data.Status).toBe('ProcessingSignedDocuments');
  });
});

describe('mock OFD: re-registration (7.7) and de-registration (7.8)', () => {
  it.each([
    ['Reregistration', { ReregistrationReasons: { InstallmentPlaceChanged: true } }, 'ReRegReport', '1110061'],
    // 7.8.2's example (l.5533) gives de-registration documents Kind 1110061; `unregistrationKind: 'form'` gives 1110062.
    ['Unregistration', { UnregistrationReasons: { Broken: true } }, 'UnReg', '1110061'],
  ] as const)('%s: one round to Approved with %s', async (purpose, reasons, resultType, knd) => {
    const mock = createMockOfd();
    const id = mock.control.createDemoApplication({
      Purpose: purpose,
      KktDetails: { RegNumber: '0000000001046313', ...reasons },
    }).Id;
    const { document } = await prepareAndSign(mock, id);
    expect(document.Kind).toBe(knd);
    const done = await followToFns(mock, id);
    expect(done).toMatchObject({ Purpose: purpose, Status: 'Approved', Stage: 'Finalization' });
    expect(done.ResultDocs.map((d: { DocType: string }) => d.DocType)).toEqual([resultType]);
  });

  it("refuses to prepare re-registration of a cash register without its RNM ('Касса не зарегистрирована в ФНС')", async () => {
    const mock = createMockOfd();
    const id = mock.control.createDemoApplication({ Purpose: 'Unregistration', KktDetails: { UnregistrationReasons: { Lost: true } } }).Id;
    const answer = await talk(mock.app, mock.control.authToken)('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
    expect(answer.json.Errors[0]).toEqual({ Code: 'ValidationError', Message: 'Касса не зарегистрирована в ФНС' });
  });
});

describe('mock OFD: prepareDocuments (7.3, Table 23)', () => {
  it('returns a windows-1251 XML with the company, the signer, the cash register and the address', async () => {
    const mock = createMockOfd();
    const id = mock.control.createDemoApplication().Id;
    const answer = await talk(mock.app, mock.control.authToken)('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
    const document = answer.json.Data.Documents[0];
    expect(document).toMatchObject({ Kind: '1110061', Signature: 'Unsigned' });
    expect(document.FileName).toMatch(/^KO_ZVLREGKKT_7701_7701_7701234560770101001_\d{8}_[0-9a-f]{32}$/);
    // The spec's sample Content begins like this: base64 of the windows-1251 XML declaration.
    expect(document.Content.startsWith('PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0id2luZG93cy0xMjUxIj8+')).toBe(true);
    const bytes = Buffer.from(document.Content, 'base64');
    expect(bytes.includes(0xd0)).toBe(true); // 'Р' in windows-1251; UTF-8 would have 0xD0 0xA0 pairs everywhere
    const xml = new TextDecoder('windows-1251').decode(bytes);
    for (const expected of [DEMO_COMPANY.name, DEMO_COMPANY.inn, DEMO_COMPANY.kpp, 'Романова', 'Генеральный директор', DEMO_KKT.model, DEMO_KKT.serialNumber, DEMO_KKT.fnNumber, DEMO_KKT.fnModel, 'ул. Тверская']) {
      expect(xml).toContain(expected);
    }
  });

  it.each([
    ['no model', { Model: '' }, 'Не удалось определить модель ККТ'],
    ['no serial number', { SerialNumber: '' }, 'Не удалось определить ЗН ККТ'],
  ])('refuses a cash register with %s', async (_what, kkt, message) => {
    const mock = createMockOfd();
    const id = mock.control.createDemoApplication({ KktDetails: kkt }).Id;
    const answer = await talk(mock.app, mock.control.authToken)('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
    expect(answer.json.Errors[0].Message).toBe(message);
  });

  it('refuses a signer without a name', async () => {
    const mock = createMockOfd();
    const id = mock.control.createDemoApplication().Id;
    const answer = await talk(mock.app, mock.control.authToken)('POST', `${REGISTRATION}/${id}/prepareDocuments`, { LastName: '', GivenName: 'А', Position: '' });
    expect(answer.status).toBe(400);
    expect(answer.json.Errors[0].Code).toBe('ValidationError');
  });

  it('regenerates unsigned documents on a second prepare, so the old document id is gone', async () => {
    const mock = createMockOfd();
    const call = talk(mock.app, mock.control.authToken);
    const id = mock.control.createDemoApplication().Id;
    const old = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents[0];
    const fresh = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents;
    expect(fresh).toHaveLength(1);
    expect(fresh[0].Id).not.toBe(old.Id);
    const stale = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: old.Id, Signature: signContent(old.Content) });
    expect(stale.json.Errors[0].Message).toBe('Файл не найден');
  });
});
