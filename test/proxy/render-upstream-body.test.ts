/**
 * renderUpstreamBody is the status poll's fast rewrite: it must mean exactly what the deep rewrite means, and never
 * let the AuthToken through, whatever OFD's text looks like (escapes, duplicate keys, repeated links, pretty print).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderUpstreamBody, rewriteUpstreamBody } from '../../src/proxy/upstream/rewrite.js';

const TOKEN = 'd191800efd1c4b0ba70ef05b95a9a582';
const ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';
const ctx = { applicationId: ID, publicBase: 'https://p.example', authToken: TOKEN };
const APP_LINK = `https://p.example/api/registration/${ID}/files/application`;

/** What the browser reads from the fast text, against what it read from the deep rewrite. */
function expectSameMeaning(body: unknown, raw?: string) {
  const text = renderUpstreamBody(body, ctx, raw);
  expect(text).toBeDefined();
  expect(JSON.parse(text!)).toEqual(JSON.parse(JSON.stringify(rewriteUpstreamBody(body, ctx))));
  expect(text).not.toContain(TOKEN);
  // A query parameter named AuthToken ("xAuthToken=" is another name) keeps no value.
  expect(text).not.toMatch(/(^|[^A-Za-z0-9_])AuthToken=(?!\[redacted\])/i);
  return text!;
}

describe('renderUpstreamBody', () => {
  const status = {
    Data: {
      Id: ID,
      Status: 'AwaitingSignature',
      DownloadUri: `http://ofd.test/document/KktRegistrationApplication?Id=${ID}&format=pdf&AuthToken=${TOKEN}`,
      ResultDocs: [{ DocType: 'RnmReport', DownloadUri: `http://ofd.test/doc/${ID}/1?AuthToken=${TOKEN}` }, { DocType: 'None' }],
      Documents: [{ Id: 'x', Content: 'PD94bWwg', Signature: 'NotSigned' }],
    },
    Success: true,
  };

  it('edits OFD text in place: links point at the proxy, everything else is as OFD wrote it, token gone', () => {
    const raw = JSON.stringify(status, null, 2); // pretty-printed: only the links change
    const text = expectSameMeaning(status, raw);
    expect(text).toContain(`"DownloadUri": "${APP_LINK}"`);
    expect(text).toContain(`"Content": "PD94bWwg"`);
    expect(status.Data.DownloadUri).toContain('ofd.test'); // the (possibly cached) body is not changed
  });

  it('falls back to the deep scrub when the token or an AuthToken hides anywhere else, escaped or not', () => {
    const cases: [unknown, string][] = [
      [{ ...status, Note: `see ${TOKEN}` }, JSON.stringify({ ...status, Note: `see ${TOKEN}` })],
      // \u0041 is "A": a plain search of the text would miss it, JSON.parse (and the browser) would not.
      [{ ...status, Note: `x?AuthToken=abc` }, JSON.stringify({ ...status, Note: 'PLACEHOLDER' }).replace('PLACEHOLDER', 'x?\\u0041uthToken=abc')],
      // Duplicate key: the parsed (last) value is a link, the first still carries the token in the text.
      [status, JSON.stringify(status).replace('"Id":', `"DownloadUri":"http://ofd.test/?AuthToken=${TOKEN}","Id":`)],
      // The same link twice: which occurrence is the field cannot be told from the text.
      [{ ...status, Copy: status.Data.DownloadUri }, JSON.stringify({ ...status, Copy: status.Data.DownloadUri })],
    ];
    for (const [body, raw] of cases) {
      expect(JSON.parse(raw)).toEqual(JSON.parse(JSON.stringify(body)));
      expectSameMeaning(body, raw);
    }
  });

  it('failure envelopes and bodies without Data pass unchanged in meaning', () => {
    const failed = { Data: null, Success: false, Errors: [{ Code: 'ValidationError', Message: 'Некорректный токен' }] };
    expectSameMeaning(failed, JSON.stringify(failed));
    expectSameMeaning(failed);
  });

  it('any JSON OFD may send, with the token, AuthToken= and links sprinkled in, reads the same as the deep rewrite', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(TOKEN, `AuthToken=${TOKEN}`, 'authtoken=x', 'http://ofd.test/f?a=1', '\\', '"', '\u2028'),
    );
    const text = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
    const leaf = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(text, tie('node'), { maxKeys: 3 })),
    })).node;
    const link = fc.oneof(text, fc.constant(''), fc.integer());
    const body = fc.record({
      Data: fc.oneof(
        value,
        fc.record({
          DownloadUri: link,
          DownloadUrl: link,
          ResultDocs: fc.array(fc.oneof(fc.record({ DownloadUri: link }), value), { maxLength: 3 }),
          Other: value,
        }),
      ),
      Success: fc.boolean(),
      Extra: value,
    });
    fc.assert(
      fc.property(body, fc.boolean(), (b, pretty) => {
        expectSameMeaning(b, pretty ? JSON.stringify(b, null, 1) : JSON.stringify(b));
        expectSameMeaning(b);
      }),
      { numRuns: 300 },
    );
  });
});
