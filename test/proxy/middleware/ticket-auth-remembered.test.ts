/**
 * ticketAuth remembers tickets whose MAC checked out (the status poll repeats one ticket): a remembered ticket
 * must still expire on time and still open only its own applications.
 */
import { describe, expect, it } from 'vitest';
import { ticketAuth } from '../../../src/proxy/middleware/ticket-auth.js';
import { createTicket } from '../../../src/proxy/ticket.js';
import { appWith } from './helpers.js';

const SECRET = 'middleware-secret-middleware-secret-0123';
const ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';
const OTHER = '81c178ca-fdf0-46f1-a4e6-a6cf0d77d39c';

describe('ticketAuth with a remembered ticket', () => {
  it('expires on time and opens only its application, request after request', async () => {
    let now = 1_000_000;
    const app = appWith('/r/:id', ticketAuth({ secret: SECRET, clock: () => now }));
    const ticket = createTicket({ applicationId: ID, expiresInSeconds: 60, secret: SECRET, now });
    const call = async (id: string) => {
      const res = await app.request(`/r/${id}`, { headers: { authorization: `Bearer ${ticket}` } });
      return { status: res.status, code: ((await res.json()) as { Error?: { Code: string } }).Error?.Code };
    };
    expect(await call(ID)).toEqual({ status: 200, code: undefined });
    expect(await call(ID)).toEqual({ status: 200, code: undefined });
    expect(await call(OTHER)).toMatchObject({ code: 'TICKET_WRONG_APPLICATION' });
    expect(await call(ID.toUpperCase())).toEqual({ status: 200, code: undefined });
    now += 59_999;
    expect(await call(ID)).toEqual({ status: 200, code: undefined });
    now += 1;
    expect(await call(ID)).toMatchObject({ status: 401, code: 'TICKET_EXPIRED' });
    expect(await call(ID)).toMatchObject({ status: 401, code: 'TICKET_EXPIRED' });
  });

  it('a ticket differing from a remembered one in any character is checked afresh and refused', async () => {
    const app = appWith('/r/:id', ticketAuth({ secret: SECRET, clock: () => 1_000_000 }));
    const ticket = createTicket({ applicationId: ID, expiresInSeconds: 60, secret: SECRET, now: 1_000_000 });
    const ok = await app.request(`/r/${ID}`, { headers: { authorization: `Bearer ${ticket}` } });
    expect(ok.status).toBe(200);
    // A character inside the MAC (the last one also carries padding bits that decoding ignores).
    const at = ticket.length - 5;
    const forgedTicket = `${ticket.slice(0, at)}${ticket[at] === 'A' ? 'B' : 'A'}${ticket.slice(at + 1)}`;
    const forged = await app.request(`/r/${ID}`, { headers: { authorization: `Bearer ${forgedTicket}` } });
    expect(((await forged.json()) as { Error: { Code: string } }).Error.Code).toBe('TICKET_INVALID');
  });
});
