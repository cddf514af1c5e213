/**
 * Review: "what is signed" (NOTES.md; spec 7.4) as the three checks see it — the widget's local check before
 * sending, the proxy's check before spending the one `sign`, and the mock OFD's (OFD's stand-in) — for attached
 * and detached signatures over the Content string as-is and over the decoded XML. Real GOST CMS throughout.
 */
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/cms/base64.js';
import { findSignatureProblem } from '../../src/mock-ofd/signature-check.js';
import { ProxyError } from '../../src/proxy/errors/proxy-error.js';
import { checkSignedContent, inspectSignature } from '../../src/proxy/signature-check.js';
import { buildCadesBes, createDemoCertificates, DEMO_COMPANY } from '../../src/testing/index.js';
import { verifyLocally } from '../../src/widget/journey/verify.js';

const demo = createDemoCertificates();
const xml = '<?xml version="1.0" encoding="windows-1251"?><Файл/>';
const content = Buffer.from(xml, 'latin1').toString('base64');
const asIs = new TextEncoder().encode(content);
const decoded = Uint8Array.from(Buffer.from(content, 'base64'));
const other = new TextEncoder().encode(`${content}AAAA`);

function sign(bytes: Uint8Array, detached: boolean): string {
  return bytesToBase64(buildCadesBes({ content: bytes, certificate: demo.director, detached }));
}

type Verdict = 'ok' | 'refused';
const widget = (signature: string, detached: boolean, contentMode: 'as-is' | 'decoded'): Verdict => {
  try {
    verifyLocally(signature, content, { thumbprint: demo.director.thumbprint, signatureMode: detached ? 'detached' : 'attached', contentMode });
    return 'ok';
  } catch {
    return 'refused';
  }
};
const proxy = (signature: string): Verdict => {
  try {
    checkSignedContent(inspectSignature(signature), content);
    return 'ok';
  } catch (e) {
    if (!(e instanceof ProxyError)) throw e;
    return 'refused';
  }
};
const mock = async (signature: string): Promise<Verdict> =>
  (await findSignatureProblem(signature, {
    content,
    companyInn: DEMO_COMPANY.inn,
    now: new Date(),
    acceptDetached: true,
    checkSignerIdentity: true,
    verifySignatures: true,
    verifier: undefined,
  })) === undefined
    ? 'ok'
    : 'refused';

describe('what is signed: widget, proxy and mock OFD agree', () => {
  it('attached over the Content string as-is (the default): all three accept', async () => {
    const s = sign(asIs, false);
    expect([widget(s, false, 'as-is'), proxy(s), await mock(s)]).toEqual(['ok', 'ok', 'ok']);
  });

  it('detached over the Content string as-is: all three accept', async () => {
    const s = sign(asIs, true);
    expect([widget(s, true, 'as-is'), proxy(s), await mock(s)]).toEqual(['ok', 'ok', 'ok']);
  });

  it('attached over other bytes: all three refuse before anything is spent', async () => {
    const s = sign(other, false);
    expect([widget(s, false, 'as-is'), proxy(s), await mock(s)]).toEqual(['refused', 'refused', 'refused']);
  });

  it('detached over other bytes: the proxy and the mock refuse (the widget has no Streebog in its bundle and leaves it to the proxy)', async () => {
    const s = sign(other, true);
    expect([proxy(s), await mock(s)]).toEqual(['refused', 'refused']);
  });

  it('decoded mode (an option, not OFD rule 7.4): the proxy refuses it before OFD, as the mock OFD would — the one sign is never spent on it', async () => {
    for (const detached of [false, true]) {
      const s = sign(decoded, detached);
      expect([widget(s, detached, 'decoded'), proxy(s), await mock(s)]).toEqual(['ok', 'refused', 'refused']);
      // And the widget never takes a decoded-mode signature for an as-is one.
      if (!detached) expect(widget(s, false, 'as-is')).toBe('refused');
    }
  });
});
