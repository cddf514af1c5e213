import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectCms } from '../../src/cms/cms.js';
import { parseDer, type DerNode } from '../../src/cms/der.js';
import { encodeTlv } from '../../src/cms/der-encode.js';
import { indefinite } from './helpers/der-builder.js';
import { Oid } from '../../src/cms/oids.js';
import { verifyCertificateSignature, verifyCmsSignature } from '../../src/cms/verify.js';
import { parseCertificate } from '../../src/cms/x509.js';

const fixture = (file: string) => new URL(`../fixtures/cms/${file}`, import.meta.url);
const p7s = (name: string) => new Uint8Array(readFileSync(fixture(`${name}.p7s`)));
const cert = (name: string) => parseCertificate(readFileSync(fixture(`${name}.pem`), 'utf8'));
const content = new Uint8Array(readFileSync(fixture('content.txt')));

/** Returns a copy of `bytes` with one byte of the first occurrence of `needle` changed. */
function tamper(bytes: Uint8Array, needle: Uint8Array, at = 0): Uint8Array {
  const offset = Buffer.from(bytes).indexOf(Buffer.from(needle));
  expect(offset).toBeGreaterThan(0);
  const copy = Uint8Array.from(bytes);
  copy[offset + at]! ^= 0x01;
  return copy;
}

describe('verifyCmsSignature on signatures made by OpenSSL', () => {
  const attached = ['attached-der-256', 'attached-ber-256', 'attached-der-512', 'attached-ber-512', 'attached-keyid-256', 'attached-chain-256'];
  const detached = ['detached-der-256', 'detached-ber-256', 'detached-der-512', 'detached-ber-512'];

  it.each(attached)('%s is valid', async (name) => {
    const result = await verifyCmsSignature(p7s(name));
    expect(result).toMatchObject({ valid: true });
    expect(result.signer?.subject.SN).toBe('Романова');
  });

  it.each(detached)('%s is valid with its content', async (name) => {
    expect(await verifyCmsSignature(p7s(name), { detachedContent: content })).toMatchObject({ valid: true });
  });

  it('accepts base64 and an already inspected CmsInfo', async () => {
    const b64 = readFileSync(fixture('attached-der-256.p7s.b64'), 'utf8');
    expect((await verifyCmsSignature(b64)).valid).toBe(true);
    expect((await verifyCmsSignature(inspectCms(b64))).valid).toBe(true);
  });
});

/** Re-encodes a message, writing the elements `pick` selects with indefinite length (and fixing parents' lengths). */
function withIndefinite(der: Uint8Array, pick: (node: DerNode) => boolean): Uint8Array {
  const rebuild = (node: DerNode): Uint8Array => {
    if (!node.constructed) return node.raw;
    const children = node.children.map(rebuild);
    return pick(node) || node.indefinite ? indefinite(node.tag, ...children) : encodeTlv(node.tag, ...children);
  };
  return rebuild(parseDer(der));
}

describe('verifyCmsSignature on BER variants', () => {
  it('verifies when the signed attributes themselves use indefinite length (signature covers their DER form)', async () => {
    const ber = withIndefinite(p7s('attached-der-256'), (node) => node.isContext(0) && node.children[0]?.children[0]?.tag === 0x06 && node.children.length >= 3);
    const info = inspectCms(ber);
    // Only the signed attributes were picked, and they read back as the same DER SET OF.
    expect(info.indefiniteLength).toBe(true);
    expect(info.signers[0]!.signedAttrsDer).toEqual(inspectCms(p7s('attached-der-256')).signers[0]!.signedAttrsDer);
    const definiteForm = Buffer.from(info.signers[0]!.signedAttrsDer!);
    definiteForm[0] = 0xa0;
    expect(Buffer.from(p7s('attached-der-256')).indexOf(definiteForm)).toBeGreaterThan(0);
    expect(Buffer.from(ber).indexOf(definiteForm)).toBe(-1);
    expect(await verifyCmsSignature(ber)).toMatchObject({ valid: true });
  });
});

describe('verifyCmsSignature rejects what it must', () => {
  it('a flipped byte of attached content: DIGEST_MISMATCH', async () => {
    for (const name of ['attached-der-256', 'attached-ber-512']) {
      const result = await verifyCmsSignature(tamper(p7s(name), content.subarray(0, 16), 10));
      expect(result, name).toMatchObject({ valid: false, code: 'DIGEST_MISMATCH' });
    }
  });

  it('other content for a detached signature: DIGEST_MISMATCH', async () => {
    const changed = Uint8Array.from(content);
    changed[changed.length - 1]! ^= 0x01;
    for (const name of ['detached-der-256', 'detached-ber-512']) {
      expect(await verifyCmsSignature(p7s(name), { detachedContent: changed })).toMatchObject({ valid: false, code: 'DIGEST_MISMATCH' });
    }
  });

  it('a flipped byte of the signature value: SIGNATURE_INVALID', async () => {
    for (const name of ['attached-der-256', 'detached-ber-256', 'attached-der-512']) {
      const signature = inspectCms(p7s(name)).signers[0]!.signature;
      for (const at of [0, 31, signature.length - 1]) {
        const result = await verifyCmsSignature(tamper(p7s(name), signature, at), { detachedContent: content });
        expect(result, `${name} byte ${at}`).toMatchObject({ valid: false, code: 'SIGNATURE_INVALID' });
      }
    }
  });

  it('a changed signed attribute: SIGNATURE_INVALID', async () => {
    const der = p7s('attached-der-256');
    const signedAttrs = inspectCms(der).signers[0]!.signedAttrsDer!;
    // Last byte of the signed attributes: inside the signingCertificateV2 hash, covered by the signature.
    const carried = Uint8Array.from(signedAttrs);
    carried[0] = 0xa0;
    const result = await verifyCmsSignature(tamper(der, carried, carried.length - 1));
    expect(result).toMatchObject({ valid: false, code: 'SIGNATURE_INVALID' });
  });

  it('a detached signature without content: NO_CONTENT', async () => {
    expect(await verifyCmsSignature(p7s('detached-der-256'))).toMatchObject({ valid: false, code: 'NO_CONTENT' });
  });

  it('an attached signature over another document than expected: CONTENT_MISMATCH', async () => {
    const other = new TextEncoder().encode('PD94bWwgb3RoZXI=');
    expect(await verifyCmsSignature(p7s('attached-der-256'), { detachedContent: other })).toMatchObject({ valid: false, code: 'CONTENT_MISMATCH' });
    expect((await verifyCmsSignature(p7s('attached-der-256'), { detachedContent: content })).valid).toBe(true);
  });

  it('garbage, truncation and non-base64: CMS_UNREADABLE, without throwing', async () => {
    expect(await verifyCmsSignature('not base64 at all!')).toMatchObject({ valid: false, code: 'CMS_UNREADABLE' });
    expect(await verifyCmsSignature(p7s('attached-der-256').subarray(0, 900))).toMatchObject({ valid: false, code: 'CMS_UNREADABLE' });
    const result = await verifyCmsSignature(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01));
    expect(result.valid).toBe(false);
    expect(result.reason).toMatch(/CMS_MALFORMED/);
  });

  it('no certificate for the signer: SIGNER_CERT_MISSING, unless the caller supplies it', async () => {
    const info = inspectCms(p7s('attached-keyid-256'));
    const withoutCerts = { ...info, certificates: [], signers: info.signers.map(({ certificate: _drop, ...rest }) => rest) };
    expect(await verifyCmsSignature(withoutCerts)).toMatchObject({ valid: false, code: 'SIGNER_CERT_MISSING' });
    expect(await verifyCmsSignature(withoutCerts, { extraCertificates: [cert('ca-256'), cert('leaf-256')] })).toMatchObject({ valid: true });
    // Another certificate with the same name does not stand in for the signer's.
    expect(await verifyCmsSignature(withoutCerts, { extraCertificates: [cert('leaf-512')] })).toMatchObject({ code: 'SIGNER_CERT_MISSING' });
  });

  it('a digest that does not go with the key size: UNSUPPORTED_DIGEST', async () => {
    const info = inspectCms(p7s('attached-der-256'));
    const mislabelled = { ...info, signers: [{ ...info.signers[0]!, digestAlgorithmOid: Oid.streebog512 }] };
    expect(await verifyCmsSignature(mislabelled)).toMatchObject({ valid: false, code: 'UNSUPPORTED_DIGEST' });
  });

  it('a signer certificate outside its validity at the given time: CERT_NOT_VALID_AT_TIME', async () => {
    const der = p7s('attached-der-256');
    const { notBefore } = inspectCms(der).signers[0]!.certificate!;
    expect(await verifyCmsSignature(der, { at: new Date(notBefore.getTime() - 60_000) })).toMatchObject({ valid: false, code: 'CERT_NOT_VALID_AT_TIME' });
    expect((await verifyCmsSignature(der, { at: new Date(notBefore.getTime() + 60_000) })).valid).toBe(true);
  });
});

describe('verifyCertificateSignature', () => {
  it('accepts certificates signed by their CA (256 and 512) and a self-signed CA', async () => {
    expect((await verifyCertificateSignature(cert('leaf-256'), cert('ca-256'))).valid).toBe(true);
    expect((await verifyCertificateSignature(cert('ip-256'), cert('ca-256'))).valid).toBe(true);
    expect((await verifyCertificateSignature(cert('leaf-512'), cert('ca-512'))).valid).toBe(true);
    expect((await verifyCertificateSignature(cert('ca-256'), cert('ca-256'))).valid).toBe(true);
  });

  it('rejects a certificate signed by someone else, or altered', async () => {
    expect(await verifyCertificateSignature(cert('leaf-256'), cert('ca-512'))).toMatchObject({ valid: false });
    expect(await verifyCertificateSignature(cert('leaf-256'), cert('leaf-256'))).toMatchObject({ valid: false, code: 'ISSUER_MISMATCH' });
    const altered = cert('leaf-256');
    altered.tbsDer = Uint8Array.from(altered.tbsDer);
    altered.tbsDer[altered.tbsDer.length - 5]! ^= 0x01;
    expect(await verifyCertificateSignature(altered, cert('ca-256'))).toMatchObject({ valid: false, code: 'SIGNATURE_INVALID' });
  });
});
