import { describe, expect, it } from 'vitest';
import { inspectCms } from '../../src/cms/cms.js';
import { streebog256 } from '../../src/cms/gost.js';
import { buildCadesBes, createDemoCertificates } from '../../src/testing/index.js';
import { children, readTlv } from '../../src/testing/der-reader.js';
import { oid } from '../../src/testing/der-writer.js';

/** The value of a signed attribute of the first SignerInfo, as DER. */
function signedAttribute(cms: Uint8Array, attributeOid: string): Uint8Array | undefined {
  const signedData = children(children(readTlv(cms).value)[1]!.value)[0]!;
  const signerInfos = children(signedData.value).at(-1)!;
  const signerInfo = children(signerInfos.value)[0]!;
  const attrs = children(signerInfo.value).find((t) => t.tag === 0xa0)!;
  const wanted = oid(attributeOid);
  for (const attr of children(attrs.value)) {
    const [type, values] = children(attr.value);
    if (type && values && Buffer.from(type.bytes).equals(Buffer.from(wanted))) return children(values.value)[0]!.bytes;
  }
  return undefined;
}

describe('buildCadesBes', () => {
  it('puts the Streebog-256 hash of the signer certificate in signingCertificateV2', () => {
    const { director } = createDemoCertificates();
    const cms = buildCadesBes({ content: new Uint8Array([1, 2, 3]), certificate: director });
    const value = signedAttribute(cms, '1.2.840.113549.1.9.16.2.47')!;
    // SigningCertificateV2 → certs → ESSCertIDv2 → [hashAlgorithm, certHash, issuerSerial]
    const essCertId = children(children(readTlv(value).value)[0]!.value)[0]!;
    const [hashAlgorithm, certHash, issuerSerial] = children(essCertId.value);
    expect(children(hashAlgorithm!.value)[0]!.bytes).toEqual(oid('1.2.643.7.1.1.2.2'));
    expect(certHash!.value).toEqual(streebog256(director.der));
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
