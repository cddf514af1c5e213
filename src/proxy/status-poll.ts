/**
 * The status poll, `GET /api/registration/:id` — what every open widget sends every few seconds, most of the
 * proxy's traffic — answered straight from node:http in front of the Hono app. Through Hono's node adapter the
 * poll cost about twice the CPU of this path (docs/bench.md, "Where the proxy's time goes"); the rules are the
 * same functions the middleware use, not copies: ticket check and its remembered tickets, rate-limit counters,
 * client address and trusted hops (X-Forwarded-For, X-Request-Id), request ids, API security headers, the CORS
 * allowlist (listed origins and PUBLIC_URL's), the access-log line (through the app's redacting logger), the
 * request counter of /metrics, the upstream call (timed for /metrics by the app's transport) and its rendering,
 * and the error answers of the app's `onError`. The socket limits are the server's, whichever path answers.
 *
 * It serves only the case it can decide before any side effect: GET, the exact path with a UUID, no body, no
 * query, a plain Host, no repeated header it reads, an Origin absent or admitted, a ticket that checks out, both
 * rate limits with room. Anything else goes to the Hono app untouched, which checks it all again and answers
 * (the refusals included), so every refusal has one implementation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientAddressRules } from './middleware/client-address.js';
import { EXPOSED_HEADERS } from './middleware/cors-allowlist.js';
import type { RateWindows } from './middleware/rate-limit.js';
import type { RequestIds } from './middleware/request-id.js';
import { API_SECURITY_HEADERS } from './middleware/security-headers.js';
import type { TicketCheck } from './middleware/ticket-auth.js';
import { requestLine } from './middleware/access-log.js';

/** A node:http listener that answers a request (true) or leaves it alone for the next listener (false). */
export type NodeRouteListener = (req: IncomingMessage, res: ServerResponse) => boolean;

/** An answer as the app renders it: status, JSON text (undefined: no body), extra headers. */
export interface RenderedAnswer {
  status: number;
  text: string | undefined;
  headers?: Readonly<Record<string, string>>;
}

export interface StatusPollOptions {
  /** Admitted browser origins (the listed ones and PUBLIC_URL's), as `originSet` normalises them. */
  allowedOrigins: ReadonlySet<string>;
  checkTicket: TicketCheck;
  requestIds: RequestIds;
  /** Undefined when rate limits are off. */
  limits?: { perAddress: RateWindows; perTicket: RateWindows };
  /** Who the client is and whether its peer is a trusted hop (the app's rules). */
  addresses: ClientAddressRules;
  /** Fetches, renders and answers one poll (the app's route handler minus Hono). */
  answer(applicationId: string): Promise<RenderedAnswer>;
  /** The app's answer for a thrown error (logs it as `onError` does). */
  answerError(error: unknown, requestId: string): RenderedAnswer;
  /** The access log, undefined when logging is off. */
  log: ((line: Record<string, unknown>) => void) | undefined;
  /** The app's metrics, when /metrics is on: each answered poll is counted as the Hono middleware counts it. */
  metrics?: { request(method: string, path: string, status: number): void };
}

const POLL_PATH = /^\/api\/registration\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** Plain hosts (names, IPv4, a port); anything else goes to the app and its URL checks. The Host is never used. */
const PLAIN_HOST = /^[a-z0-9.-]{1,253}(?::\d{1,5})?$/;
/** Request headers this path reads: each must appear once, as the app would join repeats. */
const READ_HEADERS = new Set(['host', 'origin', 'authorization', 'x-request-id', 'x-forwarded-for', 'content-length', 'transfer-encoding']);
/** The API security headers as a flat name, value, … list (lower-case names). */
const API_HEADERS: readonly string[] = Object.entries(API_SECURITY_HEADERS).flatMap(([name, value]) => [name.toLowerCase(), value]);
const JSON_TYPE = 'application/json';

export function statusPollRoute(options: StatusPollOptions): NodeRouteListener {
  const { addresses } = options;
  return (req, res) => {
    if (req.method !== 'GET') return false;
    const path = req.url ?? '';
    const match = POLL_PATH.exec(path);
    if (!match) return false;
    const headers = readHeaders(req.rawHeaders);
    if (!headers || headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
    const host = headers.host;
    if (host === undefined || !PLAIN_HOST.test(host)) return false;
    const origin = headers.origin;
    if (origin !== undefined && !options.allowedOrigins.has(origin.toLowerCase())) return false;
    const applicationId = match[1]!.toLowerCase();
    const ticket = options.checkTicket(headers.authorization, applicationId);
    if (!ticket.ok) return false;
    const peer = req.socket.remoteAddress;
    const client = addresses.clientOf(peer, headers['x-forwarded-for']);
    if (options.limits) {
      const { perAddress, perTicket } = options.limits;
      const addressKey = `addr:${client}`;
      if (!perAddress.allows(addressKey) || !perTicket.allows(ticket.digest)) return false;
      perAddress.count(addressKey);
      perTicket.count(ticket.digest);
    }

    // From here on the request is ours.
    const started = performance.now();
    const incomingId = headers['x-request-id'];
    const requestId = options.requestIds(incomingId, incomingId !== undefined && addresses.fromTrustedPeer(peer));
    const send = (answer: RenderedAnswer) => {
      // One flat list (as node:http takes it): no header object per poll, the constant names and values shared.
      const out: Array<string | number> = ['x-request-id', requestId, ...API_HEADERS];
      if (origin !== undefined) out.push('vary', 'Origin', 'access-control-allow-origin', origin, 'access-control-expose-headers', EXPOSED_HEADERS);
      // An answer's own headers (an error's Retry-After) win over the common ones, as the app's `c.header` would.
      for (const name in answer.headers) setHeader(out, name.toLowerCase(), answer.headers[name]!);
      setHeader(out, 'content-type', JSON_TYPE);
      if (answer.text === undefined) {
        res.writeHead(answer.status, out);
        res.end();
      } else {
        out.push('content-length', Buffer.byteLength(answer.text));
        res.writeHead(answer.status, out);
        res.end(answer.text);
      }
      options.log?.(requestLine({ requestId, method: 'GET', path, status: answer.status, started, client, ticket: ticket.digest }));
      options.metrics?.request('GET', path, answer.status);
    };
    options
      .answer(applicationId)
      .catch((error: unknown) => options.answerError(error, requestId))
      .then(send)
      .catch((error: unknown) => res.destroy(error instanceof Error ? error : undefined));
    return true;
  };
}

/** The headers this path reads, each found once (undefined when one repeats or has surrounding spaces). */
function readHeaders(raw: readonly string[]): Record<string, string> | undefined {
  const found: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!READ_HEADERS.has(name)) continue;
    const value = raw[i + 1]!;
    if (name in found || value !== value.trim()) return undefined;
    found[name] = value;
  }
  return found;
}

/** Sets a header in a flat name, value, … list: replaced where it is, else appended. */
function setHeader(list: Array<string | number>, name: string, value: string): void {
  for (let i = 0; i < list.length; i += 2) {
    if (list[i] === name) {
      list[i + 1] = value;
      return;
    }
  }
  list.push(name, value);
}
