/**
 * How the proxy reaches OFD. `UpstreamFetch` is shaped so that the global `fetch`, a Hono app's
 * `request`/`fetch` and undici all fit: tests inject canned answers or the mock OFD without sockets.
 * The default is undici's `request` on a keep-alive Agent: measured ~2.7× the global fetch on the
 * status-poll path (see DESIGN.md, "Facts measured").
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
      headers: {
        get(name: string) {
          const v = res.headers[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
        },
      },
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
