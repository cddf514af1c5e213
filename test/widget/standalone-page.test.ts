import { describe, expect, it } from 'vitest';
import { fakeTicket, openPage, useStandalonePage } from './standalone-page-harness.js';

const APP = '4121f0e0-f468-48fc-9387-b6a2d5646bc5';
const ticketExpiringAt = (seconds: number) => fakeTicket([APP], seconds);
const validTicket = ticketExpiringAt(Math.floor(Date.now() / 1000) + 3600);

useStandalonePage();

describe('the standalone page', () => {
  it('mounts the element for the application and takes the ticket out of the address bar', async () => {
    const el = await openPage(`?application=${APP}&ticket=${encodeURIComponent(validTicket)}&lang=en`);
    expect(el).not.toBeNull();
    expect(el!.applicationId).toBe(APP);
    expect(el!.ticket).toBe(validTicket);
    expect(el!.getAttribute('lang')).toBe('en');
    expect(el!.getAttribute('api-base')).toBe('/api');
    expect(location.search).toBe(`?application=${APP}&lang=en`);
    expect(location.href).not.toContain('ticket');
    expect(document.documentElement.lang).toBe('en');
  });

  it('resumes after a reload: the ticket comes back from this tab only', async () => {
    await openPage(`?application=${APP}&ticket=${encodeURIComponent(validTicket)}`);
    document.body.innerHTML = '<main id="app"></main>';
    const el = await openPage(`?application=${APP}`);
    expect(el!.ticket).toBe(validTicket);
  });

  it('finds the application in the ticket when the link names only the ticket', async () => {
    const el = await openPage(`?ticket=${encodeURIComponent(validTicket)}`);
    expect(el!.applicationId).toBe(APP);
    expect(location.search).toBe(`?application=${APP}`);
  });

  it('greets an expired link kindly instead of failing later', async () => {
    const el = await openPage(`?application=${APP}&ticket=${encodeURIComponent(ticketExpiringAt(1_000_000))}`);
    expect(el).toBeNull();
    expect(document.querySelector('[role="alert"]')!.textContent).toContain('Срок действия ссылки истёк');
  });

  it('says what is missing when the link is incomplete', async () => {
    const el = await openPage('');
    await el!.updateComplete;
    expect(el!.step).toBe('missing');
    expect(el!.shadowRoot!.textContent).toContain('В ссылке нет номера заявки');
  });
});
