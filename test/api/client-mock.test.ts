import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOfdClient,
  isSignOutcomeUnknown,
  OfdApiError,
  OfdNetworkError,
  OfdTimeoutError,
  OfdValidationError,
  SignOutcomeUnknownError,
  type OfdClient,
} from '../../src/api/index.js';
import { DIRECTOR_SIGNER, signContent } from '../mock-ofd/helpers.js';
import { startMock, type RunningMock } from './mock-server.js';

const FAST_RETRY = { limit: 2, baseDelayMs: 1, maxDelayMs: 5 };

let mock: RunningMock;
let client: OfdClient;

beforeAll(async () => {
  mock = await startMock({ timings: { processingMs: 10, sendingMs: 10, fnsMs: 10 } });
  client = createOfdClient({ baseUrl: mock.clientBaseUrl, ticket: 'ticket-123', fetch: mock.fetch, retry: FAST_RETRY, timeoutMs: 2000 });
});
afterAll(() => mock.close());

const callsTo = (route: string, id: string) =>
  mock.control.calls().filter((c) => c.route === route && c.applicationId === id).length;

async function preparedApplication() {
  const id = mock.control.createDemoApplication().Id;
  const application = await client.prepareDocuments(id, DIRECTOR_SIGNER);
  return { id, document: application.Documents[0]! };
}

describe('API client against the mock OFD over a real socket', () => {
  it('walks an initial registration to Approved and sends the ticket as a Bearer token', async () => {
    const id = mock.control.createDemoApplication().Id;
    expect((await client.getApplication(id)).Status).toBe('New');
    const prepared = await client.prepareDocuments(id, DIRECTOR_SIGNER);
    expect(prepared.Status).toBe('AwaitingSignature');
    const document = prepared.Documents[0]!;
    const signed = await client.sign(id, document.Id, signContent(document.Content!));
    expect(signed.Status).toBe('ProcessingSignedDocuments');

    mock.control.advance(30);
    const rnm = await client.getApplication(id);
    expect(rnm).toMatchObject({ Stage: 'Finalization', Status: 'New' });
    expect(rnm.ResultDocs.map((d) => d.DocType)).toEqual(['RnmReport']);

    const reported = await client.submitRegistrationReport(id, { dateTime: '2026-01-10T10:00:00', documentNumber: 1, fiscalSign: '3023542712' });
    expect(reported.KktDetails.FiscalDocumentData).toEqual({ DateTime: '2026-01-10T10:00:00', DocumentNumber: '1', Signature: '3023542712' });
    const second = (await client.prepareDocuments(id, DIRECTOR_SIGNER)).Documents.find((d) => d.Signature === 'Unsigned')!;
    await client.sign(id, second.Id, signContent(second.Content!));
    mock.control.advance(30);
    const approved = await client.getApplication(id);
    expect(approved.Status).toBe('Approved');
    expect(approved.ResultDocs.map((d) => d.DocType)).toEqual(['RegReport', 'RnmReport']);

    const mine = mock.sent.filter((s) => s.url.includes(id));
    expect(mine.every((s) => s.authorization === 'Bearer ticket-123')).toBe(true);
    expect(mock.control.signCallCount(id)).toBe(2);
  });

  it('understands the section 6.1 envelope as well', async () => {
    const statusMock = await startMock({ envelope: 'status' });
    try {
      const c = createOfdClient({ baseUrl: statusMock.clientBaseUrl, ticket: 't', fetch: statusMock.fetch });
      const id = statusMock.control.createDemoApplication().Id;
      expect((await c.getApplication(id)).Id).toBe(id);
      const error = await c.getApplication('1a2b3c4d-0000-4000-8000-000000000000').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OfdValidationError);
      expect((error as OfdValidationError).reason).toBe('APPLICATION_NOT_FOUND');
    } finally {
      await statusMock.close();
    }
  });
});

describe('retries: reads yes, writes no, sign never', () => {
  it.each(['500', 'html', 'drop-after-processing'] as const)('retries a GET after %s and succeeds', async (kind) => {
    const id = mock.control.createDemoApplication().Id;
    mock.control.injectFault({ route: 'status', kind, times: 2 });
    expect((await client.getApplication(id)).Id).toBe(id);
    expect(callsTo('status', id)).toBe(3);
  });

  it('retries a GET after a timeout', async () => {
    const id = mock.control.createDemoApplication().Id;
    const quick = createOfdClient({ baseUrl: mock.clientBaseUrl, ticket: 't', fetch: mock.fetch, retry: FAST_RETRY, timeoutMs: 150 });
    mock.control.injectFault({ route: 'status', kind: 'timeout', hangMs: 1000 });
    expect((await quick.getApplication(id)).Id).toBe(id);
    expect(callsTo('status', id)).toBe(2);
  });

  it('gives up after the retry limit with a retryable InternalServerError', async () => {
    const id = mock.control.createDemoApplication().Id;
    mock.control.injectFault({ route: 'status', kind: '500', times: 10 });
    const error = await client.getApplication(id).catch((e: unknown) => e);
    mock.control.clearFaults();
    expect(error).toBeInstanceOf(OfdApiError);
    expect(error).toMatchObject({ code: 'InternalServerError', status: 500, retryable: true });
    expect(callsTo('status', id)).toBe(1 + FAST_RETRY.limit);
  });

  it('does not retry a failure body on HTTP 200 nor a 4xx', async () => {
    const id = mock.control.createDemoApplication().Id;
    mock.control.injectFault({ route: 'status', kind: 'failure-200' });
    await expect(client.getApplication(id)).rejects.toMatchObject({ code: 'InternalServerError', status: 200 });
    expect(callsTo('status', id)).toBe(1);
    const other = '0b0e0f00-1111-4222-8333-444455556666';
    await expect(client.getApplication(other)).rejects.toBeInstanceOf(OfdValidationError);
    expect(mock.control.calls().filter((c) => c.applicationId === other)).toHaveLength(1);
  });

  it('does not retry prepareDocuments', async () => {
    const id = mock.control.createDemoApplication().Id;
    mock.control.injectFault({ route: 'prepareDocuments', kind: '500' });
    await expect(client.prepareDocuments(id, DIRECTOR_SIGNER)).rejects.toMatchObject({ code: 'InternalServerError' });
    expect(callsTo('prepareDocuments', id)).toBe(1);
  });

  it.each(['500', 'html', 'failure-200', '500-after-processing', 'drop-after-processing', 'timeout-after-processing'] as const)(
    'turns sign + %s into SignOutcomeUnknownError after exactly one request',
    async (kind) => {
      const { id, document } = await preparedApplication();
      const quick = createOfdClient({ baseUrl: mock.clientBaseUrl, ticket: 't', fetch: mock.fetch, retry: FAST_RETRY, timeoutMs: 300 });
      mock.control.injectFault({ route: 'sign', kind, hangMs: 2000 });
      const error = await quick.sign(id, document.Id, signContent(document.Content!)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignOutcomeUnknownError);
      expect(isSignOutcomeUnknown(error)).toBe(true);
      expect(error).toMatchObject({ code: 'SIGN_OUTCOME_UNKNOWN', applicationId: id, documentId: document.Id, retryable: false });
      expect(mock.control.signCallCount(id, document.Id)).toBe(1);
      // Reconciling through status tells the truth: processed or not.
      const processed = kind.endsWith('after-processing');
      const status = await client.getApplication(id);
      expect(status.Documents[0]!.Signature).toBe(processed ? 'Signed' : 'Unsigned');
      if (kind === 'timeout-after-processing') expect(error).toHaveProperty('cause', expect.any(OfdTimeoutError));
    },
  );

  it('reports definite sign refusals as such, with the Table 25 reason', async () => {
    const { id, document } = await preparedApplication();
    const bad = await client.sign(id, document.Id, Buffer.from('not a cms').toString('base64')).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OfdValidationError);
    expect(bad).toMatchObject({ code: 'ValidationError', reason: 'SIGNATURE_NOT_VERIFIED', messages: ['Не удалось проверить КЭП'] });
    expect((bad as OfdValidationError).userMessage('en')).toMatch(/could not verify the electronic signature/);

    // 7.4 (l.2318): no repeated request — after the refusal the document takes no second sign, even a good one.
    const twice = await client.sign(id, document.Id, signContent(document.Content!)).catch((e: unknown) => e);
    expect(twice).toMatchObject({ reason: 'WRONG_APPLICATION_STATUS' });
    expect((twice as OfdValidationError).userMessage('ru')).toMatch(/не ждёт подписи/);

    const missing = await client.sign(id, '5e5e5e5e-0000-4000-8000-000000000001', 'MIIB').catch((e: unknown) => e);
    expect(missing).toMatchObject({ reason: 'DOCUMENT_NOT_FOUND' });
    expect(mock.control.signCallCount(id)).toBe(3);
  });

  it('reports a refused connection as a network error, not an unknown sign outcome', async () => {
    const dead = await startMock();
    const base = dead.clientBaseUrl;
    await dead.close();
    const c = createOfdClient({ baseUrl: base, ticket: 't', retry: { limit: 0 } });
    const error = await c.sign('1a2b3c4d-0000-4000-8000-000000000000', 'd', 'MIIB').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfdNetworkError);
  });
});
