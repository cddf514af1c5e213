import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/cms/base64.js';
import { CmsParseError, isCmsParseError } from '../../src/cms/errors/CmsParseError.js';
import { isValidInn, isValidOgrn, isValidOgrnip, isValidSnils } from '../../src/cms/identifiers.js';
import { isCertificateValidAt, parseCertificate } from '../../src/cms/x509.js';
import { buildCertificate, extension, genTime, hexBytes, name, oid, seq, str, tlv, utcTime } from './helpers/der-builder.js';

const fixture = (file: string) => new URL(`../fixtures/cms/${file}`, import.meta.url);
const leafPem = readFileSync(fixture('leaf-256.pem'), 'utf8');
const leafDer = readFileSync(fixture('leaf-256.der'));

describe('parseCertificate on OpenSSL-made GOST certificates', () => {
  it("reads a director's certificate with the Russian attributes", () => {
    const cert = parseCertificate(leafPem);
    expect(cert.subject).toMatchObject({
      C: 'RU',
      S: '77 г. Москва',
      L: 'Москва',
      STREET: 'ул. Тестовая, д. 1',
      O: 'ООО "Ромашка"',
      CN: 'ООО "Ромашка"',
      SN: 'Романова',
      G: 'Анна Сергеевна',
      T: 'Генеральный директор',
      E: 'director@romashka.example',
      INN: '771234567859',
      OGRN: '1027700123450',
      SNILS: '11223344595',
      INNLE: '7701234560',
    });
    expect(cert.subject.attributes[0]).toEqual({ oid: '2.5.4.6', shortName: 'C', value: 'RU' });
    expect(cert.subject.text).toContain('SN=Романова, G=Анна Сергеевна, T=Генеральный директор');
    expect(cert.subject.text).toContain('O="ООО ""Ромашка"""');
    expect(cert.issuer.CN).toBe('Тестовый УЦ (TEST ONLY)');
    expect(cert.issuer.OGRN).toBe('1145001234564');
    // The identifiers the script put in are checksum-valid, and the parser hands them over unchanged.
    expect(isValidInn(cert.subject.INN!)).toBe(true);
    expect(isValidInn(cert.subject.INNLE!)).toBe(true);
    expect(isValidOgrn(cert.subject.OGRN!)).toBe(true);
    expect(isValidSnils(cert.subject.SNILS!)).toBe(true);
  });

  it('reads serial, validity, key and extensions', () => {
    const cert = parseCertificate(leafPem);
    expect(cert.serialNumber).toBe('00E3F1A2B3C4D5E6F7');
    expect(cert.keyAlgorithm).toBe('gost2012-256');
    expect(cert.keyAlgorithmOid).toBe('1.2.643.7.1.1.1.1');
    expect(cert.publicKeyParamSetOid).toBe('1.2.643.2.2.35.1');
    expect(cert.publicKey).toHaveLength(64);
    expect(cert.signatureAlgorithmOid).toBe('1.2.643.7.1.1.3.2');
    expect(cert.signatureValue).toHaveLength(64);
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).toBe(36500 * 86_400_000);
    expect(isCertificateValidAt(cert, new Date(cert.notBefore.getTime() + 1000))).toBe(true);
    expect(isCertificateValidAt(cert, new Date(cert.notBefore.getTime() - 1000))).toBe(false);
    expect(cert.keyUsage).toEqual(['digitalSignature', 'nonRepudiation', 'keyEncipherment']);
    expect(cert.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4']);
    expect(cert.subjectKeyIdentifier).toMatch(/^[0-9A-F]{40}$/);
    // tbsCertificate sits inside the DER right after the outer header.
    expect(Buffer.from(cert.der).indexOf(Buffer.from(cert.tbsDer))).toBe(4);
  });

  it('gives the thumbprint as CryptoPro does: SHA-1 of the DER, uppercase hex', () => {
    const cert = parseCertificate(leafDer);
    expect(cert.thumbprint).toBe(createHash('sha1').update(leafDer).digest('hex').toUpperCase());
    expect(Buffer.from(cert.der).equals(leafDer)).toBe(true);
  });

  it('accepts DER bytes, base64 and PEM alike', () => {
    const fromBase64 = parseCertificate(bytesToBase64(leafDer));
    const fromPem = parseCertificate(leafPem);
    const fromDer = parseCertificate(new Uint8Array(leafDer));
    expect(fromBase64.thumbprint).toBe(fromDer.thumbprint);
    expect(fromPem.thumbprint).toBe(fromDer.thumbprint);
  });

  it('reads a 512-bit key', () => {
    const cert = parseCertificate(readFileSync(fixture('leaf-512.pem'), 'utf8'));
    expect(cert.keyAlgorithm).toBe('gost2012-512');
    expect(cert.publicKey).toHaveLength(128);
    expect(cert.publicKeyParamSetOid).toBe('1.2.643.7.1.2.1.2.1');
    expect(cert.signatureAlgorithmOid).toBe('1.2.643.7.1.1.3.3');
    expect(cert.serialNumber).toBe('7A5B');
  });

  it("reads an entrepreneur's certificate written in BMPString with an OGRNIP", () => {
    const cert = parseCertificate(readFileSync(fixture('ip-256.der')));
    expect(cert.subject).toMatchObject({
      CN: 'ИП Иванов Пётр Алексеевич',
      SN: 'Иванов',
      G: 'Пётр Алексеевич',
      INN: '502712345651',
      OGRNIP: '304770012345674',
    });
    expect(isValidOgrnip(cert.subject.OGRNIP!)).toBe(true);
    expect(cert.subject.OGRN).toBeUndefined();
  });
});

describe('parseCertificate on hand-built certificates', () => {
  it('decodes odd string types a CA may have used', () => {
    const der = buildCertificate({
      subject: name(
        ['2.5.4.4', 0x1e, 'Ёлкина'], // BMPString
        ['2.5.4.42', 0x1c, 'Ольга 𝄞'], // UniversalString, with a character beyond the BMP
        ['2.5.4.10', 0x14, 'Caf\u00e9 Ltd'], // TeletexString (latin1)
        ['2.5.4.3', 0x13, 'Printable Name'],
        ['1.2.643.3.131.1.1', 0x12, '771234567859'], // NumericString
        ['1.2.643.100.1', 0x0c, '1027700123450'],
        ['1.2.840.113549.1.9.1', 0x16, 'a@b.example'], // IA5String
        ['1.2.3.4.5', 0x0c, 'unknown attribute'],
      ),
    });
    const cert = parseCertificate(der);
    expect(cert.subject.SN).toBe('Ёлкина');
    expect(cert.subject.G).toBe('Ольга 𝄞');
    expect(cert.subject.O).toBe('Café Ltd');
    expect(cert.subject.CN).toBe('Printable Name');
    expect(cert.subject.INN).toBe('771234567859');
    expect(cert.subject.OGRN).toBe('1027700123450');
    expect(cert.subject.E).toBe('a@b.example');
    expect(cert.subject.attributes.at(-1)).toEqual({ oid: '1.2.3.4.5', value: 'unknown attribute' });
    expect(cert.subject.text).toContain('OID.1.2.3.4.5=unknown attribute');
  });

  it('shows a non-string attribute value as #hex instead of failing', () => {
    const subject = seq(tlv(0x31, seq(oid('2.5.4.3'), hexBytes('020105'))));
    expect(parseCertificate(buildCertificate({ subject })).subject.CN).toBe('#020105');
  });

  it('classifies key algorithms', () => {
    expect(parseCertificate(buildCertificate({ keyOid: '1.2.643.2.2.19' })).keyAlgorithm).toBe('gost2001');
    const rsa = parseCertificate(buildCertificate({ keyOid: '1.2.840.113549.1.1.1', publicKey: hexBytes('3003020101') }));
    expect(rsa.keyAlgorithm).toBe('other');
    expect(rsa.publicKey).toEqual(hexBytes('3003020101'));
  });

  it('reads GeneralizedTime validity and key usage bits beyond the first byte', () => {
    const der = buildCertificate({
      notBefore: genTime('20250101000000Z'),
      notAfter: utcTime('491231235959Z'),
      extensions: [extension('2.5.29.15', hexBytes('03020186'), true)],
    });
    const cert = parseCertificate(der);
    expect(cert.notBefore.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(cert.notAfter.toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(cert.keyUsage).toEqual(['digitalSignature', 'keyCertSign', 'cRLSign']);
    const withDecipherOnly = buildCertificate({ extensions: [extension('2.5.29.15', hexBytes('0303070080'))] });
    expect(parseCertificate(withDecipherOnly).keyUsage).toEqual(['decipherOnly']);
  });

  it('rejects things that are not certificates with CERT_MALFORMED, cut ones with DER_TRUNCATED', () => {
    const codeOf = (input: Uint8Array | string) => {
      try {
        parseCertificate(input);
        return 'parsed';
      } catch (error) {
        expect(isCmsParseError(error)).toBe(true);
        return (error as CmsParseError).code;
      }
    };
    expect(codeOf(seq(oid('1.2.3')))).toBe('CERT_MALFORMED');
    expect(codeOf(str(0x0c, 'not a certificate'))).toBe('CERT_MALFORMED');
    expect(codeOf(leafDer.subarray(0, 500))).toBe('DER_TRUNCATED');
    expect(codeOf('this is not base64!')).toBe('BASE64_INVALID');
    // Every truncation point of a real certificate gives a CmsParseError, never another exception.
    for (let cut = 0; cut < leafDer.length; cut += 7) {
      expect(['DER_TRUNCATED', 'DER_MALFORMED', 'CERT_MALFORMED']).toContain(codeOf(leafDer.subarray(0, cut)));
    }
  });
});
