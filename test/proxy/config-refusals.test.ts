import { describe, expect, it } from 'vitest';
import { readServerConfig, runCli } from '../../src/proxy/cli.js';
import type { RunningProxy } from '../../src/proxy/server.js';

/** Issue 14, findings 1 and 6: the CLI refuses what would run unsafely, naming the setting and the fix. */
const STRONG = 'Zq3vN8pL1xR7tY2uK9wB4mC6eH0jF5sD-gA_iO';
const MOCK = 'http://127.0.0.1:8090/api/integration';
const PROD = {
  OFD_AUTH_TOKEN: 'real-partner-token-0123456789',
  TICKET_SECRET: STRONG,
  ALLOWED_ORIGINS: 'https://shop.example',
  PUBLIC_URL: 'https://sign.example',
};
const problems = (env: NodeJS.ProcessEnv) => {
  const read = readServerConfig(env);
  return 'problems' in read ? read.problems.join('\n') : '';
};

describe('DEMO=1 stays a local toy (finding 1)', () => {
  it('refuses to listen beyond loopback', () => {
    expect(problems({ DEMO: '1', OFD_BASE_URL: MOCK, HOST: '0.0.0.0' })).toMatch(/HOST=0\.0\.0\.0.*set HOST=127\.0\.0\.1/);
    expect(problems({ DEMO: '1', OFD_BASE_URL: MOCK, HOST: '::1' })).toBe('');
  });

  it('refuses a real OFD URL or a real token', () => {
    expect(problems({ DEMO: '1', OFD_BASE_URL: 'https://ofd.ru/api/integration' })).toMatch(/OFD_BASE_URL=https:\/\/ofd\.ru.* not on loopback/);
    expect(problems({ DEMO: '1' })).toContain('DEMO=1 needs OFD_BASE_URL');
    expect(problems({ DEMO: '1', OFD_BASE_URL: MOCK, OFD_AUTH_TOKEN: 'real-partner-token' })).toContain('unset OFD_AUTH_TOKEN');
  });

  it('refuses a weak secret and foreign page origins', () => {
    expect(problems({ DEMO: '1', OFD_BASE_URL: MOCK, TICKET_SECRET: 'x' })).toContain('TICKET_SECRET is 1 bytes long');
    expect(problems({ DEMO: '1', OFD_BASE_URL: MOCK, ALLOWED_ORIGINS: 'https://evil.example' })).toContain('not on loopback');
  });

  it('never prints the generated secret, and logs the address it really bound', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const running = (await runCli([], { DEMO: '1', PORT: '0', OFD_BASE_URL: MOCK }, { out: (l) => out.push(l), err: (l) => err.push(l) })) as RunningProxy;
    try {
      const text = [...out, ...err].join('\n');
      expect(text).not.toMatch(/TICKET_SECRET=/);
      expect(text).toContain('not shown');
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await running.close();
    }
  });
});

describe('production settings that are refused (finding 6)', () => {
  it('a complete safe configuration starts', () => {
    expect(problems(PROD)).toBe('');
  });

  it('plain http upstream only to loopback', () => {
    expect(problems({ ...PROD, OFD_BASE_URL: 'http://ofd.ru/api/integration' })).toMatch(/OFD_BASE_URL=http:\/\/ofd\.ru.*plain http.*Use https:\/\//);
    expect(problems({ ...PROD, OFD_BASE_URL: 'http://127.0.0.1:8090/api/integration' })).toBe('');
  });

  it('PUBLIC_URL is required (the Host header is not trusted)', () => {
    const { PUBLIC_URL: _, ...env } = PROD;
    expect(problems(env)).toContain('PUBLIC_URL is not set');
    expect(problems({ ...PROD, PUBLIC_URL: 'http://sign.example' })).toContain('plain http');
  });

  it('a secret without real entropy', () => {
    expect(problems({ ...PROD, TICKET_SECRET: 'a'.repeat(32) })).toMatch(/TICKET_SECRET looks far from random .*openssl rand -base64 48/);
    expect(problems({ ...PROD, TICKET_SECRET: 'password'.repeat(4) })).toContain('far from random');
  });

  it('several instances on the memory ledger', () => {
    expect(problems({ ...PROD, PROXY_INSTANCES: '2' })).toMatch(/PROXY_INSTANCES=2 .* Set REDIS_URL/);
    expect(problems({ ...PROD, PROXY_INSTANCES: '2', REDIS_URL: 'redis://redis:6379' })).toBe('');
  });

  it('TRUST_PROXY needs an explicit hop count and the balancer addresses', () => {
    expect(problems({ ...PROD, TRUST_PROXY: 'true', TRUSTED_PROXIES: '10.0.0.2' })).toContain('number of reverse-proxy hops');
    expect(problems({ ...PROD, TRUST_PROXY: '1' })).toContain('TRUSTED_PROXIES is not');
    expect(problems({ ...PROD, TRUST_PROXY: '1', TRUSTED_PROXIES: 'balancer' })).toContain('not an IP address or CIDR');
    expect(problems({ ...PROD, TRUST_PROXY: '1', TRUSTED_PROXIES: '172.16.0.0/12, 10.0.0.2' })).toBe('');
  });
});
