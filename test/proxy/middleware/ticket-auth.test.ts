import { describe, expect, it } from 'vitest';
import { ticketAuth } from '../../../src/proxy/middleware/ticket-auth.js';
import { createTicket } from '../../../src/proxy/ticket.js';
import { appWith } from './helpers.js';

const SECRET = 'middleware-secret-middleware-secret-0123';
const ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';

describe('ticketAuth', () => {
  const app = appWith('/r/:id', ticketAuth({ secret: SECRET, clock: () => 1_000_000 }));
  const ticket = createTicket({ applicationId: ID, expiresInSeconds: 60, secret: SECRET, now: 1_000_000 });
  const code = async (res: Response | Promise<Response>) => ((await (await res).json()) as { Error?: { Code: string } }).Error?.Code;

  it('lets a valid bearer ticket for the path application through and exposes it', async () => {
    const res = await app.request(`/r/${ID}`, { headers: { authorization: `Bearer ${ticket}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ticket: { applicationIds: string[] } }).ticket.applicationIds).toEqual([ID]);
  });

  it('names the problem: missing, not bearer, malformed id, other application', async () => {
    expect(await code(app.request(`/r/${ID}`))).toBe('TICKET_MISSING');
    expect(await code(app.request(`/r/${ID}`, { headers: { authorization: `Basic ${ticket}` } }))).toBe('TICKET_MISSING');
    expect(await code(app.request('/r/nope', { headers: { authorization: `Bearer ${ticket}` } }))).toBe('INVALID_ID');
    expect(
      await code(app.request('/r/81c178ca-fdf0-46f1-a4e6-a6cf0d77d39c', { headers: { authorization: `Bearer ${ticket}` } })),
    ).toBe('TICKET_WRONG_APPLICATION');
  });
});
