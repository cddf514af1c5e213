import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTicket } from '../../src/proxy/ticket.js';
import { AUTH_TOKEN, OFD_ORIGIN, ofdError } from './helpers/fake-ofd.js';
import { createTestSigner, type TestSigner } from './helpers/cms.js';
import {
  APP_ID, CONTENT, DOC2_ID, DOC_ID, OTHER_APP_ID, PARTNER_ORIGIN, SECRET, createHarness, errorCode, type Harness,
} from './helpers/setup.js';

let signer: TestSigner;
beforeAll(() => {
  signer = createTestSigner();
});
afterAll(() => signer.dispose());

let h: Harness;
beforeEach(() => {
  h = createHarness();
  h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
});

const signBody = (signature: string, documentId = DOC_ID) => JSON.stringify({ DocumentId: documentId, Signature: signature });

describe('GET /api/registration/:id', () => {
  it('answers the application with the token injected upstream and file links pointing at the proxy', async () => {
    const res = await h.request(`/api/registration/${APP_ID}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { Success: boolean; Data: { Id: string; DownloadUri: string; ResultDocs: { DownloadUri: string }[] } };
    expect(body.Success).toBe(true);
    expect(body.Data.Id).toBe(APP_ID);
    expect(body.Data.DownloadUri).toBe(`http://localhost/api/registration/${APP_ID}/files/application`);
    expect(body.Data.ResultDocs.map((d) => d.DownloadUri)).toEqual([
      `http://localhost/api/registration/${APP_ID}/files/result/RnmReport`,
      `http://localhost/api/registration/${APP_ID}/files/result/RegReport`,
    ]);
    expect(h.ofd.calls).toHaveLength(1);
    expect(h.ofd.calls[0]!.token).toBe(AUTH_TOKEN);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('uses publicUrl for rewritten links when configured', async () => {
    h = createHarness({ publicUrl: 'https://sign.partner.example/' });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    const body = (await (await h.request(`/api/registration/${APP_ID}`)).json()) as { Data: { DownloadUri: string } };
    expect(body.Data.DownloadUri).toBe(`https://sign.partner.example/api/registration/${APP_ID}/files/application`);
  });

  it("passes OFD's own error envelope through with its status", async () => {
    const ticket = createTicket({ applicationId: OTHER_APP_ID, expiresInSeconds: 60, secret: SECRET, now: h.now.value });
    const res = await h.request(`/api/registration/${OTHER_APP_ID}`, { ticket });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ Data: null, Success: false, Errors: [{ Code: 'ValidationError', Message: 'Заявка не найдена' }] });
  });

  it('scrubs the AuthToken out of an upstream error that echoes it', async () => {
    h.ofd.onGet(() => ofdError(`Токен ${AUTH_TOKEN} не найден, url ?AuthToken=${AUTH_TOKEN}`, 'AccessDenied'));
    const res = await h.request(`/api/registration/${APP_ID}`);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).toContain('AccessDenied');
    expect(text).not.toContain(AUTH_TOKEN);
  });

  it('shares one upstream call among polls within the status cache window', async () => {
    await Promise.all(Array.from({ length: 10 }, () => h.request(`/api/registration/${APP_ID}`)));
    await h.request(`/api/registration/${APP_ID}`);
    expect(h.ofd.count('GET', APP_ID)).toBe(1);
    h.now.value += 1500;
    await h.request(`/api/registration/${APP_ID}`);
    expect(h.ofd.count('GET', APP_ID)).toBe(2);
  });
});

describe('upstream failures', () => {
  it('UPSTREAM_BAD_RESPONSE for an HTML page from a broken gateway, without leaking the upstream URL', async () => {
    h.ofd.onGet(() => new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const res = await h.request(`/api/registration/${APP_ID}`);
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text).Error.Code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(text).not.toContain('ofd.test');
    expect(text).not.toContain(AUTH_TOKEN);
  });

  it('UPSTREAM_TIMEOUT when OFD does not answer in time', async () => {
    h = createHarness({ limits: { upstreamTimeoutMs: 30 } });
    h.ofd.onGet(() => new Promise<Response>(() => undefined));
    const res = await h.request(`/api/registration/${APP_ID}`);
    expect(res.status).toBe(504);
    expect(await errorCode(res)).toBe('UPSTREAM_TIMEOUT');
  });

  it('UPSTREAM_UNAVAILABLE when the connection is refused', async () => {
    h.ofd.onGet(() => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    });
    const res = await h.request(`/api/registration/${APP_ID}`);
    expect(res.status).toBe(502);
    expect(await errorCode(res)).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('treats a failure body on HTTP 200 as a failure and passes it through', async () => {
    h.ofd.onGet(() => new Response(JSON.stringify({ Status: 'Failed', Error: { Code: 'InternalError', Message: 'x' } }), { status: 200 }));
    const res = await h.request(`/api/registration/${APP_ID}`);
    expect(((await res.json()) as { Status: string }).Status).toBe('Failed');
  });

  it('an odd transport error is UPSTREAM_UNAVAILABLE and reveals nothing internal', async () => {
    h.ofd.onGet(() => {
      throw new TypeError('boom at /srv/app/secret/path.js');
    });
    const res = await h.request(`/api/registration/${APP_ID}`);
    expect(await errorCode(res.clone())).toBe('UPSTREAM_UNAVAILABLE');
    const text = await res.text();
    expect(text).not.toContain('boom');
    expect(text).not.toContain('/srv/app');
    expect(JSON.parse(text).Error.RequestId).toBe(res.headers.get('x-request-id'));
  });
});

describe('INTERNAL', () => {
  it('a broken ledger store answers INTERNAL with a request id, no stack, and nothing is sent', async () => {
    const broken = {
      get: () => Promise.reject(new Error('ECONNREFUSED redis://10.0.0.5:6379 at Socket.connect (/srv/node_modules/x.js:1:1)')),
      claim: () => Promise.reject(new Error('down')),
      settle: () => Promise.reject(new Error('down')),
    };
    h = createHarness({ store: broken });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    const res = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(signer.sign(CONTENT)) });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).Error).toMatchObject({ Code: 'INTERNAL', RequestId: res.headers.get('x-request-id') });
    expect(text).not.toMatch(/redis|srv|Socket|ECONN/);
    expect(h.ofd.signCalls()).toBe(0);
    expect(h.logs.some((l) => l.msg === 'internal' && String(l.error).includes('ECONNREFUSED'))).toBe(true);
  });
});

describe('POST /api/registration/:id/prepareDocuments', () => {
  it('forwards only LastName, GivenName and Position', async () => {
    const res = await h.request(`/api/registration/${APP_ID}/prepareDocuments`, {
      method: 'POST',
      body: JSON.stringify({ LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Генеральный директор', Extra: 'x' }),
    });
    expect(res.status).toBe(200);
    const call = h.ofd.calls.find((c) => c.path.endsWith('/prepareDocuments'))!;
    expect(call.body).toEqual({ LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Генеральный директор' });
  });

  it.each<[unknown, string]>([
    [{ GivenName: 'Анна' }, 'missing LastName'],
    [{ LastName: 'Р<script>', GivenName: 'Анна' }, 'markup'],
    [{ LastName: 'Р'.repeat(101), GivenName: 'Анна' }, 'too long'],
    [{ LastName: 'Романова', GivenName: 'Анна\u0000' }, 'control character'],
    [['Романова'], 'not an object'],
  ])('INVALID_BODY for %j (%s) without calling upstream', async (body) => {
    const res = await h.request(`/api/registration/${APP_ID}/prepareDocuments`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('INVALID_BODY');
    expect(h.ofd.calls).toHaveLength(0);
  });

  it('INVALID_BODY for malformed JSON and for a non-JSON content type', async () => {
    let res = await h.request(`/api/registration/${APP_ID}/prepareDocuments`, { method: 'POST', body: '{"LastName":' });
    expect(await errorCode(res)).toBe('INVALID_BODY');
    res = await h.request(`/api/registration/${APP_ID}/prepareDocuments`, {
      method: 'POST',
      body: 'LastName=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await errorCode(res)).toBe('INVALID_BODY');
    expect(h.ofd.calls).toHaveLength(0);
  });

  it('BODY_TOO_LARGE over the limit', async () => {
    const res = await h.request(`/api/registration/${APP_ID}/prepareDocuments`, {
      method: 'POST',
      body: JSON.stringify({ LastName: 'x', GivenName: 'y', Padding: 'z'.repeat(20_000) }),
    });
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('BODY_TOO_LARGE');
    expect(h.ofd.calls).toHaveLength(0);
  });
});

describe('POST /api/registration/:id/sign', () => {
  it('sends a valid attached signature (DER) once and answers the application', async () => {
    const res = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(signer.sign(CONTENT)) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { Data: { Status: string; DownloadUri: string } };
    expect(body.Data.Status).toBe('ProcessingSignedDocuments');
    expect(body.Data.DownloadUri).toContain('/api/registration/');
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('accepts BER indefinite-length and detached signatures', async () => {
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }, { id: DOC2_ID, content: CONTENT }]);
    let res = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(signer.sign(CONTENT, { ber: true })) });
    expect(res.status).toBe(200);
    res = await h.request(`/api/registration/${APP_ID}/sign`, {
      method: 'POST',
      body: signBody(signer.sign(CONTENT, { detached: true }), DOC2_ID),
    });
    expect(res.status).toBe(200);
    expect(h.ofd.signCalls()).toBe(2);
  });

  it('refuses a signature over the decoded XML before it can spend the one sign (7.4: the Content string is signed)', async () => {
    const res = await h.request(`/api/registration/${APP_ID}/sign`, {
      method: 'POST',
      body: signBody(signer.sign(Buffer.from(CONTENT, 'base64'))),
    });
    expect(await errorCode(res)).toBe('SIGNATURE_CONTENT_MISMATCH');
    expect(h.ofd.signCalls()).toBe(0);
  });

  it('checks the content against what prepareDocuments handed out when OFD status omits Content', async () => {
    await h.request(`/api/registration/${APP_ID}/prepareDocuments`, {
      method: 'POST',
      body: JSON.stringify({ LastName: 'Романова', GivenName: 'Анна' }),
    });
    h.ofd.applications.get(APP_ID)!.hideContent = true;
    const res = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(signer.sign('PD94other')) });
    expect(await errorCode(res)).toBe('SIGNATURE_CONTENT_MISMATCH');
    expect(h.ofd.signCalls()).toBe(0);
  });

  const bad: [string, () => string, string][] = [
    ['not base64', () => 'not base64!!', 'INVALID_BODY'],
    ['base64 but not CMS', () => Buffer.from('hello world, not a signature').toString('base64'), 'SIGNATURE_INVALID'],
    ['without the certificate', () => signer.sign(CONTENT, { withoutCertificate: true }), 'SIGNATURE_INVALID'],
    ['with two signers', () => signer.sign(CONTENT, { twoSigners: true }), 'SIGNATURE_INVALID'],
    ['over other content', () => signer.sign('PD94bWwgb3RoZXI='), 'SIGNATURE_CONTENT_MISMATCH'],
    ['detached over other content', () => signer.sign('PD94bWwgb3RoZXI=', { detached: true }), 'SIGNATURE_CONTENT_MISMATCH'],
  ];
  it.each(bad)('refuses a signature %s without burning the sign', async (_what, make, code) => {
    const res = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(make()) });
    expect(await errorCode(res)).toBe(code);
    expect(h.ofd.signCalls()).toBe(0);
    // The document can still be signed afterwards.
    const ok = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(signer.sign(CONTENT)) });
    expect(ok.status).toBe(200);
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('INVALID_ID for a DocumentId that is not a UUID; DOCUMENT_NOT_FOUND for an unknown one', async () => {
    let res = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(signer.sign(CONTENT), 'doc-1') });
    expect(await errorCode(res)).toBe('INVALID_ID');
    res = await h.request(`/api/registration/${APP_ID}/sign`, {
      method: 'POST',
      body: signBody(signer.sign(CONTENT), '00000000-0000-4000-8000-000000000000'),
    });
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('DOCUMENT_NOT_FOUND');
    expect(h.ofd.signCalls()).toBe(0);
  });

  it('NOT_AWAITING_SIGNATURE when the application is elsewhere in its life', async () => {
    h.ofd.applications.get(APP_ID)!.Status = 'AwaitingDocuments';
    const res = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(signer.sign(CONTENT)) });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('NOT_AWAITING_SIGNATURE');
    expect(h.ofd.signCalls()).toBe(0);
  });

  it('BODY_TOO_LARGE for a signature over the size limit', async () => {
    h = createHarness({ limits: { signatureBytes: 1000 } });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    const res = await h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody('A'.repeat(4000)) });
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('BODY_TOO_LARGE');
    expect(h.ofd.calls).toHaveLength(0);
  });
});

describe('PUT /api/registration/:id/registration-report', () => {
  const report = { KktDetails: { FiscalDocumentData: { DateTime: '2021-12-09T00:00:00', DocumentNumber: '1', Signature: '12345' } } };

  it('forwards only FiscalDocumentData to PUT /registration/{id}', async () => {
    Object.assign(h.ofd.applications.get(APP_ID)!, { Stage: 'Finalization', Status: 'New' });
    const res = await h.request(`/api/registration/${APP_ID}/registration-report`, {
      method: 'PUT',
      body: JSON.stringify({ ...report, CompanyDetails: { Inn: '0000000000' }, KktDetails: { ...report.KktDetails, Model: 'x' } }),
    });
    expect(res.status).toBe(200);
    const call = h.ofd.calls.find((c) => c.method === 'PUT')!;
    expect(call.path).toBe(`/api/integration/v2/b2b/kkt/registration/${APP_ID}`);
    expect(call.body).toEqual(report);
  });

  it.each([
    [{ DateTime: 'yesterday', DocumentNumber: '1', Signature: '12345' }],
    [{ DateTime: '2021-02-30T00:00:00', DocumentNumber: '1', Signature: '12345' }],
    [{ DateTime: '2021-12-09T00:00:00', DocumentNumber: '1a', Signature: '12345' }],
    [{ DateTime: '2021-12-09T00:00:00', DocumentNumber: '1', Signature: '12345678901' }],
    [{ DateTime: '2021-12-09T00:00:00', DocumentNumber: '1' }],
  ])('INVALID_BODY for %j', async (data) => {
    const res = await h.request(`/api/registration/${APP_ID}/registration-report`, {
      method: 'PUT',
      body: JSON.stringify({ KktDetails: { FiscalDocumentData: data } }),
    });
    expect(await errorCode(res)).toBe('INVALID_BODY');
    expect(h.ofd.calls).toHaveLength(0);
  });
});

describe('files', () => {
  it('streams the application PDF and result documents; links outside the API get the token only when OFD asks', async () => {
    let res = await h.request(`/api/registration/${APP_ID}/files/application`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toBe(`%PDF-1.4 /files/application-${APP_ID}.pdf`);
    res = await h.request(`/api/registration/${APP_ID}/files/result/RegReport`);
    expect(await res.text()).toBe(`%PDF-1.4 /files/result-${APP_ID}-1.pdf`);
    const fileCalls = h.ofd.calls.filter((c) => c.path.startsWith('/files/'));
    // This fake OFD refuses files without the token: each is asked once without it, then once with it.
    expect(fileCalls.map((c) => c.token)).toEqual([null, AUTH_TOKEN, null, AUTH_TOKEN]);
  });

  it('a result link keeps its document when ResultDocs change order, and links on another OFD host work (l.1319, l.3134 vs l.4209)', async () => {
    const before = (await (await h.request(`/api/registration/${APP_ID}`)).json()) as { Data: { ResultDocs: { DocType: string; DownloadUri: string }[] } };
    const rnmLink = before.Data.ResultDocs.find((d) => d.DocType === 'RnmReport')!.DownloadUri;
    const app = h.ofd.applications.get(APP_ID)!;
    app.ResultDocs = [...app.ResultDocs].reverse().map((d) => ({ ...d, DownloadUri: d.DownloadUri.replace('https://ofd.test', 'https://dev.ofd.test') }));
    h.now.value += 5000;
    const res = await h.request(new URL(rnmLink).pathname);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`%PDF-1.4 /files/result-${APP_ID}-0.pdf`);
  });

  it('NOT_FOUND for a result index that does not exist, and for links off the OFD host', async () => {
    let res = await h.request(`/api/registration/${APP_ID}/files/result/UnReg`);
    expect(await errorCode(res)).toBe('NOT_FOUND');
    h.ofd.applications.get(APP_ID)!.DownloadUri = 'https://evil.example/steal';
    h.now.value += 5000;
    res = await h.request(`/api/registration/${APP_ID}/files/application`);
    expect(res.status).toBe(404);
    expect(h.ofd.calls.some((c) => c.path === '/steal')).toBe(false);
  });

  it('the simplified-registration status never shows the AuthToken in DownloadUrl', async () => {
    const res = await h.request(`/api/registration/${APP_ID}/simplified/status`);
    const text = await res.text();
    expect(text).not.toContain(AUTH_TOKEN);
    expect(JSON.parse(text).Data.DownloadUrl).toBe(`http://localhost/api/registration/${APP_ID}/files/simplified`);
  });
});

describe('routing', () => {
  it('GET /healthz answers without touching upstream', async () => {
    const res = await h.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(h.ofd.calls).toHaveLength(0);
  });

  it.each(['/api/registration', '/api/kkt/registration/x', '/v2/b2b/kkt/registration', `/api/registration/${APP_ID}/edit`, '/'])(
    'NOT_FOUND for %s without touching upstream',
    async (path) => {
      const res = await h.request(path);
      expect(res.status).toBe(404);
      expect(await errorCode(res)).toBe('NOT_FOUND');
      expect(h.ofd.calls).toHaveLength(0);
    },
  );

  it('METHOD_NOT_ALLOWED for a known path with another method', async () => {
    for (const [method, path] of [
      ['DELETE', `/api/registration/${APP_ID}`],
      ['POST', `/api/registration/${APP_ID}`],
      ['GET', `/api/registration/${APP_ID}/sign`],
      ['PUT', `/api/registration/${APP_ID}/prepareDocuments`],
    ] as const) {
      const res = await h.request(path, { method });
      expect(res.status).toBe(405);
      expect(await errorCode(res)).toBe('METHOD_NOT_ALLOWED');
    }
    expect(h.ofd.calls).toHaveLength(0);
  });

  it('INVALID_ID for an application id that is not a UUID', async () => {
    const res = await h.request('/api/registration/not-a-uuid');
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('INVALID_ID');
    expect(h.ofd.calls).toHaveLength(0);
  });
});

describe('tickets and origins never reach upstream', () => {
  const cases: [string, (h: Harness) => RequestInit & { ticket?: string | null }, string, number][] = [
    ['missing', () => ({ ticket: null }), 'TICKET_MISSING', 401],
    ['malformed', () => ({ ticket: 'abc' }), 'TICKET_INVALID', 401],
    ['tampered', (h) => ({ ticket: h.ticket.slice(0, -2) + (h.ticket.endsWith('AA') ? 'BB' : 'AA') }), 'TICKET_INVALID', 401],
    ['signed with another secret', (h) => ({
      ticket: createTicket({ applicationId: APP_ID, expiresInSeconds: 60, secret: 'another-secret-another-secret-another', now: h.now.value }),
    }), 'TICKET_INVALID', 401],
    ['expired', (h) => ({ ticket: createTicket({ applicationId: APP_ID, expiresInSeconds: 60, secret: SECRET, now: h.now.value - 61_000 }) }), 'TICKET_EXPIRED', 401],
    ['for another application', (h) => ({
      ticket: createTicket({ applicationId: OTHER_APP_ID, expiresInSeconds: 60, secret: SECRET, now: h.now.value }),
    }), 'TICKET_WRONG_APPLICATION', 403],
    ['from a foreign origin', () => ({ headers: { origin: 'https://evil.example' } }), 'ORIGIN_NOT_ALLOWED', 403],
  ];
  it.each(cases)('%s ticket/origin is refused', async (_what, init, code, status) => {
    for (const [method, path, body] of [
      ['GET', `/api/registration/${APP_ID}`, undefined],
      ['POST', `/api/registration/${APP_ID}/sign`, signBody('AAAA')],
      ['GET', `/api/registration/${APP_ID}/files/application`, undefined],
    ] as const) {
      const res = await h.request(path, { method, ...(body ? { body } : {}), ...init(h) });
      expect(res.status).toBe(status);
      expect(await errorCode(res)).toBe(code);
    }
    expect(h.ofd.calls).toHaveLength(0);
  });

  it('a ticket for a list of applications opens each of them', async () => {
    h.ofd.addApplication(OTHER_APP_ID, [{ id: DOC2_ID, content: CONTENT }]);
    const ticket = createTicket({ applicationIds: [APP_ID, OTHER_APP_ID], expiresInSeconds: 60, secret: SECRET, now: h.now.value });
    expect((await h.request(`/api/registration/${APP_ID}`, { ticket })).status).toBe(200);
    expect((await h.request(`/api/registration/${OTHER_APP_ID}`, { ticket })).status).toBe(200);
  });

  it('preflight from an allowed origin gets CORS headers; from a foreign origin it is refused', async () => {
    const ok = await h.app.request(`/api/registration/${APP_ID}/sign`, {
      method: 'OPTIONS',
      headers: { origin: PARTNER_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const refused = await h.app.request(`/api/registration/${APP_ID}/sign`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(await errorCode(refused)).toBe('ORIGIN_NOT_ALLOWED');
    expect(h.ofd.calls).toHaveLength(0);
  });

  it('an allowed origin gets its CORS header on the actual request', async () => {
    const res = await h.request(`/api/registration/${APP_ID}`, { headers: { origin: PARTNER_ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
  });
});

describe('rate limits', () => {
  it('RATE_LIMITED per ticket with Retry-After, other tickets unaffected', async () => {
    h = createHarness({ limits: { perTicketPerMinute: 3 } });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    for (let i = 0; i < 3; i++) expect((await h.request(`/api/registration/${APP_ID}`)).status).toBe(200);
    const limited = await h.request(`/api/registration/${APP_ID}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    const body = (await limited.json()) as { Error: { Code: string; Retryable: boolean; Messages: { ru: string; en: string } } };
    expect(body.Error.Code).toBe('RATE_LIMITED');
    expect(body.Error.Retryable).toBe(true);
    expect(body.Error.Messages.ru).toMatch(/Слишком много/);
    const other = createTicket({ applicationId: APP_ID, expiresInSeconds: 60, secret: SECRET, now: h.now.value });
    expect((await h.request(`/api/registration/${APP_ID}`, { ticket: other })).status).toBe(200);
    h.now.value += 60_000;
    expect((await h.request(`/api/registration/${APP_ID}`)).status).toBe(200);
  });

  it('RATE_LIMITED per client address, even with fresh tickets', async () => {
    h = createHarness({ limits: { perAddressPerMinute: 2 }, clientAddress: (c) => c.req.header('x-test-client') ?? 'x' });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    const headers = { 'x-test-client': '203.0.113.7' };
    expect((await h.request(`/api/registration/${APP_ID}`, { headers })).status).toBe(200);
    expect((await h.request(`/api/registration/${APP_ID}`, { headers, ticket: 'garbage' })).status).toBe(401);
    expect((await h.request(`/api/registration/${APP_ID}`, { headers })).status).toBe(429);
    expect((await h.request(`/api/registration/${APP_ID}`, { headers: { 'x-test-client': '198.51.100.1' } })).status).toBe(200);
  });

  it('with trustProxy the address is the last X-Forwarded-For hop (earlier hops are client-made)', async () => {
    h = createHarness({ limits: { perAddressPerMinute: 1 }, trustProxy: true });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    const from = (xff: string) => h.request(`/api/registration/${APP_ID}`, { headers: { 'x-forwarded-for': xff } });
    expect((await from('1.1.1.1, 203.0.113.9')).status).toBe(200);
    expect((await from('2.2.2.2, 203.0.113.9')).status).toBe(429);
    expect((await from('203.0.113.10')).status).toBe(200);
  });
});

describe('error envelope and logs', () => {
  it('answers errors in the documented envelope', async () => {
    const res = await h.request(`/api/registration/${APP_ID}`, { ticket: null });
    const body = await res.json();
    expect(body).toEqual({
      Status: 'Failed',
      Error: {
        Code: 'TICKET_MISSING',
        Message: expect.any(String),
        Messages: { ru: expect.stringMatching(/[а-я]/), en: expect.any(String) },
        Retryable: false,
        RequestId: res.headers.get('x-request-id'),
      },
    });
  });

  it('no response and no log line carries the AuthToken or a ticket', async () => {
    const texts: string[] = [];
    const record = async (res: Response | Promise<Response>) => texts.push(await (await res).text());
    h.ofd.onGet((call) => (call.path.includes(OTHER_APP_ID) ? ofdError(`bad token ${AUTH_TOKEN}`, 'AccessDenied') : undefined));
    await record(h.request(`/api/registration/${APP_ID}?ticket=${h.ticket}`));
    await record(h.request(`/api/registration/${APP_ID}/simplified/status`));
    await record(h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: signBody(signer.sign(CONTENT)) }));
    await record(h.request(`/api/registration/${APP_ID}/files/application`));
    await record(h.request(`/api/registration/${APP_ID}`, { ticket: h.ticket + 'x' }));
    const other = createTicket({ applicationId: OTHER_APP_ID, expiresInSeconds: 60, secret: SECRET, now: h.now.value });
    await record(h.request(`/api/registration/${OTHER_APP_ID}`, { ticket: other }));
    for (const text of texts) expect(text).not.toContain(AUTH_TOKEN);
    const logText = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(5);
    expect(logText).not.toContain(AUTH_TOKEN);
    expect(logText).not.toContain(h.ticket);
    expect(logText).not.toContain(other);
    expect(h.logs.every((l) => typeof l.time === 'string')).toBe(true);
    expect(h.logs.filter((l) => l.msg === 'request').every((l) => typeof l.requestId === 'string')).toBe(true);
    expect(OFD_ORIGIN).toBe('https://ofd.test');
  });
});
