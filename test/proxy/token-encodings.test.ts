import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/proxy/redact.js';
import { AUTH_TOKEN, ofdError } from './helpers/fake-ofd.js';
import { APP_ID, CONTENT, DOC_ID, createHarness } from './helpers/setup.js';

/** Issue 14, finding 6: the AuthToken in any encoding OFD (or an error) may write it in never leaves the proxy. */
const hex = (b: number) => b.toString(16);
const spellings: [string, string][] = [
  ['percent-encoded, lower hex', [...Buffer.from(AUTH_TOKEN)].map((b) => `%${hex(b)}`).join('')],
  ['percent-encoded, upper hex', [...Buffer.from(AUTH_TOKEN)].map((b) => `%${hex(b).toUpperCase()}`).join('')],
  ['partly percent-encoded', AUTH_TOKEN.replace(/[0-9]/g, (d) => `%3${d}`)],
  ['percent-encoded twice', [...Buffer.from(AUTH_TOKEN)].map((b) => `%25${hex(b)}`).join('')],
  ['base64', Buffer.from(AUTH_TOKEN).toString('base64')],
  ['base64url', Buffer.from(AUTH_TOKEN).toString('base64url')],
];
const leaks = (text: string) => [AUTH_TOKEN, ...spellings.map(([, s]) => s)].filter((s) => text.includes(s) || decodeURIComponentSafe(text).includes(AUTH_TOKEN));
function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(decodeURIComponent(text));
  } catch {
    return text;
  }
}

describe('every spelling of the AuthToken is scrubbed', () => {
  it.each(spellings)('%s: from OFD error messages, answers and logs', async (_name, spelled) => {
    const h = createHarness();
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    h.ofd.onGet(() => ofdError(`upstream said: https://ofd.test/x?token=${spelled}&y=1`));
    const failed = await h.request(`/api/registration/${APP_ID}`);
    expect(leaks(await failed.text())).toEqual([]);
    h.ofd.onGet(undefined);
    h.ofd.applications.get(APP_ID)!.DownloadUri = `https://ofd.test/files/a.pdf?t=${spelled}`;
    (h.ofd.applications.get(APP_ID) as unknown as Record<string, unknown>).Comment = `see ${spelled}`;
    const ok = await h.request(`/api/registration/${APP_ID}`);
    expect(ok.status).toBe(200);
    expect(leaks(await ok.text())).toEqual([]);
    expect(leaks(JSON.stringify(h.logs))).toEqual([]);
  });

  it('a percent-encoded AuthToken= parameter is cut too', () => {
    const redact = createRedactor([AUTH_TOKEN]);
    expect(redact('https://ofd.test/?next=%2Fx%3FAuthToken%3Dabcdef')).not.toContain('abcdef');
    expect(redact({ m: spellings.map(([, s]) => s).join(' ') })).toEqual({ m: spellings.map(() => '[redacted]').join(' ') });
  });
});
