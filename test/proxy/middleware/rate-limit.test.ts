import { describe, expect, it } from 'vitest';
import { rateLimit } from '../../../src/proxy/middleware/rate-limit.js';
import { appWith } from './helpers.js';

describe('rateLimit', () => {
  it('allows `limit` requests per key per window, then 429 with Retry-After; a new window starts afresh', async () => {
    let now = 0;
    const app = appWith('*', rateLimit({ limit: 2, windowMs: 10_000, clock: () => now, key: (c) => c.req.header('x-key') }));
    const hit = (key: string) => app.request('/', { headers: { 'x-key': key } });
    expect((await hit('a')).status).toBe(200);
    expect((await hit('a')).status).toBe(200);
    now = 4_000;
    const limited = await hit('a');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('6');
    expect((await hit('b')).status).toBe(200);
    now = 10_000;
    expect((await hit('a')).status).toBe(200);
  });

  it('does not count requests without a key', async () => {
    const app = appWith('*', rateLimit({ limit: 1, windowMs: 1000, clock: () => 0, key: () => undefined }));
    for (let i = 0; i < 3; i++) expect((await app.request('/')).status).toBe(200);
  });
});
