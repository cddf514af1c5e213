/**
 * How the proxy reaches OFD. `UpstreamFetch` is shaped so that the global `fetch`, a Hono app's
 * `request`/`fetch` and undici all fit: tests inject canned answers or the mock OFD without sockets.
 * The default is undici on a keep-alive Agent: `request` measured ~2.7× the global fetch on the status-poll path
 * (see DESIGN.md, "Facts measured"). Answers read whole as text (every JSON call) skip `request`'s body stream and
 * go through the Agent's `dispatch` with a handler that gathers the bytes: about 25 µs less CPU per status poll
 * (docs/bench.md, "Where the proxy's time goes").
 */
import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';

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
    return new StreamedAnswer(res);
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
          resolve(new GatheredAnswer(status, headers, bytes, bytes.toString('utf8', bom)));
        },
        onResponseError(_controller, error) {
          settle();
          reject(error);
        },
      },
    );
  });
}

/*
 * The answers below are classes, never object literals with a getter: V8 allocates the accessor pair of a getter
 * written in an object literal straight in the old generation, one per object, and that pair holds the getter's
 * closure and through it everything of the call (the answer's text and bytes, the handler's closures, the
 * promises waiting on it) alive through every scavenge until the next full collection. On the status poll that
 * was ≈ 7 KB promoted per poll and a full GC with a 20–40 ms stall about once a second at 1,000 polls/s
 * (docs/bench.md, "The added p99 under paced arrivals"). A class's getter lives once, on its prototype.
 */

/** An answer gathered whole (`read: 'text'`). */
class GatheredAnswer implements UpstreamResponse {
  readonly headers: UpstreamResponse['headers'];
  constructor(
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly bytes: Buffer,
    private readonly decoded: string,
  ) {
    this.headers = { get: (name) => headerValue(headers, name) };
  }

  text(): Promise<string> {
    return Promise.resolve(this.decoded);
  }

  get body(): ReadableStream<Uint8Array> {
    const bytes = this.bytes;
    return new ReadableStream<Uint8Array>({
      start(stream) {
        if (bytes.length > 0) stream.enqueue(new Uint8Array(bytes));
        stream.close();
      },
    });
  }
}

/** An answer read as a stream (files), turned into a web stream only when asked. */
class StreamedAnswer implements UpstreamResponse {
  readonly status: number;
  readonly headers: UpstreamResponse['headers'];
  private stream: ReadableStream<Uint8Array> | undefined;
  constructor(private readonly res: Dispatcher.ResponseData) {
    this.status = res.statusCode;
    this.headers = { get: (name) => headerValue(res.headers, name) };
  }

  text(): Promise<string> {
    return this.res.body.text();
  }

  get body(): ReadableStream<Uint8Array> {
    this.stream ??= Readable.toWeb(this.res.body) as ReadableStream<Uint8Array>;
    return this.stream;
  }
}

function splitUrl(url: string): { origin: string; path: string } {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name.toLowerCase()];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}
