import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateWithThumbprint } from '../../src/cms/certificate-core.js';
import { parseDer } from '../../src/cms/der.js';
import { isCmsParseError, type CmsParseError } from '../../src/cms/errors/CmsParseError.js';
import { inspectCms } from '../../src/cms/cms.js';
import { certificateFromNode, parseCertificate, readName } from '../../src/cms/x509.js';
import { indefinite, name, set, seq, oid, str } from './helpers/der-builder.js';

const fixture = (file: string) => readFileSync(new URL(`../fixtures/cms/${file}`, import.meta.url));
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'parsed';
  } catch (error) {
    expect(isCmsParseError(error)).toBe(true);
    return (error as CmsParseError).code;
  }
};

/** The certificate's DER with its outer SEQUENCE rewritten in BER indefinite form. */
function berCertificate(der: Uint8Array): Uint8Array {
  const node = parseDer(der);
  return indefinite(0x30, ...node.children.map((child) => child.raw));
}

describe('the lean certificate walk', () => {
  it('gives the same result with a thumbprint computed elsewhere (the adapter hashes with WebCrypto)', () => {
    for (const file of ['leaf-256.der', 'leaf-512.der', 'ip-256.der']) {
      const der = new Uint8Array(fixture(file));
      const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
      expect(certificateWithThumbprint(der, thumbprint)).toEqual(parseCertificate(der));
    }
  });

  it('reads the certificates inside a CMS at their place, and refuses BER in a certificate', () => {
    const info = inspectCms(fixture('attached-chain-256.p7s'));
    expect(info.certificates.length).toBeGreaterThan(1);
    const root = parseDer(new Uint8Array(fixture('attached-chain-256.p7s')));
    const certificatesField = root.children[1]!.children[0]!.children.find((node) => node.tag === 0xa0)!;
    expect(certificatesField.children.map((node) => certificateFromNode(node).thumbprint)).toEqual(info.certificates.map((c) => c.thumbprint));

    // X.509 is DER: an indefinite length in a certificate is not read (its thumbprint would not be CryptoPro's).
    const ber = berCertificate(new Uint8Array(fixture('leaf-256.der')));
    expect(codeOf(() => parseCertificate(ber))).toBe('DER_MALFORMED');
    expect(codeOf(() => certificateFromNode(parseDer(ber)))).toBe('CERT_MALFORMED');
  });

  it('reads a Name that a BER message wrote with indefinite lengths (a signer identifier)', () => {
    const der = name(['2.5.4.3', 0x0c, 'Тестовый УЦ'], ['1.2.643.100.1', 0x12, '1145001234564']);
    const node = parseDer(der);
    const ber = indefinite(0x30, ...node.children.map((rdn) => indefinite(0x31, ...rdn.children.map((atv) => atv.raw))));
    expect(readName(parseDer(ber))).toEqual(readName(node));
    expect(readName(node)).toMatchObject({ CN: 'Тестовый УЦ', OGRN: '1145001234564' });
    // A Name of the wrong shape inside a larger structure is that structure's DER_MALFORMED.
    expect(codeOf(() => readName(parseDer(seq(set(seq(str(0x0c, 'no type')))))))).toBe('DER_MALFORMED');
    expect(codeOf(() => readName(parseDer(seq(set(oid('2.5.4.3'))))))).toBe('DER_MALFORMED');
  });
});
