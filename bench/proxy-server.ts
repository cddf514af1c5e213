/**
 * Child process for the proxy bench: `mock` serves the mock OFD, `proxy` serves our proxy in front of
 * a given upstream, `bare` a minimal forwarder for reference. Each runs alone in its process so its throughput and memory are its own.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { answerParent, tellParent } from './child.js';

const [role, upstreamUrl, ticketSecret, authToken, statusCacheMs] = process.argv.slice(2);

async function startMock(): Promise<void> {
  const { createMockOfd } = await import('../src/mock-ofd/index.js');
  const { app, control } = createMockOfd({ authToken: authToken! });
  const application = control.createDemoApplication();
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  tellParent({ type: 'ready', url: `http://127.0.0.1:${port}`, applicationId: application.Id });
}

async function startProxy(): Promise<void> {
  const { startProxyServer } = await import('../src/proxy/index.js');
  const running = await startProxyServer({
    host: '127.0.0.1',
    port: 0,
    ofdBaseUrl: `${upstreamUrl}/api/integration`,
    authToken: authToken!,
    ticketSecret: ticketSecret!,
    allowedOrigins: ['http://127.0.0.1'],
    // The bench hammers one ticket from one address: rate limits would measure themselves.
    rateLimit: false,
    // 0: every poll goes upstream (the forwarding path itself); the default 1 s reuses answers.
    limits: { statusCacheMs: Number(statusCacheMs ?? 0) },
    log: false,
  });
  tellParent({ type: 'ready', url: running.url });
}

/**
 * The floor under any Node proxy here: a bare Hono route forwarding the poll with undici on a
 * keep-alive Agent, no ticket, no validation, no rewriting. Shows what our proxy's own work costs.
 */
async function startBareForwarder(): Promise<void> {
  const { Hono } = await import('hono');
  const { Agent, request } = await import('undici');
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const app = new Hono();
  app.get('/api/registration/:id', async (c) => {
    const upstream = await request(
      `${upstreamUrl}/api/integration/v2/b2b/kkt/registration/${c.req.param('id')}?AuthToken=${encodeURIComponent(authToken!)}`,
      { dispatcher: agent },
    );
    return c.body(await upstream.body.text(), upstream.statusCode as 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  tellParent({ type: 'ready', url: `http://127.0.0.1:${port}` });
}

answerParent({
  async memory() {
    const usage = process.memoryUsage();
    return { rssMb: usage.rss / 2 ** 20, heapUsedMb: usage.heapUsed / 2 ** 20 };
  },
});

try {
  if (role === 'mock') await startMock();
  else if (role === 'proxy') await startProxy();
  else if (role === 'bare') await startBareForwarder();
  else throw new Error(`unknown role ${role}`);
} catch (error) {
  tellParent({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
