/**
 * The proxy in front of the mock OFD, both on real loopback sockets, driven by the API client the widget uses:
 * the full registration round trip, sign-once against a server that really refuses a second sign, the
 * "processed then dropped" fault, and no AuthToken anywhere a browser could see it.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfdClient } from '../../src/api/client.js';
import { isSignOutcomeUnknown } from '../../src/api/errors/index.js';
import { createMockOfd } from '../../src/mock-ofd/index.js';
import { startProxyServer, type RunningProxy } from '../../src/proxy/server.js';
import { createTicket } from '../../src/proxy/ticket.js';
import { buildCadesBes } from '../../src/testing/cms-builder.js';
import { createDemoCertificates } from '../../src/testing/demo-certificates.js';
import { DEMO_COMPANY } from '../../src/testing/demo-identity.js';

const TOKEN = 'mock-partner-token-0123456789abcdef';
const SECRET = 'through-mock-ticket-secret-0123456789abcdef';
const mock = createMockOfd({ authToken: TOKEN });
let mockServer: ReturnType<typeof serve>;
let mockUrl: string;
let proxy: RunningProxy;
const logs: object[] = [];

beforeAll(async () => {
  mockServer = serve({ fetch: mock.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => mockServer.once('listening', () => resolve()));
  mockUrl = `http://127.0.0.1:${(mockServer.address() as AddressInfo).port}`;
  proxy = await startProxyServer({
    ofdBaseUrl: `${mockUrl}/api/integration`,
    authToken: TOKEN,
    ticketSecret: SECRET,
    allowedOrigins: ['https://partner.example'],
    logger: (line) => logs.push(line),
    limits: { statusCacheMs: 0 },
  });
});

afterAll(async () => {
  await proxy?.close();
  await new Promise<void>((resolve) => mockServer.close(() => resolve()));
});

const director = () => createDemoCertificates().director;
const signContent = (content: string) =>
  Buffer.from(buildCadesBes({ content: new TextEncoder().encode(content), certificate: director() })).toString('base64');

function clientFor(applicationId: string) {
  const ticket = createTicket({ applicationId, expiresInSeconds: 600, secret: SECRET });
  return { ticket, client: createOfdClient({ baseUrl: `${proxy.url}/api`, ticket, retry: { limit: 0 } }) };
}

const signer = {
  LastName: DEMO_COMPANY.director.lastName,
  GivenName: `${DEMO_COMPANY.director.firstName} ${DEMO_COMPANY.director.middleName}`,
  Position: DEMO_COMPANY.director.title,
};

describe('proxy in front of the mock OFD over sockets', () => {
  it('runs a registration to Approved; every document is signed exactly once; files come through the proxy', async () => {
    const application = mock.control.createDemoApplication();
    const { client, ticket } = clientFor(application.Id);

    let app = await client.prepareDocuments(application.Id, signer);
    expect(app.Status).toBe('AwaitingSignature');
    const document = app.Documents[0]!;
    const signature = signContent(document.Content!);
    // A double click: two identical signs at once.
    const [a, b] = await Promise.all([
      client.sign(application.Id, document.Id, signature),
      client.sign(application.Id, document.Id, signature),
    ]);
    expect(a.Status).toBe(b.Status);
    expect(mock.control.signCallCount(application.Id, document.Id)).toBe(1);

    // FNS assigns the RNM: the registration report round.
    mock.control.advance(10_000);
    app = await client.getApplication(application.Id);
    expect([app.Stage, app.Status]).toEqual(['Finalization', 'New']);
    app = await client.submitRegistrationReport(application.Id, { dateTime: '2026-01-15T10:00:00', documentNumber: 1, fiscalSign: '1234567890' });
    app = await client.prepareDocuments(application.Id, signer);
    // The finished round's document stays listed, signed; the report is the unsigned one.
    const report = app.Documents.find((d) => d.Signature !== 'Signed')!;
    await client.sign(application.Id, report.Id, signContent(report.Content!));
    mock.control.advance(10_000);
    app = await client.getApplication(application.Id);
    expect(app.Status).toBe('Approved');
    expect(app.ResultDocs.length).toBeGreaterThan(0);
    for (const uri of [app.DownloadUri, ...app.ResultDocs.map((r) => r.DownloadUri)]) {
      expect(uri?.startsWith(`${proxy.url}/api/registration/${application.Id}/files/`)).toBe(true);
    }
    const res = await fetch(app.ResultDocs[0]!.DownloadUri!, { headers: { authorization: `Bearer ${ticket}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/pdf/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(JSON.stringify(app)).not.toContain(TOKEN);
  });

  it('"processed, then the connection dropped": the proxy reconciles and answers success, nothing re-sent', async () => {
    const application = mock.control.createDemoApplication();
    const { client } = clientFor(application.Id);
    const app = await client.prepareDocuments(application.Id, signer);
    const document = app.Documents[0]!;
    mock.control.injectFault({ route: 'sign', kind: 'drop-after-processing' });
    const signed = await client.sign(application.Id, document.Id, signContent(document.Content!));
    expect(signed.Documents.find((d) => d.Id === document.Id)?.Signature ?? signed.Status).not.toBe('Unsigned');
    expect(mock.control.signCallCount(application.Id, document.Id)).toBe(1);
    await client.sign(application.Id, document.Id, signContent(document.Content!));
    expect(mock.control.signCallCount(application.Id, document.Id)).toBe(1);
  });

  it('a 500 before processing is "outcome unknown" for the client and is not re-sent by the proxy', async () => {
    const application = mock.control.createDemoApplication();
    const { client } = clientFor(application.Id);
    const app = await client.prepareDocuments(application.Id, signer);
    const document = app.Documents[0]!;
    mock.control.injectFault({ route: 'sign', kind: '500' });
    const signature = signContent(document.Content!);
    const error = await client.sign(application.Id, document.Id, signature).catch((e: unknown) => e);
    expect(isSignOutcomeUnknown(error)).toBe(true);
    await client.sign(application.Id, document.Id, signature).catch(() => undefined);
    expect(mock.control.signCallCount(application.Id, document.Id)).toBe(1);
  });

  it('a signature over other content is refused by the proxy and never reaches the mock', async () => {
    const application = mock.control.createDemoApplication();
    const { client } = clientFor(application.Id);
    const app = await client.prepareDocuments(application.Id, signer);
    const document = app.Documents[0]!;
    const error = await client.sign(application.Id, document.Id, signContent('PD94bWwgb3RoZXI=')).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('SIGNATURE_CONTENT_MISMATCH');
    expect(mock.control.signCallCount(application.Id)).toBe(0);
  });

  it('no log line carries the AuthToken', () => {
    expect(logs.length).toBeGreaterThan(10);
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
  });
});
