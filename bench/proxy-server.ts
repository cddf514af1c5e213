/**
 * Child process for the proxy bench: `bare` and `bare_node`, minimal forwarders for reference, each alone in its
 * process so its throughput and CPU are its own. (The mock OFD and our proxy run as their built bins: proxy-process.ts.)
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { answerParent, tellParent } from './child.js';

const [role, upstreamUrl, authToken] = process.argv.slice(2);

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

/**
 * The floor under our own design: a plain node:http handler forwarding the poll through the proxy's own
 * transport (`createUndiciUpstream`, JSON read through `Agent.dispatch`), nothing else. What any Node proxy
 * answering the poll this way pays before its first check.
 */
async function startBareNodeForwarder(): Promise<void> {
  const { createServer } = await import('node:http');
  const { createUndiciUpstream } = await import('../src/proxy/upstream/transport.js');
  const upstream = createUndiciUpstream();
  const prefix = '/api/registration/';
  const server = createServer((req, res) => {
    const id = req.url?.startsWith(prefix) ? req.url.slice(prefix.length) : '';
    upstream(`${upstreamUrl}/api/integration/v2/b2b/kkt/registration/${id}?AuthToken=${encodeURIComponent(authToken!)}`, {
      method: 'GET',
      headers: { accept: 'application/json' },
      timeoutMs: 15_000,
      read: 'text',
    })
      .then(async (answer) => {
        const text = await answer.text();
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      })
      .catch(() => res.writeHead(502).end());
  });
  server.listen(0, '127.0.0.1');
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
  if (role === 'bare') await startBareForwarder();
  else if (role === 'bare_node') await startBareNodeForwarder();
  else throw new Error(`unknown role ${role}`);
} catch (error) {
  tellParent({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
