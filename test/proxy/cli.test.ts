import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MOCK_OFD_DEFAULT_TOKEN } from '../../src/mock-ofd/index.js';
import { DEMO_AUTH_TOKEN, readServerConfig, runCli } from '../../src/proxy/cli.js';
import type { RunningProxy } from '../../src/proxy/server.js';
import { createLinkCode, verifyLinkCode } from '../../src/proxy/links/link-code.js';
import { verifyTicket } from '../../src/proxy/ticket.js';

const ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';
const SECRET = 'cli-test-secret-cli-test-secret-0123456789';
const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
};

describe('ofd-signer-proxy CLI', () => {
  it('outside demo mode refuses to start and says exactly what is missing', async () => {
    const c = capture();
    expect(await runCli([], { TICKET_SECRET: 'short' }, c.io)).toBe(2);
    const text = c.err.join('\n');
    expect(text).toContain('OFD_AUTH_TOKEN is not set');
    expect(text).toContain('TICKET_SECRET is 5 bytes long; it must be at least 32');
    expect(text).toContain('ALLOWED_ORIGINS is not set');
  });

  it('names only the missing variable', () => {
    const read = readServerConfig({ OFD_AUTH_TOKEN: 't', TICKET_SECRET: SECRET, PUBLIC_URL: 'https://sign.example' });
    expect(read).toEqual({ problems: [expect.stringContaining('ALLOWED_ORIGINS')] });
    const ok = readServerConfig({ OFD_AUTH_TOKEN: 't', TICKET_SECRET: SECRET, PUBLIC_URL: 'https://sign.example', ALLOWED_ORIGINS: 'https://a.example, https://b.example' });
    expect('config' in ok && ok.config).toMatchObject({
      ofdBaseUrl: 'https://ofd.ru/api/integration',
      host: '127.0.0.1',
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(readServerConfig({ OFD_AUTH_TOKEN: 't', TICKET_SECRET: SECRET, PUBLIC_URL: 'https://sign.example', ALLOWED_ORIGINS: 'a.example/' })).toEqual({
      problems: [expect.stringContaining('not an origin')],
    });
  });

  it('reads the status cache, rate limit and access log switches, and refuses values it does not know', () => {
    const base = { OFD_AUTH_TOKEN: 't', TICKET_SECRET: SECRET, PUBLIC_URL: 'https://sign.example', ALLOWED_ORIGINS: 'https://a.example' };
    expect('config' in readServerConfig(base) && readServerConfig(base)).toMatchObject({ config: { rateLimit: true, accessLog: true } });
    const off = readServerConfig({ ...base, STATUS_CACHE_MS: '0', RATE_LIMIT: 'off', ACCESS_LOG: 'off' });
    expect(off).toMatchObject({ config: { statusCacheMs: 0, rateLimit: false, accessLog: false } });
    expect(readServerConfig({ ...base, STATUS_CACHE_MS: '1s', RATE_LIMIT: 'no' })).toEqual({
      problems: [expect.stringContaining('STATUS_CACHE_MS "1s"'), expect.stringContaining('RATE_LIMIT must be "on" or "off"')],
    });
  });

  it('demo mode talks to the mock OFD with its default token', () => {
    expect(DEMO_AUTH_TOKEN).toBe(MOCK_OFD_DEFAULT_TOKEN);
    const read = readServerConfig({ DEMO: '1', OFD_BASE_URL: 'http://127.0.0.1:8090/api/integration' });
    expect('config' in read && read.config.authToken).toBe(MOCK_OFD_DEFAULT_TOKEN);
  });

  it('`ticket <id> --ttl` prints a ticket the server accepts', async () => {
    const c = capture();
    expect(await runCli(['ticket', ID, '--ttl', '120'], { TICKET_SECRET: SECRET }, c.io)).toBe(0);
    const verified = verifyTicket(c.out[0]!, { secret: SECRET, applicationId: ID });
    expect(verified.expiresAt - Date.now()).toBeLessThanOrEqual(120_000);
    expect(await runCli(['ticket', 'not-an-id'], { TICKET_SECRET: SECRET }, capture().io)).toBe(2);
    expect(await runCli(['ticket', ID], { TICKET_SECRET: 'short' }, capture().io)).toBe(2);
    expect(await runCli(['ticket', ID], { TICKET_SECRET: 'a'.repeat(40) }, capture().io)).toBe(2);
  });

  it('demo mode generates a secret, listens on 127.0.0.1 and prints a working signing link', async () => {
    const c = capture();
    const running = (await runCli([], { DEMO: '1', PORT: '0', DEMO_APPLICATION_ID: ID, OFD_BASE_URL: 'http://127.0.0.1:9/api/integration' }, c.io)) as RunningProxy;
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      const link = new URL(c.out[1]!);
      expect(link.origin).toBe(running.url);
      expect(link.search).toBe('');
      const code = /^#link=(.+)$/.exec(link.hash)![1]!;
      // Upstream is unreachable in this test: the code passes, the status check behind the exchange fails cleanly.
      const res = await fetch(`${running.url}/api/links/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Code: code }) });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { Error: { Code: string } }).Error.Code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await running.close();
    }
  });

  it('`link <id> --days` prints the page address with the code in the fragment only', async () => {
    const c = capture();
    expect(await runCli(['link', ID, '--days', '14', '--lang', 'en'], { TICKET_SECRET: SECRET, PUBLIC_URL: 'https://sign.example' }, c.io)).toBe(0);
    const link = new URL(c.out[0]!);
    expect(`${link.origin}${link.pathname}${link.search}`).toBe('https://sign.example/?lang=en');
    const code = link.hash.slice('#link='.length);
    const verified = verifyLinkCode(code, { secret: SECRET });
    expect(verified.applicationIds).toEqual([ID]);
    expect(Math.round((verified.expiresAt - Date.now()) / 86_400_000)).toBe(14);
    expect(c.err.join('\n')).toContain(`works until ${new Date(verified.expiresAt).toISOString()}`);
    expect(await runCli(['link', ID], { TICKET_SECRET: SECRET }, capture().io)).toBe(2);
    expect(await runCli(['link', ID, '--days', '400'], { TICKET_SECRET: SECRET, PUBLIC_URL: 'https://sign.example' }, capture().io)).toBe(2);
    const weak = capture();
    expect(await runCli(['link', ID], { TICKET_SECRET: 'a'.repeat(40), PUBLIC_URL: 'https://sign.example' }, weak.io)).toBe(2);
    expect(weak.err.join('\n')).toContain('far from random');
  });

  it('`revoke` needs the proxies\' Redis and says so', async () => {
    const c = capture();
    const code = createLinkCode({ applicationId: ID, secret: SECRET });
    expect(await runCli(['revoke', `https://sign.example/#link=${code}`], { TICKET_SECRET: SECRET }, c.io)).toBe(2);
    expect(c.err.join('\n')).toContain('REDIS_URL is not set');
  });

  it('runs as a program through tsx', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/proxy/cli.ts', 'ticket', ID], {
      env: { ...process.env, TICKET_SECRET: SECRET },
    });
    expect(verifyTicket(stdout.trim(), { secret: SECRET }).applicationIds).toEqual([ID]);
  });
});
