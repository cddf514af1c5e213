/**
 * Stolen, stale and forged access: every refusal has the right status and code, on every route, and not one
 * request reaches OFD — in particular a perfectly valid signature sent with a bad ticket never spends the
 * document's one `sign`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from '../../src/proxy/index.js';
import { expectNoSecret, FOREIGN_ORIGIN, PARTNER_ORIGIN, TICKET_SECRET } from './helpers/secrets.js';
import { createWorld, errorCodeOf, signContent, signerNames, type World } from './helpers/world.js';

let world: World;
let app: Awaited<ReturnType<World['preparedApplication']>>;
let otherId: string;
let signature: string;

beforeAll(async () => {
  world = createWorld();
  app = await world.preparedApplication();
  otherId = world.control.createDemoApplication().Id;
  signature = signContent(app.documents[0]!.Content);
});

let refusals = 0;
afterAll(() => {
  console.log(`[reliability] tickets and origins: ${refusals} refused requests, upstream calls for them: 0`);
  for (const r of world.responses) expectNoSecret(JSON.stringify(r), 'response');
  for (const line of world.logs) expectNoSecret(line, 'log line', world.tickets);
});

type Route = { name: string; method: string; path: (id: string) => string; body?: () => string };
const ROUTES: Route[] = [
  { name: 'status', method: 'GET', path: (id) => `/api/registration/${id}` },
  { name: 'prepareDocuments', method: 'POST', path: (id) => `/api/registration/${id}/prepareDocuments`, body: () => JSON.stringify(signerNames()) },
  { name: 'sign (valid signature)', method: 'POST', path: (id) => `/api/registration/${id}/sign`, body: () => JSON.stringify({ DocumentId: app.documents[0]!.Id, Signature: signature }) },
  {
    name: 'registration-report',
    method: 'PUT',
    path: (id) => `/api/registration/${id}/registration-report`,
    body: () => JSON.stringify({ KktDetails: { FiscalDocumentData: { DateTime: '2026-11-20T10:00', DocumentNumber: '1', Signature: '123' } } }),
  },
  { name: 'application PDF', method: 'GET', path: (id) => `/api/registration/${id}/files/application` },
  { name: 'simplified status', method: 'GET', path: (id) => `/api/registration/${id}/simplified/status` },
];

type Attack = { name: string; status: number; code: string; headers: () => Record<string, string>; id?: () => string };
const tamper = (ticket: string, part: 1 | 2) => {
  const pieces = ticket.split('.');
  const s = pieces[part]!;
  pieces[part] = `${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
  return pieces.join('.');
};
const ATTACKS: Attack[] = [
  { name: 'no ticket', status: 401, code: 'TICKET_MISSING', headers: () => ({}) },
  { name: 'ticket in the query string instead of the header', status: 401, code: 'TICKET_MISSING', headers: () => ({}), id: () => `${app.id}?ticket=${app.ticket}` },
  { name: 'expired ticket', status: 401, code: 'TICKET_EXPIRED', headers: () => ({ authorization: `Bearer ${createTicket({ applicationId: app.id, expiresInSeconds: 60, secret: TICKET_SECRET, now: world.now() - 61_000 })}` }) },
  { name: 'ticket expiring this very second', status: 401, code: 'TICKET_EXPIRED', headers: () => ({ authorization: `Bearer ${createTicket({ applicationId: app.id, expiresInSeconds: 60, secret: TICKET_SECRET, now: world.now() - 60_000 })}` }) },
  { name: 'tampered payload', status: 401, code: 'TICKET_INVALID', headers: () => ({ authorization: `Bearer ${tamper(app.ticket, 1)}` }) },
  { name: 'tampered MAC', status: 401, code: 'TICKET_INVALID', headers: () => ({ authorization: `Bearer ${tamper(app.ticket, 2)}` }) },
  {
    name: 'payload of another application under this MAC',
    status: 401,
    code: 'TICKET_INVALID',
    headers: () => {
      const [, payload] = createTicket({ applicationId: otherId, expiresInSeconds: 600, secret: TICKET_SECRET, now: world.now() }).split('.');
      const [v, , mac] = app.ticket.split('.');
      return { authorization: `Bearer ${v}.${payload}.${mac}` };
    },
    id: () => otherId,
  },
  { name: "another partner's secret", status: 401, code: 'TICKET_INVALID', headers: () => ({ authorization: `Bearer ${createTicket({ applicationId: app.id, expiresInSeconds: 600, secret: 'another-partner-secret-0123456789-abcdef', now: world.now() })}` }) },
  { name: 'ticket for another application', status: 403, code: 'TICKET_WRONG_APPLICATION', headers: () => ({ authorization: `Bearer ${world.ticketFor(otherId)}` }) },
  { name: 'valid ticket replayed from a foreign origin', status: 403, code: 'ORIGIN_NOT_ALLOWED', headers: () => ({ authorization: `Bearer ${app.ticket}`, origin: FOREIGN_ORIGIN }) },
  { name: 'valid ticket, origin "null" (sandboxed frame)', status: 403, code: 'ORIGIN_NOT_ALLOWED', headers: () => ({ authorization: `Bearer ${app.ticket}`, origin: 'null' }) },
  { name: 'valid ticket, look-alike origin', status: 403, code: 'ORIGIN_NOT_ALLOWED', headers: () => ({ authorization: `Bearer ${app.ticket}`, origin: `${PARTNER_ORIGIN}.attacker.example` }) },
  { name: 'Basic instead of Bearer', status: 401, code: 'TICKET_MISSING', headers: () => ({ authorization: `Basic ${Buffer.from(`x:${app.ticket}`).toString('base64')}` }) },
];

describe('refused with the right status, and nothing reaches OFD', () => {
  for (const attack of ATTACKS) {
    it(`${attack.name}: ${attack.status} ${attack.code} on every route`, async () => {
      for (const route of ROUTES) {
        const before = world.upstreamCalls.length;
        const target = attack.id ? attack.id() : app.id;
        const res = await world.request(route.path(target), {
          method: route.method,
          headers: { 'content-type': 'application/json', ...attack.headers() },
          ...(route.body ? { body: route.body() } : {}),
        });
        refusals++;
        expect([res.status, errorCodeOf(res.json)], `${attack.name} → ${route.name}`).toEqual([attack.status, attack.code]);
        expect(world.upstreamCalls.length - before, `${attack.name} → ${route.name} reached OFD`).toBe(0);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  }

  it('CORS preflight from a foreign origin is refused without CORS headers; from the partner it is allowed', async () => {
    for (const route of ROUTES) {
      const before = world.upstreamCalls.length;
      const foreign = await world.request(route.path(app.id), {
        method: 'OPTIONS',
        headers: { origin: FOREIGN_ORIGIN, 'access-control-request-method': route.method, 'access-control-request-headers': 'authorization, content-type' },
      });
      refusals++;
      expect([foreign.status, errorCodeOf(foreign.json)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      const partner = await world.request(route.path(app.id), {
        method: 'OPTIONS',
        headers: { origin: PARTNER_ORIGIN, 'access-control-request-method': route.method },
      });
      expect(partner.status).toBe(204);
      expect(partner.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
      expect(world.upstreamCalls.length - before).toBe(0);
    }
  });

  it('after all the attacks the document was never sent, and the owner of the ticket still signs it once', async () => {
    expect(world.upstreamSignCalls()).toBe(0);
    const res = await world.sign(app.id, app.ticket, app.documents[0]!.Id, signature, { origin: PARTNER_ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(world.upstreamSignCalls()).toBe(1);
  });
});
