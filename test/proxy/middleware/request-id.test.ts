import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { ProxyEnv } from '../../../src/proxy/env.js';
import { requestId } from '../../../src/proxy/middleware/request-id.js';
import { appWith } from './helpers.js';

describe('requestId', () => {
  const app = appWith('*');
  it('gives each request a fresh id', async () => {
    const a = (await app.request('/')).headers.get('x-request-id');
    const b = (await app.request('/')).headers.get('x-request-id');
    expect(a).toMatch(/^[\w-]{8,}$/);
    expect(a).not.toBe(b);
  });

  it('a client does not choose its own id (issue 14, finding 6)', async () => {
    expect((await app.request('/', { headers: { 'x-request-id': 'trace-12345678' } })).headers.get('x-request-id')).not.toBe('trace-12345678');
    expect((await app.request('/', { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get('x-request-id')).not.toContain('bad');
  });

  it('keeps a well-formed id from a trusted hop', async () => {
    const trusting = new Hono<ProxyEnv>();
    trusting.use('*', requestId((c) => c.req.header('x-hop') === 'balancer'));
    trusting.get('*', (c) => c.text(c.get('requestId')));
    const from = (hop: string) => trusting.request('/', { headers: { 'x-request-id': 'trace-12345678', 'x-hop': hop } });
    expect(await (await from('balancer')).text()).toBe('trace-12345678');
    expect(await (await from('client')).text()).not.toBe('trace-12345678');
  });
});
