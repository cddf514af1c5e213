/**
 * The proxy's only door to OFD: builds `${base}/v2/b2b/kkt/registration/…?AuthToken=…`, applies deadlines,
 * and turns transport trouble into ProxyError codes. Never lets the URL (it holds the token) into an error message.
 */
import { ProxyError } from '../errors/proxy-error.js';
import { readEnvelope } from './envelope.js';
import type { UpstreamFetch, UpstreamResponse } from './transport.js';

export interface OfdUpstreamOptions {
  baseUrl: string;
  authToken: string;
  fetch: UpstreamFetch;
  timeoutMs: number;
}

/** Result of a JSON call: OFD's status and parsed body, already classified. */
export interface UpstreamJson {
  status: number;
  body: unknown;
  ok: boolean;
  /** OFD's answer as received, from which `body` was parsed: lets the status poll skip re-serialising it. */
  text?: string;
}

/** Why a call did not produce an answer: decides whether a `sign` may have reached OFD. */
export type TransportFailure = 'timeout' | 'refused' | 'reset' | 'bad-response';

export class UpstreamTransportError extends ProxyError {
  override name = 'UpstreamTransportError';
  constructor(
    readonly failure: TransportFailure,
    cause?: unknown,
  ) {
    super(failure === 'timeout' ? 'UPSTREAM_TIMEOUT' : failure === 'bad-response' ? 'UPSTREAM_BAD_RESPONSE' : 'UPSTREAM_UNAVAILABLE', {
      detail: `upstream ${failure}`,
      cause,
    });
  }
}

export class OfdUpstream {
  readonly base: string;
  readonly origin: string;
  constructor(private readonly options: OfdUpstreamOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.base).origin;
    if (new URL(this.base).search) throw new TypeError('ofdBaseUrl must not have a query string');
    this.tokenQuery = `AuthToken=${encodeURIComponent(options.authToken)}`;
  }

  private readonly tokenQuery: string = '';

  /** Built as a string: this runs on every status poll. `applicationId` is a checked UUID. */
  registrationUrl(applicationId: string, suffix = ''): string {
    return `${this.base}/v2/b2b/kkt/registration/${applicationId}${suffix}?${this.tokenQuery}`;
  }

  withToken(url: string): string {
    const u = new URL(url);
    u.searchParams.set('AuthToken', this.options.authToken);
    return u.toString();
  }

  /**
   * Whether a file link points at OFD. The spec's links sit on another host than the API (7.1 calls `ofd.ru` and
   * answers `https://dev.ofd.ru/document/…`, l.1319–1320) and outside `/api/integration` (`/api/kkt/application/doc/…`,
   * l.3141): so the API's own host, or another host under the API's domain (`*.ofd.ru` for `ofd.ru` or
   * `api.ofd.ru`), same scheme, no credentials in the URL. Anything else is never fetched.
   */
  isOfdUrl(url: string): boolean {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    const api = new URL(this.base);
    if (u.protocol !== api.protocol || u.username || u.password) return false;
    if (u.origin === this.origin) return true;
    if (u.port !== api.port) return false;
    return isUnderDomain(u.hostname, ofdDomain(api.hostname));
  }

  /** Links under the API itself take the AuthToken like every call (6.1); others only when OFD asks for it. */
  private tokenRequired(url: string): boolean {
    const u = new URL(url);
    return u.origin === this.origin && u.pathname.startsWith(new URL(this.base).pathname);
  }

  async json(
    method: 'GET' | 'POST' | 'PUT',
    applicationId: string,
    suffix: string,
    body?: unknown,
    timeoutMs = this.options.timeoutMs,
  ): Promise<UpstreamJson> {
    const res = await this.send(method, this.registrationUrl(applicationId, suffix), body, timeoutMs, 'text');
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw classify(error, false);
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const reading = readEnvelope(parsed);
    if (reading.kind === 'unrecognised') {
      // An HTML page or empty body from a broken gateway: nothing to pass on.
      throw new UpstreamTransportError('bad-response');
    }
    return { status: res.status, body: parsed, ok: reading.kind === 'success' && res.status >= 200 && res.status < 300, text };
  }

  /**
   * A file behind an OFD link. The AuthToken goes only to OFD's hosts (`isOfdUrl`): at once for links under the
   * API or that already carry it (7.2.1's DownloadUrl), otherwise first without it and again with it only when OFD
   * answers that authorisation data is missing (the spec's result links show none, l.3141, l.4216).
   */
  async file(url: string): Promise<UpstreamResponse> {
    if (!this.isOfdUrl(url)) throw new ProxyError('NOT_FOUND', { detail: 'file link is not on the OFD host' });
    if (this.tokenRequired(url) || /[?&]AuthToken=/i.test(url)) {
      return this.send('GET', this.withToken(url), undefined, this.options.timeoutMs, 'stream');
    }
    const plain = await this.send('GET', url, undefined, this.options.timeoutMs, 'stream');
    if (plain.status !== 400 && plain.status !== 401 && plain.status !== 403) return plain;
    await plain.body?.cancel().catch(() => undefined);
    return this.send('GET', this.withToken(url), undefined, this.options.timeoutMs, 'stream');
  }

  private async send(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body: unknown,
    timeoutMs: number,
    read: 'text' | 'stream',
  ): Promise<UpstreamResponse> {
    const controller = this.options.fetch.handlesTimeouts ? undefined : new AbortController();
    let timedOut = false;
    let expire: (reason: Error) => void = () => undefined;
    // Raced as well as signalled: a transport that ignores the abort signal must not hang the request.
    const expired = new Promise<never>((_, reject) => {
      expire = reject;
    });
    expired.catch(() => undefined);
    const timer = setTimeout(() => {
      timedOut = true;
      controller?.abort();
      expire(new Error('upstream deadline'));
    }, timeoutMs);
    timer.unref?.();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    try {
      const res = await Promise.race([
        this.options.fetch(url, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          ...(controller ? { signal: controller.signal } : {}),
          timeoutMs,
          read,
        }),
        expired,
      ]);
      // The deadline covers reading the body too; the reader clears it.
      return new WithDeadline(res, timer, expired, () => timedOut);
    } catch (error) {
      clearTimeout(timer);
      throw classify(error, timedOut);
    }
  }
}

/**
 * The answer with the call's deadline over reading its body. A class, not an object literal with a getter
 * (transport.ts says why: such a getter keeps each call's objects through every scavenge).
 */
class WithDeadline implements UpstreamResponse {
  readonly status: number;
  readonly headers: UpstreamResponse['headers'];
  constructor(
    private readonly res: UpstreamResponse,
    private readonly timer: ReturnType<typeof setTimeout>,
    private readonly expired: Promise<never>,
    private readonly timedOut: () => boolean,
  ) {
    this.status = res.status;
    this.headers = res.headers;
  }

  get body(): ReadableStream<Uint8Array> | null {
    clearTimeout(this.timer);
    return this.res.body;
  }

  async text(): Promise<string> {
    try {
      return await Promise.race([this.res.text(), this.expired]);
    } catch (error) {
      throw classify(error, this.timedOut());
    } finally {
      clearTimeout(this.timer);
    }
  }
}

function classify(error: unknown, timedOut: boolean): ProxyError {
  if (error instanceof ProxyError) return error;
  if (timedOut) return new UpstreamTransportError('timeout', error);
  const code = errorCode(error);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return new UpstreamTransportError('timeout', error);
  // Never connected: OFD cannot have received anything.
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new UpstreamTransportError('refused', error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
    return new UpstreamTransportError('refused', error);
  }
  return new UpstreamTransportError('reset', error);
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('E') || code.startsWith('UND_ERR_'))) return code;
  }
  return undefined;
}

/** `ofd.ru` for `ofd.ru`, `api.ofd.ru` or `dev.ofd.ru`; an IP address or a one-label name stands for itself. */
function ofdDomain(hostname: string): string {
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[')) return hostname;
  const labels = hostname.split('.');
  return labels.length <= 2 ? hostname : labels.slice(-2).join('.');
}

function isUnderDomain(hostname: string, domain: string): boolean {
  return hostname === domain || (!/^[\d.]+$/.test(domain) && hostname.endsWith(`.${domain}`));
}
