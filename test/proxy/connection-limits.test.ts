import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxyServer, type RunningProxy } from '../../src/proxy/server.js';
import { createTicket } from '../../src/proxy/ticket.js';
import { AUTH_TOKEN, OFD_BASE, createFakeOfd } from './helpers/fake-ofd.js';
import { SECRET } from './helpers/setup.js';

/**
 * Issue 14, finding 6: a slow client must not hold a connection for minutes, nor many clients exhaust the process.
 * Node's defaults were a minute for the request head, five minutes for the request, no connection cap.
 */
let running: RunningProxy | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await running?.close();
  running = undefined;
});

const start = (connections: Parameters<typeof startProxyServer>[0]['connections']) =>
  startProxyServer({
    ofdBaseUrl: OFD_BASE,
    authToken: AUTH_TOKEN,
    ticketSecret: SECRET,
    allowedOrigins: [],
    upstream: createFakeOfd().fetch,
    log: false,
    ...(connections ? { connections } : {}),
  });

/** Opens a socket, sends `head` (maybe incomplete), resolves with what came back and after how long the socket closed. */
function hold(url: string, head: string, maxMs: number): Promise<{ text: string; closedAfterMs: number | undefined }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    let text = '';
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
    sockets.push(socket);
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => resolve({ text, closedAfterMs: undefined }), maxMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
  });
}

describe('connection limits', () => {
  it('defaults are bounded: 10 s for the head, 30 s for the request, 5 s idle, 1 000 connections', async () => {
    const { resolveConnectionLimits } = await import('../../src/proxy/server.js');
    expect(resolveConnectionLimits()).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 });
  });

  it('a request head that never completes is cut off at the headers timeout', async () => {
    running = await start({ headersTimeoutMs: 400, requestTimeoutMs: 800 });
    const slow = await hold(running.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ', 5_000);
    expect(slow.closedAfterMs).toBeDefined();
    expect(slow.closedAfterMs!).toBeLessThan(3_000);
    expect(slow.text).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a body that trickles is cut off at the request timeout', async () => {
    running = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const id = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';
    const ticket = createTicket({ applicationId: id, expiresInSeconds: 600, secret: SECRET });
    // A valid ticket: the sign route then waits for the body, which never completes.
    const head = `POST /api/registration/${id}/sign HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ticket}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`;
    const slow = await hold(running.url, head, 5_000);
    expect(slow.closedAfterMs).toBeDefined();
    expect(slow.closedAfterMs!).toBeLessThan(3_000);
  });

  it('connections over the cap are closed at once', async () => {
    running = await start({ maxConnections: 2 });
    const open = [hold(running.url, '', 1_500), hold(running.url, '', 1_500)];
    await new Promise((r) => setTimeout(r, 100));
    const third = await hold(running.url, '', 1_500);
    expect(third.closedAfterMs).toBeDefined();
    expect(third.closedAfterMs!).toBeLessThan(1_000);
    const first = await open[0]!;
    expect(first.closedAfterMs === undefined || first.closedAfterMs > third.closedAfterMs!).toBe(true);
  });
});
