/**
 * Leak scan. The AuthToken and the ticket secret must appear nowhere a browser or a log reader can see them:
 * not in the built bundles, not in any response body or header of a whole journey (files and the
 * simplified-registration link included, where OFD itself puts the token into URLs), not in a log line —
 * and tickets, being bearer credentials, not in a log line either.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCK_OFD_DEFAULT_TOKEN } from '../../src/mock-ofd/index.js';
import { AUTH_TOKEN, expectNoSecret, findSecret, PARTNER_ORIGIN, TICKET_SECRET } from './helpers/secrets.js';
import { createWorld, signContent } from './helpers/world.js';

const DIST = new URL('../../dist/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('built bundles', () => {
  const built = existsSync(join(DIST, 'embed')) || existsSync(join(DIST, 'lib'));
  if (!built) console.warn('[reliability] leak scan of bundles SKIPPED: dist/ is not built (run `npm run build` first)');

  it.skipIf(!built)('carry no secret, no server code, and the browser bundles no emulator', () => {
    // Secrets the build machine may have had in its environment, plus the mock's well-known token.
    const secrets = [AUTH_TOKEN, TICKET_SECRET, MOCK_OFD_DEFAULT_TOKEN, process.env.OFD_AUTH_TOKEN, process.env.TICKET_SECRET].filter(
      (s): s is string => typeof s === 'string' && s.length >= 8,
    );
    const files = filesUnder(DIST).filter((f) => /\.(js|mjs|cjs|html|css|json|map)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      bytes += text.length;
      // dist/node is the server side (proxy and mock CLIs): the mock's well-known demo token belongs there.
      const server = file.includes('/dist/node/');
      for (const s of secrets) if (!(server && s === MOCK_OFD_DEFAULT_TOKEN)) expect(text.includes(s), `${file} contains a secret`).toBe(false);
      if (server || file.endsWith('.map') || file.includes('/types/')) continue;
      // Browser code never builds an OFD URL with the token, nor holds a ticket key.
      expect(/AuthToken=/.test(text), `${file} builds an AuthToken URL`).toBe(false);
      expect(/createHmac|ioredis|TICKET_SECRET|OFD_AUTH_TOKEN/.test(text), `${file} carries server code`).toBe(false);
    }
    // DESIGN: nothing outside src/testing imports the emulator, so it never lands in a partner's bundle.
    for (const file of files.filter((f) => /\/(embed|page)\/|\/lib\/(index|plugin)\.js$|\/lib\/chunks\//.test(f) && !f.endsWith('.map'))) {
      expect(readFileSync(file, 'utf8').includes('installCadesPluginMock'), `${file} bundles the emulator`).toBe(false);
    }
    console.log(`[reliability] leak scan: ${files.length} built files (${Math.round(bytes / 1024)} KiB) clean`);
  });
});

describe('a whole journey through the proxy, OFD putting the token into every link it can', () => {
  it('no response body or header and no log line carries the AuthToken, the ticket secret or a ticket', async () => {
    const world = createWorld({ mock: { tokenInDownloadUris: true, timings: { processingMs: 10, sendingMs: 10, fnsMs: 10 } } });
    const app = await world.preparedApplication();
    const headers = { origin: PARTNER_ORIGIN };
    for (const doc of app.documents) {
      expect((await world.sign(app.id, app.ticket, doc.Id, signContent(doc.Content), headers)).status).toBe(200);
    }
    world.advance(1_000);
    // Registration report round, then to Approved with the FNS documents.
    const status = await world.request(`/api/registration/${app.id}`, { ticket: app.ticket, headers });
    expect(status.status).toBe(200);
    const report = await world.request(`/api/registration/${app.id}/registration-report`, {
      method: 'PUT',
      ticket: app.ticket,
      headers,
      body: JSON.stringify({ KktDetails: { FiscalDocumentData: { DateTime: '2026-11-24T09:00', DocumentNumber: '1', Signature: '1234567890' } } }),
    });
    expect(report.status, report.text).toBe(200);
    const round2 = await world.request(`/api/registration/${app.id}/prepareDocuments`, {
      method: 'POST',
      ticket: app.ticket,
      headers,
      body: JSON.stringify({ LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Генеральный директор' }),
    });
    expect(round2.status, round2.text).toBe(200);
    for (const doc of (round2.json as { Data: { Documents: { Id: string; Content: string; Signature: string }[] } }).Data.Documents) {
      if (doc.Signature === 'Signed') continue;
      expect((await world.sign(app.id, app.ticket, doc.Id, signContent(doc.Content), headers)).status).toBe(200);
    }
    world.advance(1_000);
    const approved = await world.request(`/api/registration/${app.id}`, { ticket: app.ticket, headers });
    const data = (approved.json as { Data: { Status: string; DownloadUri?: string; ResultDocs?: { DownloadUri: string }[] } }).Data;
    expect(data.Status).toBe('Approved');
    // Every link the browser gets points at the proxy, and each file comes through.
    const links = [data.DownloadUri!, ...(data.ResultDocs ?? []).map((d) => d.DownloadUri)];
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) {
      expect(link.startsWith('http://proxy.test/api/registration/')).toBe(true);
      const file = await world.request(new URL(link).pathname, { ticket: app.ticket, headers });
      expect(file.status, link).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
    }

    // Simplified registration: OFD's DownloadUrl carries the AuthToken in its query.
    const simple = world.control.createDemoApplication();
    const started = await world.ofd('/v2/b2b/kkt/registration/simplified', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ApplicationId: simple.Id }),
    });
    expect(started.status).toBe(200);
    world.advance(1_000);
    const ticket = world.ticketFor(simple.Id);
    const simplified = await world.request(`/api/registration/${simple.Id}/simplified/status`, { ticket, headers });
    expect((simplified.json as { Data: { Status: string } }).Data.Status).toBe('SUCCESS');
    const card = await world.request(`/api/registration/${simple.Id}/files/simplified`, { ticket, headers });
    expect(card.status).toBe(200);
    // A ticket pasted into a query string is not logged either.
    await world.request(`/api/registration/${simple.Id}?ticket=${encodeURIComponent(ticket)}`, { headers });

    // The scan: OFD did put the token in (the upstream answers hold it) — and none of it came out.
    expect(world.upstreamCalls.length).toBeGreaterThan(10);
    for (const r of world.responses) {
      expectNoSecret(r.text, `body of a ${r.status} answer`);
      expectNoSecret(JSON.stringify(r.headers), `headers of a ${r.status} answer`);
      expect(findSecret(r.text, world.tickets)).toBeUndefined();
    }
    expect(world.logs.length).toBeGreaterThan(10);
    for (const line of world.logs) expectNoSecret(line, 'log line', world.tickets);
    console.log(`[reliability] leak scan: ${world.responses.length} responses and ${world.logs.length} log lines of a full journey clean`);
  });
});
