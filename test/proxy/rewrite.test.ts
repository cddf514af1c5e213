import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/proxy/redact.js';
import { rewriteUpstreamBody, scrubToken } from '../../src/proxy/upstream/rewrite.js';

const TOKEN = 'd191800efd1c4b0ba70ef05b95a9a582';
const ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';

describe('response rewriting', () => {
  it('points every file link at the proxy and leaves other fields alone', () => {
    const body = {
      Data: {
        Id: ID,
        DownloadUri: `https://ofd.ru/document/KktRegistrationApplication?Id=${ID}&format=pdf`,
        ResultDocs: [{ DocType: 'RnmReport', DownloadUri: `https://ofd.ru/api/kkt/application/doc/${ID}/16840/50?AuthToken=${TOKEN}` }],
        Documents: [{ Id: 'x', Content: 'PD94' }],
      },
      Success: true,
    };
    const out = rewriteUpstreamBody(body, { applicationId: ID, publicBase: 'https://p.example', authToken: TOKEN }) as typeof body;
    expect(out.Data.DownloadUri).toBe(`https://p.example/api/registration/${ID}/files/application`);
    expect(out.Data.ResultDocs[0]!.DownloadUri).toBe(`https://p.example/api/registration/${ID}/files/result/RnmReport`);
    expect(out.Data.Documents).toEqual(body.Data.Documents);
    expect(JSON.stringify(out)).not.toContain(TOKEN);
    expect(body.Data.DownloadUri).toContain('ofd.ru'); // the input is not mutated
  });

  it('scrubs the token wherever it appears, and any AuthToken query value', () => {
    const out = scrubToken({ a: [`x ${TOKEN} y`], b: { c: 'https://h/?q=1&AuthToken=other-token&z=2' } }, TOKEN);
    expect(out).toEqual({ a: ['x [redacted] y'], b: { c: 'https://h/?q=1&AuthToken=[redacted]&z=2' } });
  });

  it('the log redactor removes tokens, bearer headers and ticket-shaped strings', () => {
    const redact = createRedactor([TOKEN]);
    const ticket = 'v1.eyJhIjpbIjFiMjFjYWMzIl0sImUiOjE3fQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc';
    expect(redact({ msg: `GET /x?AuthToken=${TOKEN}`, h: `Bearer ${ticket}`, t: `ticket=${ticket}`, n: 3 })).toEqual({
      msg: 'GET /x?AuthToken=[redacted]',
      h: 'Bearer [redacted]',
      t: 'ticket=[ticket]',
      n: 3,
    });
  });
});
