/**
 * How the proxy reaches OFD. `UpstreamFetch` is shaped so that the global `fetch`, a Hono app's
 * `request`/`fetch` and undici all fit: tests inject canned answers or the mock OFD without sockets.
 * The default is undici on a keep-alive Agent: `request` measured ~2.7× the global fetch on the status-poll path
 * (see DESIGN.md, "Facts measured"). Answers read whole as text (every JSON call) skip `request`'s body stream and
 * go through the Agent's `dispatch` with a handler that gathers the bytes: about 25 µs less CPU per status poll
 * (docs/bench.md, "Where the proxy's time goes").
 */
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';

export interface UpstreamInit {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  /** Aborts the call; given unless the transport says it `handlesTimeouts` itself. */
  signal?: AbortSignal;
  /** The deadline the proxy applies (it also races the call against it, whatever the transport does). */
  timeoutMs: number;
  /** `'text'`: the caller reads the answer whole with `text()`, so a transport may buffer it. Default `'stream'`. */
  read?: 'text' | 'stream';
}

export interface UpstreamResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The body as a stream, for files; null when empty. */
  body: ReadableStream<Uint8Array> | null;
}

export type UpstreamFetch = ((url: string, init: UpstreamInit) => Promise<UpstreamResponse>) & {
  /** True when the transport enforces `timeoutMs` itself, so no AbortController is needed per call. */
  handlesTimeouts?: boolean;
};

export interface UndiciUpstream extends UpstreamFetch {
  close(): Promise<void>;
}

export function createUndiciUpstream(options: { connections?: number; keepAliveTimeoutMs?: number } = {}): UndiciUpstream {
  const agent = new Agent({
    connections: options.connections ?? 64,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    // The proxy applies its own deadlines through the abort signal.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const upstream = (async (url, init) => {
    if (init.read === 'text') return requestText(agent, url, init);
    // undici's own per-request timers are cheaper than an AbortSignal per call on the polling path.
    const res = await request(url, {
      method: init.method,
      headers: init.headers,
      body: init.body ?? null,
      ...(init.signal ? { signal: init.signal } : {}),
      headersTimeout: init.timeoutMs,
      bodyTimeout: init.timeoutMs,
      dispatcher: agent,
    });
    let stream: ReadableStream<Uint8Array> | null | undefined;
    return {
      status: res.statusCode,
      headers: { get: (name) => headerValue(res.headers, name) },
      text: () => res.body.text(),
      get body() {
        stream ??= Readable.toWeb(res.body) as ReadableStream<Uint8Array>;
        return stream;
      },
    } satisfies UpstreamResponse;
  }) as UndiciUpstream;
  upstream.close = () => agent.close();
  upstream.handlesTimeouts = true;
  return upstream;
}

/** `http(s)://host[:port]` and the rest, split without a URL object (URLs here are absolute and serialised). */
const ORIGIN = /^https?:\/\/[^/?#@\\]+/i;

/** One call whose answer is gathered whole in memory: resolves when the last byte has arrived. */
function requestText(agent: Agent, url: string, init: UpstreamInit): Promise<UpstreamResponse> {
  const origin = ORIGIN.exec(url)?.[0];
  const target = origin ? { origin, path: url.slice(origin.length) || '/' } : splitUrl(url);
  return new Promise<UpstreamResponse>((resolve, reject) => {
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    let onAbort: (() => void) | undefined;
    const settle = () => {
      if (onAbort) init.signal?.removeEventListener('abort', onAbort);
    };
    agent.dispatch(
      {
        origin: target.origin,
        path: target.path,
        method: init.method,
        headers: init.headers,
        body: init.body ?? null,
        headersTimeout: init.timeoutMs,
        bodyTimeout: init.timeoutMs,
      },
      {
        onRequestStart(controller) {
          if (!init.signal) return;
          if (init.signal.aborted) return controller.abort(init.signal.reason);
          onAbort = () => controller.abort(init.signal!.reason);
          init.signal.addEventListener('abort', onAbort, { once: true });
        },
        onResponseStart(_controller, statusCode, responseHeaders) {
          status = statusCode;
          headers = responseHeaders;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          settle();
          const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          // As `text()` of fetch and undici's body mixins: UTF-8, a leading byte order mark dropped.
          const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
          const text = bytes.toString('utf8', bom);
          resolve({
            status,
            headers: { get: (name) => headerValue(headers, name) },
            text: () => Promise.resolve(text),
            get body() {
              return new ReadableStream<Uint8Array>({
                start(stream) {
                  if (bytes.length > 0) stream.enqueue(new Uint8Array(bytes));
                  stream.close();
                },
              });
            },
          });
        },
        onResponseError(_controller, error) {
          settle();
          reject(error);
        },
      },
    );
  });
}

function splitUrl(url: string): { origin: string; path: string } {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name.toLowerCase()];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}
