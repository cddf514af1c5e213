/**
 * The mock plays each reading of the spec it names (src/mock-ofd/scenarios.ts) and is no more lenient than the
 * spec where the spec speaks (issue 11). Line numbers are the spec text's.
 */
import { describe, expect, it } from 'vitest';
import { createMockOfd, MOCK_SCENARIO_NAMES, MOCK_SCENARIOS, mockScenarioOptions } from '../../src/mock-ofd/index.js';
import { certificates, DIRECTOR_SIGNER, REGISTRATION, signContent, talk } from './helpers.js';

type Mock = ReturnType<typeof createMockOfd>;

async function signRound(mock: Mock, id: string) {
  const call = talk(mock.app, mock.control.authToken);
  const prepared = await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
  expect(prepared.status).toBe(200);
  for (const document of prepared.json.Data.Documents.filter((d: { Signature: string; Content?: string }) => d.Content)) {
    const signed = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: document.Id, Signature: signContent(document.Content) });
    expect(signed.status, mock.control.lastSignatureRejection()).toBe(200);
  }
  return prepared.json.Data;
}

const status = async (mock: Mock, id: string) => (await talk(mock.app, mock.control.authToken)('GET', `${REGISTRATION}/${id}`)).json.Data;

describe('named scenarios', () => {
  it('every scenario has a description citing the spec and builds', () => {
    for (const name of MOCK_SCENARIO_NAMES) {
      expect(MOCK_SCENARIOS[name].description.length, name).toBeGreaterThan(20);
      expect(() => createMockOfd(mockScenarioOptions(name)), name).not.toThrow();
    }
    expect(() => mockScenarioOptions('nope' as never)).toThrow(RangeError);
  });
});

describe('readings', () => {
  it('sent-to-fns: the round ends at SentToFns with the positive document and stays there (7.7.4 l.5083, l.5163)', async () => {
    const mock = createMockOfd({ readings: { success: 'sent-to-fns' } });
    const id = mock.control.createDemoApplication({ Purpose: 'Reregistration', KktDetails: { RegNumber: '0000000001046313', ReregistrationReasons: { Other: true } } }).Id;
    await signRound(mock, id);
    mock.control.advance(60_000);
    const done = await status(mock, id);
    expect(done).toMatchObject({ Status: 'SentToFns', Stage: 'Initialization' });
    expect(done.ResultDocs.map((d: { DocType: string }) => d.DocType)).toEqual(['ReRegReport']);
  });

  it.each([
    ['content', true, 1],
    ['no-content', false, 1],
    ['empty', false, 0],
  ] as const)('statusDocuments %s: what GET shows while AwaitingSignature; prepare still answers with Content', async (reading, hasContent, listed) => {
    const mock = createMockOfd({ readings: { statusDocuments: reading } });
    const id = mock.control.createDemoApplication().Id;
    const prepared = await talk(mock.app, mock.control.authToken)('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER);
    expect(prepared.json.Data.Documents[0].Content).toBeTruthy();
    const shown = await status(mock, id);
    expect(shown.Documents).toHaveLength(listed);
    expect(Boolean(shown.Documents[0]?.Content)).toBe(hasContent);
  });

  it('other-host: file links on dev.<host>, outside /api/integration (l.1319–1320, l.3141)', async () => {
    const mock = createMockOfd({ readings: { fileLinks: 'other-host' } });
    const id = mock.control.createDemoApplication().Id;
    const shown = await status(mock, id);
    expect(new URL(shown.DownloadUri).host).toBe('dev.mock.test');
    expect(new URL(shown.DownloadUri).pathname).toBe('/document/KktRegistrationApplication');
  });

  it('reordered: ResultDocs change order from one read to the next (l.3134 vs l.4209)', async () => {
    const mock = createMockOfd({ readings: { resultDocsOrder: 'reordered' } });
    const id = mock.control.createDemoApplication().Id;
    await signRound(mock, id);
    mock.control.advance(10_000);
    await talk(mock.app, mock.control.authToken)('PUT', `${REGISTRATION}/${id}`, {
      KktDetails: { FiscalDocumentData: { DateTime: '2021-12-09T00:00:00', DocumentNumber: '1', Signature: '12345' } },
    });
    await signRound(mock, id);
    mock.control.advance(10_000);
    const orders = new Set<string>();
    for (let i = 0; i < 3; i++) orders.add((await status(mock, id)).ResultDocs.map((d: { DocType: string }) => d.DocType).join(','));
    expect(orders).toEqual(new Set(['RegReport,RnmReport', 'RnmReport,RegReport']));
  });

  it("numeric: 6.1's Code number ≠ 0 with the tables' message (l.612–626)", async () => {
    const mock = createMockOfd({ readings: { errorCodes: 'numeric' }, envelope: 'status' });
    const answer = await talk(mock.app, mock.control.authToken)('GET', `${REGISTRATION}/00000000-0000-4000-8000-000000000000`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ Status: 'Failed', Error: { Code: 1, Message: 'Заявка не найдена' } });
  });

  it('tables: Director.FirstName is the surname (l.868); examples: the given name (l.1933)', async () => {
    const tables = createMockOfd({ readings: { directorNames: 'tables' } });
    const examples = createMockOfd();
    const a = await status(tables, tables.control.createDemoApplication().Id);
    const b = await status(examples, examples.control.createDemoApplication().Id);
    expect(a.CompanyDetails.Director.FirstName).toBe(b.CompanyDetails.Director.LastName);
    expect(a.CompanyDetails.Director.LastName).toBe(b.CompanyDetails.Director.FirstName);
  });

  it('lower-case: Table 13 values in another casing', async () => {
    const mock = createMockOfd({ readings: { statusCasing: 'lower-case' } });
    const shown = await status(mock, mock.control.createDemoApplication().Id);
    expect(shown).toMatchObject({ Status: 'new', Stage: 'initialization', Purpose: 'initialregistration' });
  });

  it('downloading documents and a transient UnknownError on the way to the FNS answer (Table 13 l.841–842)', async () => {
    const mock = createMockOfd({ readings: { downloadingDocuments: true, transientUnknownError: true } });
    const id = mock.control.createDemoApplication().Id;
    await signRound(mock, id);
    const seen: string[] = [];
    for (let i = 0; i < 16; i++) {
      seen.push((await status(mock, id)).Status);
      mock.control.advance(500);
    }
    expect(seen).toContain('UnknownError');
    expect(seen).toContain('DownloadingDocuments');
    expect(seen.at(-1)).toBe('New');
  });

  it('the de-registration Kind as the 7.8.2 example (1110061, l.5533) or the form code (1110062)', async () => {
    for (const [kind, expected] of [['example', '1110061'], ['form', '1110062']] as const) {
      const mock = createMockOfd({ readings: { unregistrationKind: kind } });
      const id = mock.control.createDemoApplication({ Purpose: 'Unregistration', KktDetails: { RegNumber: '0000000001046313', UnregistrationReasons: { Lost: true } } }).Id;
      const prepared = await signRound(mock, id);
      expect(prepared.Documents[0].Kind).toBe(expected);
    }
  });
});

describe('no more lenient than the spec', () => {
  const setup = () => {
    const mock = createMockOfd();
    const call = talk(mock.app, mock.control.authToken);
    const id = mock.control.createDemoApplication().Id;
    return { mock, call, id };
  };
  const KEP = { Code: 'ValidationError', Message: 'Не удалось проверить КЭП' };

  it('names must be strings (7.3 l.1904–1906)', async () => {
    const { call, id } = setup();
    const answer = await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, { ...DIRECTOR_SIGNER, LastName: 12345 });
    expect(answer.status).toBe(400);
  });

  it('a body must be JSON with its content type (6.1 l.594, l.1913)', async () => {
    const { mock, id } = setup();
    const response = await mock.app.request(`http://mock.test${REGISTRATION}/${id}/prepareDocuments?AuthToken=${mock.control.authToken}`, {
      method: 'POST',
      body: JSON.stringify(DIRECTOR_SIGNER),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(400);
  });

  it('ids as OFD wrote them: another casing is another id (7.4 l.2332)', async () => {
    const { call, id } = setup();
    expect((await call('GET', `${REGISTRATION}/${id.toUpperCase()}`)).json.Errors[0].Message).toBe('Заявка не найдена');
    const document = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents[0];
    const answer = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: document.Id.toUpperCase(), Signature: signContent(document.Content) });
    expect(answer.json.Errors[0].Message).toBe('Файл не найден');
  });

  it('report DateTime to the second (footnote l.6132, examples l.3413)', async () => {
    const { mock, call, id } = setup();
    await signRound(mock, id);
    mock.control.advance(10_000);
    const put = (DateTime: string) => call('PUT', `${REGISTRATION}/${id}`, { KktDetails: { FiscalDocumentData: { DateTime, DocumentNumber: '1', Signature: '12345' } } });
    expect((await put('2021-12-09T10:15')).status).toBe(400);
    const ok = await put('2021-12-09T10:15:00');
    expect(ok.status).toBe(200);
    expect(ok.json.Data.Documents).toEqual([]); // l.3517
  });

  it('no second sign after a refusal (7.4 l.2318)', async () => {
    const { mock, call, id } = setup();
    const document = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents[0];
    const bad = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: document.Id, Signature: signContent(document.Content, certificates().otherCompanyDirector) });
    expect(bad.json.Errors[0]).toEqual(KEP);
    const again = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: document.Id, Signature: signContent(document.Content) });
    expect(again.json.Errors[0].Message).toBe('Некорректный статус заявки');
    expect(mock.control.signCallCount(id, document.Id)).toBe(2);
  });

  it('RepresentativeDetails is {} without an МЧД (l.1227)', async () => {
    const { mock, id } = setup();
    expect((await status(mock, id)).CompanyDetails.Signatory.RepresentativeDetails).toEqual({});
  });

  it('Table 17, 19, 20 and 21 answers on demand', async () => {
    const { mock, call, id } = setup();
    mock.control.injectFault({ route: 'create', kind: 'user-not-found' });
    expect((await call('POST', REGISTRATION, {})).json.Errors[0].Message).toBe('Пользователь не найден');
    mock.control.injectFault({ route: 'create', kind: 'agreement-not-found' });
    expect((await call('POST', REGISTRATION, {})).json.Errors[0].Message).toBe('Договор не найден');
    mock.control.injectFault({ route: 'simplified', kind: 'simplified-start-failed' });
    const start = await call('POST', `${REGISTRATION}/simplified`, { ApplicationId: id });
    expect([start.status, start.json.Errors[0]]).toEqual([500, { Code: 'InternalError', Message: 'Не удалось запустить упрощённый процесс регистрации' }]);
    mock.control.injectFault({ route: 'simplified', kind: 'simplified-error' });
    expect((await call('POST', `${REGISTRATION}/simplified`, { ApplicationId: id })).status).toBe(200);
    mock.control.injectFault({ route: 'simplifiedStatus', kind: 'simplified-status-get-failed' });
    expect((await call('GET', `${REGISTRATION}/${id}/simplified/status`)).json.Errors[0].Message).toBe('Не удалось получить статус');
    mock.control.advance(10_000);
    expect((await call('GET', `${REGISTRATION}/${id}/simplified/status`)).json.Data.Status).toBe('ERROR');
  });
});
