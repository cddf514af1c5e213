import { describe, expect, it } from 'vitest';
import {
  createOfdClient,
  OfdApiError,
  OfdBadResponseError,
  ProxyError,
  ShapeError,
  SignOutcomeUnknownError,
} from '../../src/api/index.js';

const ID = '4d5d5574-433d-4c3f-afd7-3b3c39595d33';
const APP = { Id: ID, Purpose: 'InitialRegistration', Stage: 'Initialization', Status: 'AwaitingSignature', Documents: [] };

interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** A fetch answering from a list, recording what it was asked. */
function stubFetch(...answers: Array<Response | (() => Response | Promise<Response>) | Error>) {
  const seen: Seen[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ method: request.method, url: request.url, headers: request.headers, body: await request.text() });
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next.clone();
  };
  return { fetch, seen };
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const proxyError = (status: number, code: string, retryable: boolean) =>
  jsonResponse(status, {
    Status: 'Failed',
    Error: { Code: code, Message: `${code} in English`, Messages: { ru: `${code} по-русски`, en: `${code} in English` }, Retryable: retryable, RequestId: 'r-1' },
  });

const client = (fetch: typeof globalThis.fetch, extra: object = {}) =>
  createOfdClient({ baseUrl: 'https://partner.example/api/', ticket: 'tkt', fetch, retry: { limit: 2, baseDelayMs: 1 }, ...extra });

describe('API client requests', () => {
  it('uses the proxy paths and methods, with the Bearer ticket', async () => {
    const { fetch, seen } = stubFetch(jsonResponse(200, { Data: APP, Success: true }));
    const c = client(fetch);
    await c.getApplication(ID);
    await c.prepareDocuments(ID, { LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Директор' });
    await c.sign(ID, 'doc-1', 'MIIB');
    await c.submitRegistrationReport(ID, { dateTime: new Date(Date.UTC(2026, 0, 10, 7, 5, 9)), documentNumber: ' 12 ', fiscalSign: 3023542712 });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET https://partner.example/api/registration/${ID}`,
      `POST https://partner.example/api/registration/${ID}/prepareDocuments`,
      `POST https://partner.example/api/registration/${ID}/sign`,
      `PUT https://partner.example/api/registration/${ID}/registration-report`,
    ]);
    expect(seen.every((s) => s.headers.get('authorization') === 'Bearer tkt')).toBe(true);
    expect(JSON.parse(seen[1]!.body)).toEqual({ LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Директор' });
    expect(JSON.parse(seen[2]!.body)).toEqual({ DocumentId: 'doc-1', Signature: 'MIIB' });
    expect(JSON.parse(seen[3]!.body)).toEqual({
      KktDetails: { FiscalDocumentData: { DateTime: '2026-01-10T07:05:09', DocumentNumber: '12', Signature: '3023542712' } },
    });
  });

  it('builds file URLs under the application and fetches files with the ticket', async () => {
    const pdf = new Response('%PDF-1.4', { status: 200, headers: { 'Content-Type': 'application/pdf' } });
    const { fetch, seen } = stubFetch(pdf);
    const c = client(fetch);
    expect(c.fileUrl(ID, 'result/0')).toBe(`https://partner.example/api/registration/${ID}/files/result/0`);
    const blob = await c.getFile(ID, '/application');
    expect(await blob.text()).toBe('%PDF-1.4');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer tkt');
  });

  it('turns a failed file request into the envelope error', async () => {
    const { fetch } = stubFetch(proxyError(404, 'NOT_FOUND', false));
    await expect(client(fetch).getFile(ID, 'application')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});

describe('API client errors', () => {
  it("surfaces the proxy's Code, Messages and Retryable", async () => {
    const { fetch, seen } = stubFetch(proxyError(401, 'TICKET_EXPIRED', false));
    const error = await client(fetch).getApplication(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ code: 'TICKET_EXPIRED', status: 401, retryable: false, requestId: 'r-1' });
    expect((error as ProxyError).userMessage('ru')).toBe('TICKET_EXPIRED по-русски');
    expect(seen).toHaveLength(1);
  });

  it('retries a GET on a retryable proxy 503 and on a thrown network error', async () => {
    const { fetch, seen } = stubFetch(proxyError(503, 'UPSTREAM_UNAVAILABLE', true), new TypeError('fetch failed'), jsonResponse(200, { Data: APP, Success: true }));
    expect((await client(fetch).getApplication(ID)).Id).toBe(ID);
    expect(seen).toHaveLength(3);
  });

  it.each([
    ['the proxy says the outcome is unknown', () => proxyError(503, 'SIGN_OUTCOME_UNKNOWN', true)],
    ['the proxy says the sign is in flight', () => proxyError(409, 'SIGN_IN_PROGRESS', true)],
    ['the proxy times out upstream', () => proxyError(504, 'UPSTREAM_TIMEOUT', true)],
    ['an HTML 502', () => new Response('<html>bad gateway</html>', { status: 502 })],
    ['an unreadable 200', () => new Response('<html>ok?</html>', { status: 200 })],
    ['a success with an application of the wrong shape', () => jsonResponse(200, { Data: { Id: 5 }, Success: true })],
    ['a reset connection', () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }))],
  ])('sign: %s → SignOutcomeUnknownError, one request', async (_what, answer) => {
    const { fetch, seen } = stubFetch(answer as () => Response);
    const error = await client(fetch).sign(ID, 'doc-1', 'MIIB').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignOutcomeUnknownError);
    expect((error as SignOutcomeUnknownError).userMessage('ru')).toMatch(/Не подписывайте заново/);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['a refused signature before upstream', () => proxyError(422, 'SIGNATURE_CONTENT_MISMATCH', false), ProxyError],
    ['an expired ticket', () => proxyError(401, 'TICKET_EXPIRED', false), ProxyError],
    ['a refused connection', () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })), OfdApiError],
  ])('sign: %s is definite', async (_what, answer, type) => {
    const { fetch } = stubFetch(answer as () => Response);
    const error = await client(fetch).sign(ID, 'doc-1', 'MIIB').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).not.toBeInstanceOf(SignOutcomeUnknownError);
  });

  it('sign aborted by the caller is an unknown outcome too', async () => {
    const controller = new AbortController();
    const fetch: typeof globalThis.fetch = (input, init) => {
      const { signal } = new Request(input, init);
      return new Promise((_resolve, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    };
    const pending = client(fetch, { timeoutMs: 60_000 }).sign(ID, 'doc-1', 'MIIB', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(SignOutcomeUnknownError);
  });

  it.each([
    ['an internal error under a numeric 6.1 code on HTTP 200', 200, { Status: 'Failed', Error: { Code: 500, Message: 'Ошибка на сервере' } }],
    ['a numeric code with an unlisted message on HTTP 400', 400, { Status: 'Failed', Error: { Code: 7, Message: 'Что-то пошло не так' } }],
    ['Table 25 InternalServerError on HTTP 200', 200, { Data: null, Success: false, Errors: [{ Code: 'InternalServerError', Message: 'Ошибка на сервере' }] }],
  ])('sign: %s is an unknown outcome, never a definite refusal', async (_what, status, body) => {
    const { fetch, seen } = stubFetch(jsonResponse(status, body));
    await expect(client(fetch).sign(ID, 'doc-1', 'MIIB')).rejects.toBeInstanceOf(SignOutcomeUnknownError);
    expect(seen).toHaveLength(1);
  });

  it('sign: a numeric code with a message of Table 25 is the definite refusal it names', async () => {
    const { fetch } = stubFetch(jsonResponse(400, { Status: 'Failed', Error: { Code: 3, Message: 'Не удалось проверить КЭП' } }));
    const error = await client(fetch).sign(ID, 'doc-1', 'MIIB').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '3', reason: 'SIGNATURE_NOT_VERIFIED' });
    expect(error).not.toBeInstanceOf(SignOutcomeUnknownError);
  });

  it('a write answered with a success without Data reads the application back', async () => {
    const { fetch, seen } = stubFetch(jsonResponse(200, { Status: 'Success' }), jsonResponse(200, { Data: { ...APP, Status: 'ProcessingSignedDocuments' }, Success: true }));
    const app = await client(fetch).sign(ID, 'doc-1', 'MIIB');
    expect(app.Status).toBe('ProcessingSignedDocuments');
    expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([`POST /api/registration/${ID}/sign`, `GET /api/registration/${ID}`]);
  });

  it('the registration report DateTime: a Date goes as UTC, a string gets its seconds', async () => {
    const { fetch, seen } = stubFetch(jsonResponse(200, { Data: APP, Success: true }));
    await client(fetch).submitRegistrationReport(ID, { dateTime: new Date('2026-01-15T10:30:00+03:00'), documentNumber: 1, fiscalSign: 2 });
    await client(fetch).submitRegistrationReport(ID, { dateTime: '2026-01-15 07:30', documentNumber: 1, fiscalSign: 2 });
    const sent = seen.map((s) => JSON.parse(s.body).KktDetails.FiscalDocumentData.DateTime);
    expect(sent).toEqual(['2026-01-15T07:30:00', '2026-01-15T07:30:00']);
  });

  it('a GET with a malformed application is a ShapeError naming the field', async () => {
    const { fetch } = stubFetch(jsonResponse(200, { Data: { ...APP, Documents: [{ Kind: '1110061' }] }, Success: true }));
    const error = await client(fetch).getApplication(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShapeError);
    expect(error).toMatchObject({ path: 'Documents[0].Id' });
  });

  it('keeps the body snippet of an unreadable answer for logs', async () => {
    const { fetch } = stubFetch(new Response('<html>maintenance</html>', { status: 503 }));
    const error = await client(fetch, { retry: { limit: 0 } }).getApplication(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfdBadResponseError);
    expect((error as OfdBadResponseError).bodySnippet).toContain('maintenance');
  });
});
