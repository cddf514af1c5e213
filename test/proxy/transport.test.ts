/** The default transport (undici request on a keep-alive Agent) over real loopback sockets. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyError } from '../../src/proxy/errors/proxy-error.js';
import { OfdUpstream } from '../../src/proxy/upstream/ofd-upstream.js';
import { createUndiciUpstream } from '../../src/proxy/upstream/transport.js';

const ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';
let server: Server;
let base: string;
const seen: { url: string; remotePort: number }[] = [];
const transport = createUndiciUpstream({ connections: 4 });

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', remotePort: req.socket.remotePort ?? 0 });
    if (req.url?.includes('/hang-headers')) return; // never answers
    if (req.url?.includes('/hang-body')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Data":');
      return; // body never finishes
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Data: { Id: ID }, Success: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/integration`;
});
afterAll(async () => {
  await transport.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const upstream = (timeoutMs = 5000, baseUrl = base) => new OfdUpstream({ baseUrl, authToken: 'tok en&x', fetch: transport, timeoutMs });
const failure = async (p: Promise<unknown>) => {
  const e = await p.catch((error: unknown) => error);
  expect(e).toBeInstanceOf(ProxyError);
  return { code: (e as ProxyError).code, failure: (e as { failure?: string }).failure };
};

describe('undici upstream transport', () => {
  it('adds the token as a query parameter and reuses connections (keep-alive)', async () => {
    seen.length = 0;
    for (let i = 0; i < 12; i++) expect((await upstream().json('GET', ID, '')).ok).toBe(true);
    expect(seen[0]!.url).toBe(`/api/integration/v2/b2b/kkt/registration/${ID}?AuthToken=tok%20en%26x`);
    // Without keep-alive every call would come from a new port; the pool holds at most 4.
    expect(new Set(seen.map((s) => s.remotePort)).size).toBeLessThanOrEqual(4);
  });

  it('a server that never answers is UPSTREAM_TIMEOUT (failure "timeout", so a sign is ambiguous)', async () => {
    expect(await failure(upstream(100).json('GET', ID, '/hang-headers'))).toEqual({ code: 'UPSTREAM_TIMEOUT', failure: 'timeout' });
  });

  it('a body that never finishes is UPSTREAM_TIMEOUT too', async () => {
    expect(await failure(upstream(100).json('GET', ID, '/hang-body'))).toEqual({ code: 'UPSTREAM_TIMEOUT', failure: 'timeout' });
  });

  it('a refused connection is UPSTREAM_UNAVAILABLE with failure "refused" (definitely not sent)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await failure(upstream(2000, `http://127.0.0.1:${port}/api/integration`).json('GET', ID, ''))).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      failure: 'refused',
    });
  });
});
