/**
 * The standalone page's first module: reads the signing link's code from the address's fragment
 * (`#link=<code>`, which no server, log or Referer ever sees) and takes any old-style `?ticket=` out of the
 * address bar before any other code of the page is evaluated. A ticket in the query was sent in the request
 * line and stays in the first history entry whatever the page does, so such links are refused, not used.
 * The code stays in the address: reopening or bookmarking the link works for the whole registration, and the
 * code opens nothing but the exchange, which ends with the link (expiry, revocation, the registration's end).
 */
export interface PageAddress {
  /** The link's code, or '' when the address has none. */
  code: string;
  /** The address carried a `ticket` in its query (an old or hand-made link): refused and removed. */
  ticketInQuery: boolean;
  /** The address's query after any ticket was taken out (`lang`, `signature-mode`, `content-mode`). */
  params: URLSearchParams;
}

export function readPageAddress(): PageAddress {
  const url = new URL(location.href);
  const params = url.searchParams;
  const ticketInQuery = params.has('ticket');
  if (ticketInQuery) {
    params.delete('ticket');
    history.replaceState(history.state, '', url.pathname + (params.toString() ? `?${params}` : '') + url.hash);
  }
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  return { code: fragment.get('link') ?? '', ticketInQuery, params };
}

export const pageAddress: PageAddress = readPageAddress();
