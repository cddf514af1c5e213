import { describe, expect, it } from 'vitest';
import { limitBody } from '../../../src/proxy/middleware/body-limit.js';
import { appWith } from './helpers.js';

describe('limitBody', () => {
  const app = appWith('*', limitBody(100));
  it('passes bodies up to the limit and refuses larger ones with BODY_TOO_LARGE', async () => {
    expect((await app.request('/', { method: 'POST', body: 'x'.repeat(100) })).status).toBe(200);
    const res = await app.request('/', { method: 'POST', body: 'x'.repeat(101) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { Error: { Code: string } }).Error.Code).toBe('BODY_TOO_LARGE');
  });
});
