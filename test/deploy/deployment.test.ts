/**
 * The compose deployment, started outside Docker (no Docker daemon here) with the same pieces: the env file
 * deploy/proxy.env, the Dockerfile's command (`node <its flags> dist/node/proxy-cli.js`) for two proxy instances,
 * redis-server with deploy/redis.conf, and nginx with deploy/nginx/default.conf.template rendered as nginx's
 * image renders it. Only what must differ outside Docker is overridden: loopback addresses and ports, a mock
 * OFD on loopback instead of OFD, and generated secrets in place of deploy/secrets.env.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockOfd } from '../../src/mock-ofd/index.js';
import { freePort } from '../helpers/redis-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/node/proxy-cli.js');
/** The node flags of the Dockerfile's CMD (`["node", ...flags, "dist/node/proxy-cli.js"]`). */
const NODE_FLAGS = (JSON.parse(/^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))![1]!) as string[]).slice(1, -1);
const children: ChildProcess[] = [];
let dir: string;
let env: NodeJS.ProcessEnv;
let balancer: string;
let instances: string[];
let redisUrl: string;
let mockServer: ReturnType<typeof serve>;
let mockControl: ReturnType<typeof createMockOfd>['control'];
const METRICS_TOKEN = randomBytes(36).toString('base64');

/** KEY=VALUE lines, comments and blank lines skipped: what compose's env_file reads. */
function readEnvFile(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

function start(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; ready: RegExp; stream?: 'stdout' | 'stderr' }): Promise<ChildProcess> {
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((ok, fail) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      if (options.ready.test(seen)) ok(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${command} exited ${code}: ${seen}`)));
    setTimeout(() => fail(new Error(`${command} did not start: ${seen}`)), 20_000);
  });
}

function runCli(args: string[], extra: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 20_000 });
}

beforeAll(async () => {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist/page/index.html'))) {
    throw new Error('dist/node and dist/page are missing: npm run build:server && npm run build:page (npm test builds them)');
  }
  dir = mkdtempSync(join(tmpdir(), 'ofd-signer-deploy-'));

  // Redis with the deployment's own configuration file (persistence on).
  const redisPort = await freePort();
  mkdirSync(join(dir, 'redis'));
  await start('redis-server', [join(ROOT, 'deploy/redis.conf'), '--bind', '127.0.0.1', '--port', String(redisPort), '--dir', join(dir, 'redis')], { ready: /Ready to accept connections/ });
  redisUrl = `redis://127.0.0.1:${redisPort}`;

  // OFD: the mock on loopback (plain http is accepted for loopback only).
  const mock = createMockOfd();
  mockControl = mock.control;
  mockServer = serve({ fetch: mock.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((ok) => mockServer.once('listening', ok));
  const mockUrl = `http://127.0.0.1:${(mockServer.address() as AddressInfo).port}/api/integration`;

  const ports = [await freePort(), await freePort()];
  const balancerPort = await freePort();
  balancer = `http://127.0.0.1:${balancerPort}`;
  instances = ports.map((p) => `http://127.0.0.1:${p}`);
  env = {
    PATH: process.env.PATH,
    ...readEnvFile(join(ROOT, 'deploy/proxy.env')),
    // deploy/secrets.env, generated:
    OFD_AUTH_TOKEN: mock.control.authToken,
    TICKET_SECRET: randomBytes(48).toString('base64'),
    METRICS_TOKEN,
    // Outside Docker: loopback instead of the compose network.
    OFD_BASE_URL: mockUrl,
    PUBLIC_URL: balancer,
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
    TRUSTED_PROXIES: '127.0.0.1',
    // The Dockerfile's ENV.
    NODE_ENV: 'production',
    STATIC_DIR: join(ROOT, 'dist/page'),
  };
  for (const port of ports) {
    await start(process.execPath, [...NODE_FLAGS, CLI], { env: { ...env, PORT: String(port) }, ready: /"msg":"listening"/ });
  }

  // nginx with the compose template, rendered as the nginx image does (envsubst of ${PROXY_1}, ${PROXY_2}, ${LISTEN}).
  const vars: Record<string, string> = { PROXY_1: `127.0.0.1:${ports[0]}`, PROXY_2: `127.0.0.1:${ports[1]}`, LISTEN: `127.0.0.1:${balancerPort}` };
  const site = readFileSync(join(ROOT, 'deploy/nginx/default.conf.template'), 'utf8').replace(/\$\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
  writeFileSync(join(dir, 'site.conf'), site);
  const temp = (name: string) => join(dir, name);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off; worker_processes 1; pid ${temp('nginx.pid')}; error_log ${temp('error.log')} notice;
events { worker_connections 256; }
http {
  access_log ${temp('access.log')};
  client_body_temp_path ${temp('body')}; proxy_temp_path ${temp('proxy')}; fastcgi_temp_path ${temp('fcgi')};
  uwsgi_temp_path ${temp('uwsgi')}; scgi_temp_path ${temp('scgi')};
  include ${temp('site.conf')};
}
`,
  );
  const nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  children.push(nginx);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await fetch(`${balancer}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start: ${existsSync(temp('error.log')) ? readFileSync(temp('error.log'), 'utf8') : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 60_000);

afterAll(async () => {
  for (const child of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
  await new Promise((ok) => mockServer?.close(ok));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const link = () => {
  const app = mockControl.createDemoApplication();
  const result = runCli(['link', app.Id]);
  expect(result.status, result.stderr).toBe(0);
  return { id: app.Id, url: result.stdout.trim() };
};
const exchange = (url: string) =>
  fetch(`${balancer}/api/links/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Code: new URL(url).hash.slice('#link='.length) }) });

describe('the compose deployment, started outside Docker', () => {
  it('is ready through the balancer, on the Redis ledger with persistence on', async () => {
    const ready = await fetch(`${balancer}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ Status: 'Success', Data: { ready: true, ledger: 'redis' } });
    const redis = new Redis(redisUrl);
    try {
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    } finally {
      redis.disconnect();
    }
  });

  it('serves the page and the API through the balancer; both instances take requests; the access log holds no credential', async () => {
    const page = await fetch(`${balancer}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const { id, url } = link();
    expect(url.startsWith(`${balancer}/#link=l1.`)).toBe(true);
    const res = await exchange(url);
    expect(res.status).toBe(200);
    const ticket = ((await res.json()) as { Data: { Ticket: string } }).Data.Ticket;
    for (let i = 0; i < 8; i++) {
      const status = await fetch(`${balancer}/api/registration/${id}`, { headers: { authorization: `Bearer ${ticket}` } });
      expect(status.status).toBe(200);
      // nginx's own request id: accepted from the trusted hop, 32 hex digits.
      expect(status.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    }
    const counts = await Promise.all(
      instances.map(async (instance) => {
        const text = await (await fetch(`${instance}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
        return Number(/ofd_signer_http_requests_total\{route="status",method="GET",status="2xx"\} (\d+)/.exec(text)?.[1] ?? 0);
      }),
    );
    expect(counts[0]! + counts[1]!).toBe(8);
    expect(counts.every((n) => n > 0)).toBe(true);
    // Metrics are not public through the balancer.
    expect((await fetch(`${balancer}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
    const accessLog = readFileSync(join(dir, 'access.log'), 'utf8');
    expect(accessLog).toContain('/api/links/exchange');
    expect(accessLog).not.toContain(ticket);
    expect(accessLog).not.toContain(new URL(url).hash.slice('#link='.length));
  });

  it('a link revoked with the CLI is refused by every instance at once', async () => {
    const { url } = link();
    expect((await exchange(url)).status).toBe(200);
    const revoked = runCli(['revoke', url]);
    expect(revoked.status, revoked.stderr).toBe(0);
    for (let i = 0; i < 4; i++) {
      const res = await exchange(url);
      expect([res.status, ((await res.json()) as { Error: { Code: string } }).Error.Code]).toEqual([410, 'LINK_REVOKED']);
    }
  });

  it('the same env file without Redis is refused: two instances on the memory ledger', () => {
    const result = spawnSync(process.execPath, [CLI], { env: { ...env, REDIS_URL: '', PORT: '0' }, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PROXY_INSTANCES=2 with the in-memory ledger');
  });
});
