import { describe, expect, it } from 'vitest';
import { accessLog } from '../../../src/proxy/middleware/access-log.js';
import { appWith } from './helpers.js';

describe('accessLog', () => {
  it('writes one line per request with id, status and path but never the query string', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = appWith('*', accessLog((l) => lines.push(l), () => '127.0.0.1'));
    const res = await app.request('/api/registration/x?ticket=v1.secret.secret');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request', method: 'GET', path: '/api/registration/x', status: 200, client: '127.0.0.1' });
    expect(lines[0]!.requestId).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
