/**
 * The standalone signing page (index.html): `/#link=<code>`, optionally `?lang=ru|en`.
 * It checks the link with the proxy before anything else — an expired, revoked or finished link says so before
 * any plug-in step — then mounts `<ofd-signer>` with a ticket kept in memory, and tells the client, outside the
 * element, until when the link works.
 */
// First: a ticket in the query leaves the address bar before the widget's code is even evaluated.
import { pageAddress } from './standalone-ticket.js';
import '../index.js';
import { isOfdApiError } from '../api/errors/guards.js';
import { loadLanguage } from './i18n/index.js';
import { openLinkSession, type ExchangedLink } from './link-session.js';

const TEXT = {
  ru: {
    title: 'Подписание заявки на регистрацию ККТ',
    checking: 'Проверяем ссылку…',
    noLink: 'В адресе нет ссылки для подписи. Откройте ссылку точно так, как её прислала компания.',
    ticketInQuery: 'Эта ссылка устаревшего вида и больше не принимается. Попросите у компании новую ссылку для подписи.',
    unreachable: 'Не удалось связаться с сервисом подписи. Проверьте подключение к интернету и попробуйте ещё раз.',
    retry: 'Попробовать ещё раз',
    refused: 'Ссылка не открывается. Попросите у компании новую ссылку для подписи.',
    validUntil: (date: string) => `Ссылка действует до ${date} или до завершения регистрации — по ней можно вернуться, например чтобы ввести данные отчёта о регистрации.`,
  },
  en: {
    title: 'Signing the cash register registration application',
    checking: 'Checking the link…',
    noLink: 'The address has no signing link. Open the link exactly as the company sent it.',
    ticketInQuery: 'This link is of an old kind that is no longer accepted. Ask the company for a new signing link.',
    unreachable: 'Could not reach the signing service. Check your connection and try again.',
    retry: 'Try again',
    refused: 'The link does not open. Ask the company for a new signing link.',
    validUntil: (date: string) => `This link works until ${date} or until the registration is finished — come back through it, for example to enter the registration report.`,
  },
};

type Lang = keyof typeof TEXT;

/** A page of its own (no link, an expired or refused one, checking): the title as its heading, then the sentence. */
function pageMessage(root: HTMLElement, title: string, text: string, role: 'alert' | 'status'): HTMLParagraphElement {
  const heading = document.createElement('h1');
  heading.className = 'page-title';
  heading.textContent = title;
  const p = document.createElement('p');
  p.className = 'page-message';
  p.setAttribute('role', role);
  p.textContent = text;
  root.replaceChildren(heading, p);
  return p;
}

function formatDate(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ru-RU', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

async function mount(): Promise<void> {
  const { code, ticketInQuery, params } = pageAddress;
  // The link's `lang`, else Russian: the users are Russian companies' directors, whatever their browser's language.
  const lang: Lang = (params.get('lang') ?? 'ru').toLowerCase().startsWith('en') ? 'en' : 'ru';
  const text = TEXT[lang];
  document.documentElement.lang = lang;
  document.title = text.title;
  const root = document.getElementById('app') ?? document.body;

  if (!code) {
    pageMessage(root, text.title, ticketInQuery ? text.ticketInQuery : text.noLink, 'alert');
    return;
  }
  const apiBase = new URL('api', new URL('.', location.href)).pathname.replace(/\/$/, '');
  pageMessage(root, text.title, text.checking, 'status');

  let notice: HTMLParagraphElement | undefined;
  const showValidity = (exchanged: ExchangedLink) => {
    if (!notice || Number.isNaN(exchanged.linkExpiresAt.getTime())) return;
    notice.textContent = text.validUntil(formatDate(exchanged.linkExpiresAt, lang));
  };
  let session;
  try {
    session = await openLinkSession({ apiBase, code, onExchange: showValidity });
  } catch (error) {
    // The proxy's own sentence (expired, revoked, finished, not valid; OFD unavailable), else no connection at all.
    const known = isOfdApiError(error);
    // The API's sentences of a language come with the widget's catalogue of it (English on demand; Russian if its
    // chunk does not arrive).
    if (known) await loadLanguage(lang);
    const p = pageMessage(root, text.title, (known && error.userMessage(lang)) || (known ? text.refused : text.unreachable), 'alert');
    if (!known || error.retryable) {
      const again = document.createElement('button');
      again.type = 'button';
      again.textContent = text.retry;
      again.addEventListener('click', () => void mount());
      p.after(again);
    }
    return;
  }

  const { applicationIds, ticket } = session.latest;
  const signer = document.createElement('ofd-signer');
  signer.setAttribute('lang', lang);
  signer.setAttribute('api-base', apiBase);
  for (const name of ['signature-mode', 'content-mode']) {
    const value = params.get(name);
    if (value) signer.setAttribute(name, value);
  }
  // Set before connecting: the element starts as soon as it is in the document.
  if (applicationIds.length > 1) signer.applicationIds = applicationIds.join(',');
  else signer.applicationId = applicationIds[0] ?? '';
  signer.ticket = ticket;
  // The client follows the ticket's renewals without the element ever seeing a change (no restart).
  signer.client = session.client;
  notice = document.createElement('p');
  notice.className = 'page-notice link-validity';
  notice.setAttribute('role', 'note');
  showValidity(session.latest);
  root.replaceChildren(signer, notice);
}

void mount();
