import { describe, expect, it } from 'vitest';
import { inspectCms } from '../../src/cms/cms.js';
import { parseDer, readOid } from '../../src/cms/der.js';
import { streebog256 } from '../../src/cms/gost.js';
import { buildCadesBes, createDemoCertificates } from '../../src/testing/index.js';

/** The value of a signed attribute of the first SignerInfo, as DER. */
function signedAttribute(cms: Uint8Array, attributeOid: string): Uint8Array | undefined {
  const signedData = parseDer(cms).children[1]!.children[0]!;
  const signerInfo = signedData.children.at(-1)!.children[0]!;
  const attrs = signerInfo.children.find((node) => node.tag === 0xa0)!;
  for (const attr of attrs.children) {
    const [type, values] = attr.children;
    if (readOid(type) === attributeOid) return values!.children[0]!.raw;
  }
  return undefined;
}

describe('buildCadesBes', () => {
  it('puts the Streebog-256 hash of the signer certificate in signingCertificateV2', () => {
    const { director } = createDemoCertificates();
    const cms = buildCadesBes({ content: new Uint8Array([1, 2, 3]), certificate: director });
    const value = signedAttribute(cms, '1.2.840.113549.1.9.16.2.47')!;
    // SigningCertificateV2 → certs → ESSCertIDv2 → [hashAlgorithm, certHash, issuerSerial]
    const essCertId = parseDer(value).children[0]!.children[0]!;
    const [hashAlgorithm, certHash, issuerSerial] = essCertId.children;
    expect(readOid(hashAlgorithm!.children[0])).toBe('1.2.643.7.1.1.2.2');
    expect(certHash!.content).toEqual(streebog256(director.der));
    expect(issuerSerial!.tag).toBe(0x30);
  });

  it('reports signing time, digest and attachment as src/cms reads them', () => {
    const { director } = createDemoCertificates();
    const signingTime = new Date('2026-01-15T12:00:00Z');
    const content = new TextEncoder().encode('содержимое');
    const info = inspectCms(buildCadesBes({ content, certificate: director, signingTime }));
    expect(info.attached).toBe(true);
    expect(info.content).toEqual(content);
    expect(info.signers[0]!.signingTime?.toISOString()).toBe(signingTime.toISOString());
    expect(info.signers[0]!.messageDigest).toEqual(streebog256(content));
    expect(info.signers[0]!.signatureAlgorithmOid).toBe('1.2.643.7.1.1.1.1');
  });

  it('refuses a certificate without a private key', () => {
    const { directorWithoutKey } = createDemoCertificates();
    expect(() => buildCadesBes({ content: new Uint8Array(1), certificate: directorWithoutKey })).toThrow(/private key/);
  });
});

describe('utf8Bytes', () => {
  it('encodes like TextEncoder, including astral characters', async () => {
    const { utf8Bytes } = await import('../../src/testing/der-writer.js');
    for (const text of ['', 'abc', 'Ромашка «№1»', '€', '𝔘 emoji 😀']) {
      expect(utf8Bytes(text)).toEqual(new TextEncoder().encode(text));
    }
  });
});
