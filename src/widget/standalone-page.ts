/**
 * The standalone signing page (index.html): `?application=<id>&ticket=<ticket>&lang=ru|en`.
 * The ticket is a bearer credential: it leaves the address bar at once (history, screenshots, shoulder surfers)
 * and lives in this tab's sessionStorage so a reload can resume.
 */
// First: the ticket leaves the address bar before the widget's code is even evaluated.
import { pageAddress, readTicket } from './standalone-ticket.js';
import '../index.js';

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
  const { applicationId, applicationIds, ticket, params } = pageAddress;
  // The link's `lang`, else Russian: the users are Russian companies' directors, whatever their browser's language.
  const lang = (params.get('lang') ?? 'ru').toLowerCase().startsWith('en') ? 'en' : 'ru';

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
  // `applications=id1,id2,…`: several cash registers in one sitting.
  if (applicationIds.length > 0) signer.applicationIds = applicationIds.join(',');
  signer.ticket = ticket;
  root.append(signer);
}

mount();
