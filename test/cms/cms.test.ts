import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64PrefixToBytes, bytesToBase64 } from '../../src/cms/base64.js';
import { inspectCms, inspectCmsPrefix } from '../../src/cms/cms.js';
import { parseDer } from '../../src/cms/der.js';
import { isCmsParseError, type CmsParseError } from '../../src/cms/errors/CmsParseError.js';
import { Oid } from '../../src/cms/oids.js';
import { ascii, ctx, indefinite, int, octets, oid, seq, set } from './helpers/der-builder.js';

const fixture = (file: string) => new URL(`../fixtures/cms/${file}`, import.meta.url);
const p7s = (name: string) => new Uint8Array(readFileSync(fixture(`${name}.p7s`)));
const content = new Uint8Array(readFileSync(fixture('content.txt')));
const latin1 = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('latin1') : undefined);

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (!isCmsParseError(error)) throw error;
    return (error as CmsParseError).code;
  }
}

describe('inspectCms on OpenSSL-made CAdES-BES signatures', () => {
  it('reads an attached DER signature completely', () => {
    const info = inspectCms(p7s('attached-der-256'));
    expect(info).toMatchObject({
      contentTypeOid: Oid.signedData,
      isSignedData: true,
      indefiniteLength: false,
      eContentTypeOid: Oid.data,
      attached: true,
      digestAlgorithmOids: [Oid.streebog256],
    });
    expect(info.content).toEqual(content);
    expect(latin1(info.content)).toMatch(/^PD94bWwg/);
    expect(info.certificates).toHaveLength(1);
    expect(info.certificates[0]!.subject.SN).toBe('Романова');

    const [signer] = info.signers;
    expect(info.signers).toHaveLength(1);
    expect(signer!.version).toBe(1);
    expect(signer!.sid).toMatchObject({ serialNumber: '00E3F1A2B3C4D5E6F7' });
    expect('issuer' in signer!.sid && signer!.sid.issuer.CN).toBe('Тестовый УЦ (TEST ONLY)');
    expect(signer!.certificate).toBe(info.certificates[0]);
    expect(signer!.digestAlgorithmOid).toBe(Oid.streebog256);
    expect(signer!.signatureAlgorithmOid).toBe(Oid.gost2012_256);
    expect(signer!.signature).toHaveLength(64);
    expect(signer!.messageDigest).toHaveLength(32);
    expect(signer!.contentTypeOid).toBe(Oid.data);
    expect(signer!.hasSigningCertificateAttr).toBe(true);
    const cert = signer!.certificate!;
    expect(signer!.signingTime!.getTime()).toBeGreaterThanOrEqual(cert.notBefore.getTime());
  });

  it('gives signedAttrsDer as the SET OF the message carries under [0]', () => {
    const der = p7s('attached-der-256');
    const attrs = inspectCms(der).signers[0]!.signedAttrsDer!;
    expect(attrs[0]).toBe(0x31);
    const asCarried = Uint8Array.from(attrs);
    asCarried[0] = 0xa0;
    expect(Buffer.from(der).indexOf(Buffer.from(asCarried))).toBeGreaterThan(0);
  });

  it('reads a BER indefinite-length attached signature the same way', () => {
    const info = inspectCms(p7s('attached-ber-256'));
    expect(info.indefiniteLength).toBe(true);
    expect(info.attached).toBe(true);
    expect(info.content).toEqual(content);
    expect(info.signers[0]!.certificate?.subject.CN).toBe('ООО "Ромашка"');
    // Signed attributes come out as definite-length DER even inside a BER message.
    expect(parseDer(info.signers[0]!.signedAttrsDer!).usesIndefiniteLength).toBe(false);
  });

  it('reads detached signatures, DER and BER (CryptoPro shape)', () => {
    for (const name of ['detached-der-256', 'detached-ber-256', 'detached-der-512', 'detached-ber-512']) {
      const info = inspectCms(p7s(name));
      expect(info.attached, name).toBe(false);
      expect(info.content, name).toBeUndefined();
      expect(info.indefiniteLength, name).toBe(name.includes('ber'));
      expect(info.signers[0]!.certificate, name).toBeDefined();
    }
  });

  it('reads 512-bit signatures', () => {
    const info = inspectCms(p7s('attached-ber-512'));
    expect(info.digestAlgorithmOids).toEqual([Oid.streebog512]);
    expect(info.signers[0]!.messageDigest).toHaveLength(64);
    expect(info.signers[0]!.signature).toHaveLength(128);
    expect(info.signers[0]!.certificate!.keyAlgorithm).toBe('gost2012-512');
  });

  it('matches the signer by subject key identifier', () => {
    const info = inspectCms(p7s('attached-keyid-256'));
    const { sid, certificate } = info.signers[0]!;
    expect(sid).toEqual({ subjectKeyIdentifier: certificate!.subjectKeyIdentifier });
  });

  it('picks the signer certificate out of a whole chain', () => {
    const info = inspectCms(p7s('attached-chain-256'));
    expect(info.certificates.map((c) => c.subject.CN)).toEqual(expect.arrayContaining(['ООО "Ромашка"', 'Тестовый УЦ (TEST ONLY)']));
    expect(info.signers[0]!.certificate!.subject.CN).toBe('ООО "Ромашка"');
  });

  it('accepts base64 (as the OFD API carries it) and PEM', () => {
    const der = p7s('attached-der-256');
    const fromB64 = inspectCms(readFileSync(fixture('attached-der-256.p7s.b64'), 'utf8'));
    const pem = `-----BEGIN CMS-----\n${bytesToBase64(der).replace(/.{64}/g, '$&\n')}\n-----END CMS-----\n`;
    expect(fromB64.content).toEqual(content);
    expect(inspectCms(pem).signers[0]!.signature).toEqual(fromB64.signers[0]!.signature);
  });
});

describe('inspectCms on other input', () => {
  it('says CMS_NOT_SIGNED_DATA for another content type', () => {
    expect(codeOf(() => inspectCms(seq(oid(Oid.data), ctx(0, octets(ascii('x'))))))).toBe('CMS_NOT_SIGNED_DATA');
  });

  it('says CMS_MALFORMED for DER that is not SignedData, and BASE64_INVALID for text', () => {
    expect(codeOf(() => inspectCms(readFileSync(fixture('leaf-256.der'))))).toBe('CMS_MALFORMED');
    expect(codeOf(() => inspectCms(seq(oid(Oid.signedData), ctx(0, seq(int('01'))))))).toBe('CMS_MALFORMED');
    expect(codeOf(() => inspectCms('{"Signature": "Unsigned"}'))).toBe('BASE64_INVALID');
  });

  it('throws a CmsParseError, never anything else, for every truncation of a real signature', () => {
    for (const name of ['attached-der-256', 'attached-ber-256', 'detached-ber-512']) {
      const der = p7s(name);
      for (let cut = 0; cut < der.length; cut++) {
        expect(['DER_TRUNCATED', 'DER_MALFORMED', 'CMS_MALFORMED', 'CERT_MALFORMED']).toContain(codeOf(() => inspectCms(der.subarray(0, cut))));
      }
    }
  });

  it('survives random corruption of a real signature', () => {
    const der = p7s('attached-ber-256');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
        const copy = Uint8Array.from(der);
        for (const [at, value] of edits) copy[at] = value;
        codeOf(() => inspectCms(copy));
        inspectCmsPrefix(copy);
      }),
      { numRuns: 1500, seed: 1 },
    );
  });

  it('reads a 10 MB attached content in BER chunks', () => {
    const total = 10 * 1024 * 1024;
    const data = new Uint8Array(total);
    for (let i = 0; i < total; i++) data[i] = 65 + (i % 26);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < total; i += 4096) chunks.push(octets(data.subarray(i, i + 4096)));
    const signedData = indefinite(
      0x30,
      int('01'),
      set(seq(oid(Oid.streebog256), Uint8Array.of(5, 0))),
      indefinite(0x30, oid(Oid.data), indefinite(0xa0, indefinite(0x04, ...chunks))),
      set(),
    );
    const info = inspectCms(indefinite(0x30, oid(Oid.signedData), indefinite(0xa0, signedData)));
    expect(info.content!.length).toBe(total);
    expect(info.content![total - 1]).toBe(data[total - 1]);
    expect(latin1(info.content!.subarray(5_000_000, 5_000_026))).toBe(latin1(data.subarray(5_000_000, 5_000_026)));
    expect(info.signers).toEqual([]);
  });
});

describe('inspectCmsPrefix and the two samples of the OFD specification', () => {
  const sample = (name: string) => readFileSync(fixture(name), 'utf8');

  it('7.4 as printed: SignedData, Streebog-256, though its digestAlgorithms tag is damaged', () => {
    const info = inspectCmsPrefix(sample('spec-7.4-signature.txt'));
    expect(info.truncated).toBe(true);
    expect(info.isSignedData).toBe(true);
    expect(info.contentTypeOid).toBe(Oid.signedData);
    expect(info.indefiniteLength).toBe(false);
    expect(info.version).toBe(1);
    expect(info.digestAlgorithmOids).toEqual([Oid.streebog256]);
    expect(info.problems[0]).toMatch(/digestAlgorithms: unexpected UNIVERSAL 23/);
    // The dropped "I" a few characters on shifts the rest: nothing more is readable.
    expect(info.eContentTypeOid).toBeUndefined();
  });

  it('7.4 with its two transcription slips undone: attached, eContent is the base64 text "PD94bWwg..."', () => {
    const info = inspectCmsPrefix(sample('spec-7.4-signature-repaired.txt'));
    expect(info).toMatchObject({
      truncated: true,
      stopCode: 'DER_TRUNCATED',
      isSignedData: true,
      indefiniteLength: false,
      digestAlgorithmOids: [Oid.streebog256],
      eContentTypeOid: Oid.data,
      eContentPresent: true,
      problems: [],
    });
    expect(latin1(info.eContentPrefix)).toMatch(/^PD94bWwgdmVyc2lvbj0iMS4wIiBlbm/);
    // The bytes are base64 of '<?xml version="1.0" e...': the Content string itself was signed, not the decoded XML.
    expect(Buffer.from(latin1(info.eContentPrefix)!.slice(0, 28), 'base64').toString()).toBe('<?xml version="1.0" e');
  });

  it('7.6.3 as printed: BER indefinite, Streebog-512, detached', () => {
    const info = inspectCmsPrefix(sample('spec-7.6.3-signature.txt'));
    expect(info).toMatchObject({
      truncated: true,
      isSignedData: true,
      indefiniteLength: true,
      version: 1,
      digestAlgorithmOids: [Oid.streebog512],
      eContentTypeOid: Oid.data,
      eContentPresent: false,
    });
    expect(info.eContentPrefix).toBeUndefined();
  });

  it('7.6.3 with its dropped "A" restored: the certificate that follows begins to read', () => {
    const info = inspectCmsPrefix(sample('spec-7.6.3-signature-repaired.txt'));
    expect(info).toMatchObject({ eContentPresent: false, indefiniteLength: true, certificatesSeen: 1, stopCode: 'DER_TRUNCATED' });
    expect(info.firstCertificateSerial).toBe('03E34DA600ACADADA6410D17A37A695927');
  });

  it('the samples are not complete signatures: the strict reader refuses them', () => {
    for (const name of ['spec-7.4-signature-repaired.txt', 'spec-7.6.3-signature-repaired.txt']) {
      const readable = base64PrefixToBytes(sample(name));
      expect(codeOf(() => inspectCms(readable))).toBe('DER_TRUNCATED');
    }
  });

  it('agrees with inspectCms on complete signatures', () => {
    for (const name of ['attached-ber-256', 'detached-der-256']) {
      const full = inspectCms(p7s(name));
      const prefix = inspectCmsPrefix(p7s(name));
      expect(prefix.truncated).toBe(false);
      expect(prefix.problems).toEqual([]);
      expect(prefix.digestAlgorithmOids).toEqual(full.digestAlgorithmOids);
      expect(prefix.eContentPresent).toBe(full.attached);
      expect(prefix.indefiniteLength).toBe(full.indefiniteLength);
      expect(prefix.signersSeen).toBe(1);
      expect(prefix.firstCertificateSerial).toBe(full.certificates[0]!.serialNumber);
    }
  });

  it('reports a cut-off attached signature with the first bytes of its content', () => {
    const der = p7s('attached-ber-256');
    const info = inspectCmsPrefix(der.subarray(0, 80));
    expect(info.truncated).toBe(true);
    expect(info.eContentPresent).toBe(true);
    expect(content.subarray(0, info.eContentPrefix!.length)).toEqual(info.eContentPrefix);
  });
});

describe('inspectCms on hostile shapes', () => {
  it('matches thousands of signers against hundreds of certificates through an index, not a nested scan', () => {
    const leaf = new Uint8Array(readFileSync(fixture('leaf-256.der')));
    const real = inspectCms(p7s('attached-der-256'));
    const signerDer = parseDer(p7s('attached-der-256')).children[1]!.children[0]!.children.at(-1)!.children[0]!.raw;
    const certs = Array.from({ length: 500 }, () => leaf);
    const signers = Array.from({ length: 2000 }, () => signerDer);
    const message = seq(
      oid(Oid.signedData),
      ctx(0, seq(int('01'), set(seq(oid(Oid.streebog256))), seq(oid(Oid.data)), ctx(0, ...certs), set(...signers))),
    );
    const info = inspectCms(message);
    expect(info.certificates).toHaveLength(500);
    expect(info.signers).toHaveLength(2000);
    expect(info.signers[1999]!.certificate?.thumbprint).toBe(real.certificates[0]!.thumbprint);
  });
});
