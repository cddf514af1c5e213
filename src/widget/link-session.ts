/**
 * The standalone page's working credential. The link's code (`#link=…`) is exchanged at the proxy for a ticket
 * that lives only here, in memory: never in the address, storage or history. The ticket is renewed from the code
 * before it runs out, and once more when a request finds it expired (a laptop that slept), so a client can take
 * the whole registration — days — through one link while each ticket lasts minutes.
 */
import { createOfdClient, type OfdClient } from '../api/client.js';
import { unwrapEnvelope } from '../api/envelope.js';
import { OfdBadResponseError } from '../api/errors/ofd-bad-response-error.js';

export interface ExchangedLink {
  ticket: string;
  ticketExpiresInSeconds: number;
  /** When the link stops working at the latest (it also ends with the registration). */
  linkExpiresAt: Date;
  applicationIds: string[];
}

type Fetch = typeof globalThis.fetch;

export async function exchangeLinkCode(apiBase: string, code: string, fetchImpl: Fetch = globalThis.fetch.bind(globalThis)): Promise<ExchangedLink> {
  const res = await fetchImpl(`${apiBase.replace(/\/+$/, '')}/links/exchange`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ Code: code }),
    credentials: 'omit',
    cache: 'no-store',
  });
  // The client's own envelope reader: a refusal is the proxy's typed error (LINK_EXPIRED, …) with its sentences.
  const data = unwrapEnvelope(res.status, await res.text()) as
    | { Ticket?: unknown; TicketExpiresInSeconds?: unknown; LinkExpiresAt?: unknown; ApplicationIds?: unknown }
    | null;
  if (!data || typeof data.Ticket !== 'string' || !Array.isArray(data.ApplicationIds)) {
    throw new OfdBadResponseError(res.status, JSON.stringify(data), 'no ticket in the exchange answer');
  }
  return {
    ticket: data.Ticket,
    ticketExpiresInSeconds: typeof data.TicketExpiresInSeconds === 'number' ? data.TicketExpiresInSeconds : 300,
    linkExpiresAt: new Date(String(data.LinkExpiresAt)),
    applicationIds: data.ApplicationIds.filter((id): id is string => typeof id === 'string'),
  };
}

export interface LinkSession {
  /** The latest exchange. */
  readonly latest: ExchangedLink;
  /** An OfdClient whose ticket follows the renewals (give it to the element once; it never changes identity). */
  readonly client: OfdClient;
  /** Stops the renewal timer. */
  close(): void;
}

/** The client's methods that make a request (the others, like `fileUrl`, answer at once). */
const REQUESTS: ReadonlySet<PropertyKey> = new Set(['getApplication', 'prepareDocuments', 'sign', 'submitRegistrationReport', 'getFile']);

/** Renew this long before the ticket would run out. */
const RENEW_AHEAD_S = 60;

export async function openLinkSession(options: {
  apiBase: string;
  code: string;
  fetch?: Fetch;
  /** Called with each new exchange (the first included). */
  onExchange?: (exchanged: ExchangedLink) => void;
}): Promise<LinkSession> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const make = (ticket: string) => createOfdClient({ baseUrl: options.apiBase, ticket, fetch: doFetch });
  let current: ExchangedLink = await exchangeLinkCode(options.apiBase, options.code, doFetch);
  let inner = make(current.ticket);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let renewing: Promise<void> | undefined;
  const renew = () =>
    (renewing ??= exchangeLinkCode(options.apiBase, options.code, doFetch)
      .then((next) => {
        current = next;
        inner = make(next.ticket);
        options.onExchange?.(next);
        schedule();
      })
      .finally(() => {
        renewing = undefined;
      }));
  const schedule = () => {
    if (timer) clearTimeout(timer);
    const delay = Math.max(5, current.ticketExpiresInSeconds - RENEW_AHEAD_S) * 1000;
    timer = setTimeout(() => void renew().catch(() => undefined), delay);
    (timer as { unref?: () => void }).unref?.();
  };
  options.onExchange?.(current);
  schedule();
  // Every method goes to the client of the current ticket; an expired ticket is renewed once and the call repeated
  // (the proxy refuses an expired ticket before anything reaches OFD, so repeating is safe, `sign` included).
  const client = new Proxy({} as OfdClient, {
    get(_target, key: keyof OfdClient) {
      const value = inner[key];
      if (typeof value !== 'function') return value;
      if (!REQUESTS.has(key)) return (value as (...a: unknown[]) => unknown).bind(inner);
      return async (...args: unknown[]) => {
        try {
          return await (inner[key] as (...a: unknown[]) => unknown)(...args);
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'TICKET_EXPIRED') throw error;
          await renew();
          return (inner[key] as (...a: unknown[]) => unknown)(...args);
        }
      };
    },
  });
  return {
    get latest() {
      return current;
    },
    client,
    close: () => timer && clearTimeout(timer),
  };
}
