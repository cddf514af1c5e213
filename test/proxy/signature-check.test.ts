import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyError } from '../../src/proxy/errors/proxy-error.js';
import { checkSignedContent, inspectSignature } from '../../src/proxy/signature-check.js';
import { createTestSigner, type TestSigner } from './helpers/cms.js';

const CONTENT = Buffer.from('<?xml version="1.0" encoding="windows-1251"?><a/>').toString('base64');
let signer: TestSigner;
beforeAll(() => {
  signer = createTestSigner();
});
afterAll(() => signer.dispose());

const code = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as ProxyError).code;
  }
};

describe('signature checks before sign', () => {
  it('reads attached DER and BER indefinite-length signatures and compares their content', () => {
    for (const ber of [false, true]) {
      const inspected = inspectSignature(signer.sign(CONTENT, { ber }));
      expect(inspected.attached).toBe(true);
      expect(checkSignedContent(inspected, CONTENT)).toBe(true);
      expect(code(() => checkSignedContent(inspected, CONTENT.replace('P', 'Q')))).toBe('SIGNATURE_CONTENT_MISMATCH');
    }
  });

  it('a detached signature is compared through its signed Streebog messageDigest', () => {
    const inspected = inspectSignature(signer.sign(CONTENT, { detached: true }));
    expect(inspected.attached).toBe(false);
    expect(checkSignedContent(inspected, CONTENT)).toBe(true);
    expect(code(() => checkSignedContent(inspected, CONTENT.replace('P', 'Q')))).toBe('SIGNATURE_CONTENT_MISMATCH');
    // 7.4 signs the Content string: a signature over the decoded XML is refused, attached or detached.
    const overXml = inspectSignature(signer.sign(Buffer.from(CONTENT, 'base64'), { detached: true, ber: true }));
    expect(code(() => checkSignedContent(overXml, CONTENT))).toBe('SIGNATURE_CONTENT_MISMATCH');
    const overXmlAttached = inspectSignature(signer.sign(Buffer.from(CONTENT, 'base64')));
    expect(code(() => checkSignedContent(overXmlAttached, CONTENT))).toBe('SIGNATURE_CONTENT_MISMATCH');
  });

  it('without the content known, nothing is compared', () => {
    expect(checkSignedContent(inspectSignature(signer.sign('anything')), undefined)).toBe(false);
  });

  it('refuses what is not one signer with a certificate', () => {
    expect(code(() => inspectSignature(signer.sign(CONTENT, { withoutCertificate: true })))).toBe('SIGNATURE_INVALID');
    expect(code(() => inspectSignature(signer.sign(CONTENT, { twoSigners: true })))).toBe('SIGNATURE_INVALID');
    expect(code(() => inspectSignature(Buffer.from('MII garbage').toString('base64')))).toBe('SIGNATURE_INVALID');
    const truncated = signer.sign(CONTENT).slice(0, 200);
    expect(code(() => inspectSignature(truncated))).toBe('SIGNATURE_INVALID');
  });
});
