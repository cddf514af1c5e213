import { describe, expect, it } from 'vitest';
import { fakeTicket, openPage, useStandalonePage } from './standalone-page-harness.js';

const A = '4121f0e0-f468-48fc-9387-b6a2d5646bc5';
const B = '5232f0e0-f468-48fc-9387-b6a2d5646bc6';
const C = '6343f0e0-f468-48fc-9387-b6a2d5646bc7';
const ticketFor = (ids: string[]) => fakeTicket(ids, Math.floor(Date.now() / 1000) + 3600);

useStandalonePage();

describe('the standalone page with a batch link', () => {
  it('takes applications=id1,id2,… from the link, strips the ticket, and resumes after a reload', async () => {
    const ticket = ticketFor([A, B, C]);
    const el = await openPage(`?applications=${A},${B},${C}&ticket=${encodeURIComponent(ticket)}`);
    expect(el!.applicationIds).toBe(`${A},${B},${C}`);
    expect(el!.ticket).toBe(ticket);
    expect(location.href).not.toContain('ticket');
    expect(decodeURIComponent(location.search)).toBe(`?applications=${A},${B},${C}`);

    document.body.innerHTML = '<main id="app"></main>';
    const again = await openPage(`?applications=${A},${B},${C}`);
    expect(again!.ticket).toBe(ticket);
  });

  it('a ticket naming several applications is a batch link on its own', async () => {
    const el = await openPage(`?ticket=${encodeURIComponent(ticketFor([A, B]))}`);
    expect(el!.applicationIds).toBe(`${A},${B}`);
    expect(el!.applicationId).toBe('');
  });
});
