import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../src/cms/x509.js';
import {
  chainOf, createTestCa, createTestCertificate, createTestCertificates, getDefaultTestCa,
} from '../../src/testing/index.js';
import { openssl } from './helpers/openssl.js';

const director = {
  CN: 'ООО «Ромашка»', SN: 'Романова', G: 'Анна Сергеевна', T: 'Генеральный директор', O: 'ООО «Ромашка»',
  INN: '771234567859', INNLE: '7701234560', OGRN: '1027700123450', SNILS: '11223344595', E: 'director@romashka.example',
  C: 'RU', S: '77 г. Москва', L: 'Москва', STREET: 'ул. Тверская, д. 1',
};

function opensslVerifyCertificate(certPem: string, caPems: string[]) {
  const [root, ...intermediates] = caPems;
  const args = ['verify', '-engine', 'gost', '-CAfile', 'root.pem'];
  const files: Record<string, string> = { 'root.pem': root!, 'cert.pem': certPem };
  if (intermediates.length) {
    args.push('-untrusted', 'inter.pem');
    files['inter.pem'] = intermediates.join('');
  }
  args.push('cert.pem');
  return openssl(args, files);
}

describe('createTestCertificate', () => {
  it('issues a certificate OpenSSL verifies against the test CA, with the thumbprint OpenSSL computes', () => {
    const cert = createTestCertificate({ subject: director });
    const ca = getDefaultTestCa();
    const verify = opensslVerifyCertificate(cert.pem, [ca.pem]);
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);
    const fp = openssl(['x509', '-in', 'c.pem', '-noout', '-fingerprint', '-sha1'], { 'c.pem': cert.pem });
    expect(fp.stdout.split('=')[1]!.replace(/:/g, '').trim()).toBe(cert.thumbprint);
  });

  it('is read back by src/cms with every Russian attribute and the key algorithm', () => {
    const cert = createTestCertificate({ subject: director });
    const parsed = parseCertificate(cert.der);
    for (const [key, value] of Object.entries(director)) {
      expect(parsed.subject[key as keyof typeof director], key).toBe(value);
    }
    expect(parsed.thumbprint).toBe(cert.thumbprint);
    expect(parsed.serialNumber).toBe(cert.info.serialNumber);
    expect(parsed.keyAlgorithm).toBe('gost2012-256');
    expect(parsed.publicKey).toEqual(cert.info.publicKey);
    expect(parsed.notAfter.getTime()).toBe(cert.info.notAfter.getTime());
    expect(parsed.issuer.CN).toBe(getDefaultTestCa().subject.CN);
  });

  it('writes every named field under the OID src/cms reads it from, and describes it as src/cms does', () => {
    const subject = { ...director, OU: 'Бухгалтерия', OGRNIP: '304500116000157' };
    const cert = createTestCertificate({ subject });
    const parsed = parseCertificate(cert.der);
    expect(parsed.subject.attributes).toHaveLength(16);
    expect(cert.info.subject.attributes).toEqual(parsed.subject.attributes);
    for (const [key, value] of Object.entries(subject)) {
      expect(parsed.subject[key as keyof typeof subject], key).toBe(value);
    }
  });

  it('writes the attribute string types a CA chose, and src/cms decodes each', () => {
    const cert = createTestCertificate({
      subject: { CN: 'Ёлкин Ёж', O: 'ООО Ёлка', INN: '771234567859', OGRN: '1027700123450', C: 'RU' },
      stringTypes: { CN: 'bmp', O: 'utf8', INN: 'printable', OGRN: 'utf8', C: 'printable' },
    });
    const text = openssl(['asn1parse', '-in', 'c.pem'], { 'c.pem': cert.pem }).stdout;
    expect(text).toContain('BMPSTRING');
    expect(text).toContain('PRINTABLESTRING   :771234567859');
    const parsed = parseCertificate(cert.der);
    expect(parsed.subject.CN).toBe('Ёлкин Ёж');
    expect(parsed.subject.INN).toBe('771234567859');
    expect(parsed.subject.OGRN).toBe('1027700123450');
  });

  it('defaults to NumericString for INN/OGRN/SNILS and to CryptoPro order in subjectName', () => {
    const cert = createTestCertificate({ subject: director });
    const text = openssl(['asn1parse', '-in', 'c.pem'], { 'c.pem': cert.pem }).stdout;
    expect(text).toContain('NUMERICSTRING     :771234567859');
    expect(cert.subjectName.startsWith('ИНН ЮЛ=7701234560, СНИЛС=11223344595, ИНН=771234567859')).toBe(true);
    expect(cert.subjectName).toContain('STREET="ул. Тверская, д. 1"');
    expect(cert.subjectName.endsWith('C=RU')).toBe(true);
  });

  it('honours validity, a missing private key, 512-bit keys and non-GOST keys', () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2021-01-01T00:00:00Z');
    const expired = createTestCertificate({ subject: { CN: 'x' }, notBefore, notAfter, withPrivateKey: false });
    expect(expired.privateKey).toBeUndefined();
    expect(parseCertificate(expired.der).notAfter.toISOString()).toBe('2021-01-01T00:00:00.000Z');

    const strong = createTestCertificate({ subject: { CN: 'y' }, keyBits: 512 });
    expect(parseCertificate(strong.der).keyAlgorithm).toBe('gost2012-512');
    expect(opensslVerifyCertificate(strong.pem, [getDefaultTestCa().pem]).status).toBe(0);

    const rsa = createTestCertificate({ subject: { CN: 'z' }, notGost: true });
    expect(rsa.gost).toBe(false);
    expect(rsa.privateKey).toBeUndefined();
    expect(parseCertificate(rsa.der).keyAlgorithm).toBe('other');
  });

  it('chains through an intermediate CA that OpenSSL accepts', () => {
    const root = createTestCa({ subject: { CN: 'Корневой тестовый УЦ', C: 'RU' } });
    const intermediate = createTestCa({ subject: { CN: 'Подчинённый тестовый УЦ', C: 'RU' }, issuer: root });
    const cert = createTestCertificate({ subject: { CN: 'Сотрудник' }, issuer: intermediate });
    expect(chainOf(cert).map((c) => c.subject.CN)).toEqual(['Сотрудник', 'Подчинённый тестовый УЦ', 'Корневой тестовый УЦ']);
    const verify = opensslVerifyCertificate(cert.pem, [root.pem, intermediate.pem]);
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);
    // Without the intermediate the chain does not build.
    expect(opensslVerifyCertificate(cert.pem, [root.pem]).status).not.toBe(0);
  });

  it('creates many certificates cheaply with distinct thumbprints and numbered names', () => {
    const certs = createTestCertificates(20, { subject: { CN: 'Сотрудник', O: 'ООО «Ромашка»' } });
    expect(new Set(certs.map((c) => c.thumbprint)).size).toBe(20);
    expect(certs[19]!.subject.CN).toBe('Сотрудник №20');
    expect(certs[0]!.info.publicKey).toEqual(certs[1]!.info.publicKey);
  });
});
