/**
 * The standalone page's first module: takes the ticket out of the address bar before any other code of the page
 * is evaluated, so that nothing that runs later — and nothing that fails while loading — can leave the bearer
 * credential in the address bar, the history entry or a Referer. The ticket lives on in this tab's
 * sessionStorage so that a reload can resume.
 */
import { readStored, writeStored } from './browser-storage.js';

export const ticketKey = (applicationId: string) => `ofd-signer:ticket:${applicationId}`;

export interface TicketPayload {
  a?: string[];
  e?: number;
}

/** The proxy's tickets are `v1.<base64url JSON>.<mac>`: readable (not verifiable) here. */
export function readTicket(ticket: string): TicketPayload | undefined {
  try {
    const part = ticket.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as TicketPayload;
  } catch {
    return undefined;
  }
}

export interface PageAddress {
  applicationId: string;
  /** A batch link (`applications=id1,id2,…`, or a ticket naming several ids): every id, in the link's order. */
  applicationIds: string[];
  ticket: string;
  /** The address's query after the ticket was taken out. */
  params: URLSearchParams;
}

/** Reads `application` and `ticket`, strips the ticket from the address, and remembers it for this tab. */
export function takeTicketFromAddress(): PageAddress {
  const url = new URL(location.href);
  const params = url.searchParams;
  let ticket = params.get('ticket') ?? '';
  const payload = ticket ? readTicket(ticket) : undefined;
  const listed = (params.get('applications') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const applicationIds = listed.length > 0 || params.has('application') ? listed : (payload?.a?.length ?? 0) > 1 ? [...payload!.a!] : [];
  const applicationId = applicationIds.length > 0 ? '' : (params.get('application') ?? (payload?.a?.length === 1 ? payload.a[0]! : ''));
  // A batch's ticket is remembered under its list of ids.
  const key = applicationIds.length > 0 ? applicationIds.join(',') : applicationId;
  if (params.has('ticket')) {
    params.delete('ticket');
    if (applicationId && !params.has('application')) params.set('application', applicationId);
    if (applicationIds.length > 0 && !params.has('applications')) params.set('applications', applicationIds.join(','));
    history.replaceState(history.state, '', url.pathname + (params.toString() ? `?${params}` : '') + url.hash);
    if (key) writeStored('session', ticketKey(key), ticket);
  } else if (key) {
    ticket = readStored<string>('session', ticketKey(key)) ?? '';
  }
  return { applicationId, applicationIds, ticket, params };
}

export const pageAddress: PageAddress = takeTicketFromAddress();
