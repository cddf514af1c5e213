import { beforeEach, describe, expect, it } from 'vitest';
import { createLinkCode, verifyLinkCode } from '../../src/proxy/links/link-code.js';
import { createMemoryLinkRevocations, type LinkRevocations } from '../../src/proxy/links/revocations.js';
import { verifyTicket } from '../../src/proxy/ticket.js';
import { APP_ID, CONTENT, DOC_ID, OTHER_APP_ID, SECRET, createHarness, errorCode, type Harness } from './helpers/setup.js';

const DAY = 86_400_000;
let h: Harness;
let revocations: LinkRevocations;
beforeEach(() => {
  // The revocation store follows the harness's clock (read only when called, after `h` exists).
  revocations = createMemoryLinkRevocations({ clock: () => h.now.value });
  h = createHarness({ linkRevocations: revocations });
  h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }], { Status: 'AwaitingSignature' });
});

const exchange = (code: unknown, init: RequestInit = {}) =>
  h.request('/api/links/exchange', { method: 'POST', body: JSON.stringify({ Code: code }), ticket: null, ...init });
type Exchanged = { Data: { Ticket: string; TicketExpiresInSeconds: number; LinkExpiresAt: string; ApplicationIds: string[] } };

describe('signing links: a one-purpose code exchanged for a short ticket', () => {
  it('the exchange hands out a 15-minute ticket for the link’s application and says when the link ends', async () => {
    const code = createLinkCode({ applicationId: APP_ID, expiresInDays: 14, secret: SECRET, now: h.now.value });
    const res = await exchange(code);
    expect(res.status).toBe(200);
    const { Data } = (await res.json()) as Exchanged;
    expect(Data.TicketExpiresInSeconds).toBe(900);
    expect(Data.LinkExpiresAt).toBe(new Date(h.now.value + 14 * DAY).toISOString());
    expect(Data.ApplicationIds).toEqual([APP_ID]);
    expect(verifyTicket(Data.Ticket, { secret: SECRET, now: h.now.value, applicationId: APP_ID }).expiresAt).toBe(h.now.value + 900_000);
    expect((await h.request(`/api/registration/${APP_ID}`, { ticket: Data.Ticket })).status).toBe(200);
    expect(await errorCode(await h.request(`/api/registration/${OTHER_APP_ID}`, { ticket: Data.Ticket }))).toBe('TICKET_WRONG_APPLICATION');
  });

  it('reopened three days later, the link still opens the application, now waiting for the registration report', async () => {
    const code = createLinkCode({ applicationId: APP_ID, secret: SECRET, now: h.now.value });
    const first = (await (await exchange(code)).json()) as Exchanged;
    // Signed, FNS assigned the RNM; the client comes back three days later.
    Object.assign(h.ofd.applications.get(APP_ID)!, { Stage: 'Finalization', Status: 'New' });
    h.now.value += 3 * DAY;
    expect(await errorCode(await h.request(`/api/registration/${APP_ID}`, { ticket: first.Data.Ticket }))).toBe('TICKET_EXPIRED');
    const again = (await (await exchange(code)).json()) as Exchanged;
    const app = (await (await h.request(`/api/registration/${APP_ID}`, { ticket: again.Data.Ticket })).json()) as { Data: { Stage: string; Status: string } };
    expect(app.Data).toMatchObject({ Stage: 'Finalization', Status: 'New' });
    const report = { KktDetails: { FiscalDocumentData: { DateTime: '2026-01-18T10:00', DocumentNumber: '1', Signature: '1234567890' } } };
    const put = await h.request(`/api/registration/${APP_ID}/registration-report`, { method: 'PUT', body: JSON.stringify(report), ticket: again.Data.Ticket });
    expect(put.status).toBe(200);
  });

  it('an expired link says so, without asking OFD', async () => {
    const code = createLinkCode({ applicationId: APP_ID, expiresInDays: 30, secret: SECRET, now: h.now.value });
    h.now.value += 30 * DAY;
    const res = await exchange(code);
    expect([res.status, await errorCode(res)]).toEqual([410, 'LINK_EXPIRED']);
    expect(h.ofd.calls).toHaveLength(0);
  });

  it('a revoked link is refused at once, and its tickets can no longer write', async () => {
    const code = createLinkCode({ applicationId: APP_ID, secret: SECRET, now: h.now.value });
    const { Data } = (await (await exchange(code)).json()) as Exchanged;
    const link = verifyLinkCode(code, { secret: SECRET, now: h.now.value });
    await revocations.revoke(link.linkId, link.expiresAt);
    const res = await exchange(code);
    expect([res.status, await errorCode(res)]).toEqual([410, 'LINK_REVOKED']);
    const names = JSON.stringify({ LastName: 'Романова', GivenName: 'Анна Сергеевна', Position: 'Директор' });
    const write = await h.request(`/api/registration/${APP_ID}/prepareDocuments`, { method: 'POST', body: names, ticket: Data.Ticket });
    expect(await errorCode(write)).toBe('LINK_REVOKED');
    expect(h.ofd.count('POST', '/prepareDocuments')).toBe(0);
  });

  it('once every application of the link reached an end state, the link ends', async () => {
    const code = createLinkCode({ applicationIds: [APP_ID, OTHER_APP_ID], secret: SECRET, now: h.now.value });
    h.ofd.addApplication(OTHER_APP_ID, [], { Status: 'Rejected' });
    expect((await exchange(code)).status).toBe(200);
    h.ofd.applications.get(APP_ID)!.Status = 'Approved';
    h.now.value += 5_000;
    const res = await exchange(code);
    expect([res.status, await errorCode(res)]).toEqual([410, 'LINK_ENDED']);
  });

  it('a code is not a ticket, a ticket is not a code, and the code travels only in a POST body', async () => {
    const code = createLinkCode({ applicationId: APP_ID, secret: SECRET, now: h.now.value });
    expect(await errorCode(await h.request(`/api/registration/${APP_ID}`, { ticket: code }))).toBe('TICKET_INVALID');
    expect(await errorCode(await exchange(h.ticket))).toBe('LINK_INVALID');
    expect(await errorCode(await exchange(`${code}=`))).toBe('LINK_INVALID');
    expect(await errorCode(await exchange(code.replace('.', '.x')))).toBe('LINK_INVALID');
    const get = await h.request(`/api/links/exchange?Code=${code}`, { ticket: null });
    expect(await errorCode(get)).toBe('METHOD_NOT_ALLOWED');
  });

  it('no log line carries a code or a ticket, even one a client sent somewhere odd', async () => {
    const code = createLinkCode({ applicationId: APP_ID, secret: SECRET, now: h.now.value });
    const { Data } = (await (await exchange(code)).json()) as Exchanged;
    await h.request(`/api/registration/${APP_ID}/${code}`, { ticket: Data.Ticket });
    await h.request(`/api/registration/${code}`, { ticket: null });
    const logs = JSON.stringify(h.logs);
    expect(logs).toContain('request');
    expect(logs).not.toContain(code.split('.')[2]);
    expect(logs).not.toContain(Data.Ticket.split('.')[2]);
  });

  it('link lifetimes are days, bounded', () => {
    expect(() => createLinkCode({ applicationId: APP_ID, expiresInDays: 0, secret: SECRET })).toThrow(/1\.\.365/);
    expect(() => createLinkCode({ applicationId: APP_ID, expiresInDays: 366, secret: SECRET })).toThrow(/1\.\.365/);
    const code = createLinkCode({ applicationId: APP_ID, secret: SECRET, now: 0 });
    expect(verifyLinkCode(code, { secret: SECRET, now: 0 }).expiresAt).toBe(30 * DAY);
  });
});
