import { describe, expect, it } from 'vitest';
import { appWith } from './helpers.js';

describe('requestId', () => {
  const app = appWith('*');
  it('gives each request a fresh id and keeps a well-formed incoming one', async () => {
    const a = (await app.request('/')).headers.get('x-request-id');
    const b = (await app.request('/')).headers.get('x-request-id');
    expect(a).toMatch(/^[\w-]{8,}$/);
    expect(a).not.toBe(b);
    expect((await app.request('/', { headers: { 'x-request-id': 'trace-12345678' } })).headers.get('x-request-id')).toBe('trace-12345678');
    expect((await app.request('/', { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get('x-request-id')).not.toContain('bad');
  });
});
