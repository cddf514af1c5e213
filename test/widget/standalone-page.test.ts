import { describe, expect, it, vi } from 'vitest';
import { createTicket } from '../../src/proxy/index.js';
import { verifyLinkCode } from '../../src/proxy/links/link-code.js';
import { TICKET_SECRET } from './mock-backend.js';
import { SignerHarness } from './signer-harness.js';
import { openPage, pageOutcome, useStandalonePage } from './standalone-page-harness.js';

const DAY = 86_400_000;
const { world } = useStandalonePage();

describe('the standalone page opens a signing link', () => {
  it('exchanges the link for a ticket it keeps in memory only: never in the address, storage or a request line', async () => {
    const app = world().backend.control.createDemoApplication();
    const code = world().linkFor([app.Id]);
    await openPage(`?lang=en#link=${code}`);
    const el = await pageOutcome();
    expect(el).not.toBeNull();
    expect(el!.applicationId).toBe(app.Id);
    expect(el!.getAttribute('lang')).toBe('en');
    expect(el!.getAttribute('api-base')).toBe('/api');
    expect(document.documentElement.lang).toBe('en');
    const ticket = el!.ticket;
    expect(ticket).toMatch(/^v1\./);
    const signer = new SignerHarness(el!);
    // Today's element asks for the certificate before it loads the application; either way a request follows.
    if ((await signer.waitForStep('certificates', 'review', 'report')) === 'certificates') await signer.chooseCertificate('Романова');
    await signer.waitFor(() => world().requests.some((r) => r.headers.authorization === `Bearer ${ticket}`), 'an API request with the ticket');
    // The code travelled once, in a POST body; the ticket only in Authorization headers.
    const exchange = world().requests.filter((r) => r.url.endsWith('/api/links/exchange'));
    expect(exchange).toHaveLength(1);
    expect(JSON.parse(exchange[0]!.body)).toEqual({ Code: code });
    for (const r of world().requests) {
      expect(r.url).not.toContain(code);
      expect(r.url).not.toContain(ticket);
    }
    expect(location.href).not.toContain(ticket);
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(ticket);
    expect(JSON.stringify({ ...localStorage })).not.toContain(ticket);
  });

  it('tells the client, outside the element, until when the link works', async () => {
    const app = world().backend.control.createDemoApplication();
    await openPage(`#link=${world().linkFor([app.Id], 14)}`);
    const el = await pageOutcome();
    const notice = document.querySelector('.link-validity');
    expect(notice).not.toBeNull();
    expect(el!.contains(notice)).toBe(false);
    const until = new Date(world().now() + 14 * DAY);
    expect(notice!.textContent).toContain(`Ссылка действует до ${until.getDate()}`);
    expect(notice!.textContent).toContain(String(until.getFullYear()));
  });

  it('a batch link mounts the element for every application it names', async () => {
    const a = world().backend.control.createDemoApplication();
    const b = world().backend.control.createDemoApplication();
    await openPage(`#link=${world().linkFor([a.Id, b.Id])}`);
    const el = await pageOutcome();
    expect(el!.applicationIds).toBe(`${a.Id},${b.Id}`);
  });
});

describe('a link that no longer works says so before any plug-in step', () => {
  const refused = async (address: string) => {
    const before = world().plugin;
    await openPage(address);
    expect(await pageOutcome()).toBeNull();
    expect(document.querySelector('ofd-signer')).toBeNull();
    expect(before).toBe(world().plugin);
    return document.querySelector('[role="alert"]')!.textContent ?? '';
  };

  it('expired', async () => {
    const app = world().backend.control.createDemoApplication();
    const code = world().linkFor([app.Id], 30);
    world().advance(31 * DAY);
    expect(await refused(`#link=${code}`)).toContain('Срок действия ссылки для подписи истёк');
  });

  it('revoked', async () => {
    const app = world().backend.control.createDemoApplication();
    const code = world().linkFor([app.Id]);
    const link = verifyLinkCode(code, { secret: TICKET_SECRET, now: world().now() });
    await world().revocations.revoke(link.linkId, link.expiresAt);
    expect(await refused(`?lang=en#link=${code}`)).toContain('withdrawn this signing link');
  });

  it('not ours', async () => {
    const app = world().backend.control.createDemoApplication();
    expect(await refused(`#link=${world().linkFor([app.Id])}x`)).toContain('Ссылка для подписи недействительна');
  });

  it('for an application OFD does not know, OFD\'s refusal in plain words', async () => {
    expect(await refused(`#link=${world().linkFor(['0e7d3b2a-1c4f-4b8e-9a6d-5f3e2c1b0a99'])}`)).toMatch(/заявк/i);
  });

  it('no link at all', async () => {
    expect(await refused('')).toContain('В адресе нет ссылки для подписи');
  });
});

describe('no connection while checking the link', () => {
  it('says so with a "try again" that carries on once the connection is back', async () => {
    const app = world().backend.control.createDemoApplication();
    const working = globalThis.fetch;
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await openPage(`#link=${world().linkFor([app.Id])}`);
    expect(await pageOutcome()).toBeNull();
    expect(document.querySelector('[role="alert"]')!.textContent).toContain('Не удалось связаться с сервисом подписи');
    vi.stubGlobal('fetch', working);
    document.querySelector<HTMLButtonElement>('main button')!.click();
    const el = await pageOutcome();
    expect(el?.applicationId).toBe(app.Id);
  });
});

describe('issue 14, finding 2: a ticket in the query string is refused, not used', () => {
  it('takes it out of the address bar and says the link must be renewed; nothing is sent with it', async () => {
    const app = world().backend.control.createDemoApplication();
    const ticket = createTicket({ applicationId: app.Id, expiresInSeconds: 3600, secret: TICKET_SECRET });
    await openPage(`?application=${app.Id}&ticket=${encodeURIComponent(ticket)}&lang=ru`);
    // Give a page that would use it the time to start.
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('ofd-signer')).toBeNull();
    expect(document.querySelector('[role="alert"]')!.textContent).toContain('устаревшего вида');
    expect(location.href).not.toContain('ticket');
    expect(location.search).toBe(`?application=${app.Id}&lang=ru`);
    expect(world().requests.filter((r) => JSON.stringify(r).includes(ticket))).toEqual([]);
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(ticket);
  });
});

describe('one link for the whole registration', () => {
  it('reopened three days later, the link resumes at the registration report form', async () => {
    const app = world().backend.control.createDemoApplication();
    const code = world().linkFor([app.Id]);
    const tick = () => world().advance(1500);
    await openPage(`#link=${code}`);
    const first = new SignerHarness((await pageOutcome())!, tick);
    first.element.pollInterval = 5;
    await first.chooseCertificate('Романова');
    await first.signAll();
    await first.waitForStep('report');
    const firstTicket = first.element.ticket;

    // The tab is closed; FNS took its time; the client registered the till and comes back three days later.
    document.body.innerHTML = '<main id="app"></main>';
    world().advance(3 * DAY);
    await openPage(`#link=${code}`);
    const el = await pageOutcome();
    expect(el).not.toBeNull();
    expect(el!.ticket).not.toBe(firstTicket);
    const again = new SignerHarness(el!, tick);
    el!.pollInterval = 5;
    // The report form needs no plug-in and no certificate: it comes first, with the РНМ to write into the till.
    expect(await again.waitForStep('certificates', 'report')).toBe('report');
    expect(again.element.shadowRoot!.querySelector('input[name="documentNumber"]')).not.toBeNull();
    expect(again.element.shadowRoot!.querySelector('[data-rnm] .number')!.textContent).toMatch(/^\d{16}$/);
    expect(document.querySelector('.link-validity')!.textContent).toContain('Ссылка действует до');
  });
});
