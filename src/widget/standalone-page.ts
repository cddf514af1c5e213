/**
 * The standalone signing page (index.html): `?application=<id>&ticket=<ticket>&lang=ru|en`.
 * The ticket is a bearer credential: it leaves the address bar at once (history, screenshots, shoulder surfers)
 * and lives in this tab's sessionStorage so a reload can resume.
 */
import '../index.js';
import { readStored, writeStored } from './browser-storage.js';

const ticketKey = (applicationId: string) => `ofd-signer:ticket:${applicationId}`;

interface TicketPayload {
  a?: string[];
  e?: number;
}

/** The proxy's tickets are `v1.<base64url JSON>.<mac>`: readable (not verifiable) here, enough to greet an expired link kindly. */
function readTicket(ticket: string): TicketPayload | undefined {
  try {
    const part = ticket.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as TicketPayload;
  } catch {
    return undefined;
  }
}

const TEXT = {
  ru: {
    expired: 'Срок действия ссылки истёк. Попросите у партнёра новую ссылку для подписания заявки.',
    title: 'Подписание заявки на регистрацию ККТ',
  },
  en: {
    expired: 'This link has expired. Ask the partner for a new signing link.',
    title: 'Signing the cash register registration application',
  },
};

function mount(): void {
  const url = new URL(location.href);
  const params = url.searchParams;
  // The link's `lang`, else Russian: the users are Russian companies' directors, whatever their browser's language.
  const lang = (params.get('lang') ?? 'ru').toLowerCase().startsWith('en') ? 'en' : 'ru';
  let ticket = params.get('ticket') ?? '';
  const payload = ticket ? readTicket(ticket) : undefined;
  const applicationId = params.get('application') ?? (payload?.a?.length === 1 ? payload.a[0]! : '');

  if (params.has('ticket')) {
    params.delete('ticket');
    if (applicationId && !params.has('application')) params.set('application', applicationId);
    history.replaceState(history.state, '', url.pathname + (params.toString() ? `?${params}` : '') + url.hash);
    if (applicationId) writeStored('session', ticketKey(applicationId), ticket);
  } else if (applicationId) {
    ticket = readStored<string>('session', ticketKey(applicationId)) ?? '';
  }

  document.documentElement.lang = lang;
  document.title = TEXT[lang].title;
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren();

  const expiry = (ticket ? readTicket(ticket) : undefined)?.e;
  if (expiry !== undefined && expiry * 1000 < Date.now()) {
    const p = document.createElement('p');
    p.className = 'page-message';
    p.setAttribute('role', 'alert');
    p.textContent = TEXT[lang].expired;
    root.append(p);
    return;
  }

  const signer = document.createElement('ofd-signer');
  signer.setAttribute('lang', lang);
  signer.setAttribute('api-base', new URL('api', new URL('.', location.href)).pathname.replace(/\/$/, ''));
  for (const name of ['signature-mode', 'content-mode']) {
    const value = params.get(name);
    if (value) signer.setAttribute(name, value);
  }
  // Set before connecting: the element starts as soon as it is in the document.
  signer.applicationId = applicationId;
  signer.ticket = ticket;
  root.append(signer);
}

mount();
