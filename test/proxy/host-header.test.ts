import { describe, expect, it } from 'vitest';
import { APP_ID, CONTENT, DOC_ID, createHarness } from './helpers/setup.js';

/** Issue 14, finding 5: the Host header is the client's to write; it steers neither file links nor CORS. */
describe('the Host header is not trusted', () => {
  const forged = { host: 'evil.example', origin: 'http://evil.example' };

  it('file links point at PUBLIC_URL and a forged same-origin is refused', async () => {
    const h = createHarness({ publicUrl: 'https://sign.example' });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    const plain = await h.request(`http://evil.example/api/registration/${APP_ID}`, { headers: { host: 'evil.example' } });
    expect(((await plain.json()) as { Data: { DownloadUri: string } }).Data.DownloadUri).toBe(`https://sign.example/api/registration/${APP_ID}/files/application`);
    const cross = await h.request(`http://evil.example/api/registration/${APP_ID}`, { headers: forged });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('access-control-allow-origin')).toBeNull();
    expect((await h.request(`/api/registration/${APP_ID}`, { headers: { origin: 'https://sign.example' } })).status).toBe(200);
  });

  it('without a public URL, links are root-relative and no origin is derived from the request', async () => {
    const h = createHarness({ publicUrl: undefined });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    const res = await h.request(`http://evil.example/api/registration/${APP_ID}`, { headers: { host: 'evil.example' } });
    expect(((await res.json()) as { Data: { DownloadUri: string } }).Data.DownloadUri).toBe(`/api/registration/${APP_ID}/files/application`);
    expect((await h.request(`http://evil.example/api/registration/${APP_ID}`, { headers: forged })).status).toBe(403);
  });
});
