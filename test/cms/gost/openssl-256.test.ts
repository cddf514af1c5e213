// Our GOST R 34.10-2012 against OpenSSL's GOST engine, 256-bit curves: 1,000 random messages each way per distinct
// curve (ours signs → OpenSSL verifies; OpenSSL signs → ours verifies), 100 each way for the OIDs that name the
// same curves again. Zero disagreements. Timings go to the log; thresholds belong in `npm run bench`.
import { describe, expect, it } from 'vitest';
import { generateGostKeyPair } from '../../../src/cms/gost.js';
import { verifyCertificateSignature } from '../../../src/cms/verify.js';
import { parseCertificate } from '../../../src/cms/x509.js';
import { certificateRequest, crossCheckTests, opensslIssue } from './helpers/openssl-ca.js';

const cases: Array<[oid: string, name: string, count: number]> = [
  ['1.2.643.2.2.35.1', 'CryptoPro-A', 1000],
  ['1.2.643.2.2.35.2', 'CryptoPro-B', 1000],
  ['1.2.643.2.2.35.3', 'CryptoPro-C', 1000],
  ['1.2.643.7.1.2.1.1.1', 'TC26 256 A (twisted Edwards)', 1000],
  ['1.2.643.2.2.36.0', 'CryptoPro-XchA (= A)', 100],
  ['1.2.643.2.2.36.1', 'CryptoPro-XchB (= C)', 100],
  ['1.2.643.7.1.2.1.1.2', 'TC26 256 B (= CryptoPro-A)', 100],
  ['1.2.643.7.1.2.1.1.3', 'TC26 256 C (= CryptoPro-B)', 100],
  ['1.2.643.7.1.2.1.1.4', 'TC26 256 D (= CryptoPro-C)', 100],
];

describe('GOST R 34.10-2012 256 against OpenSSL', () => crossCheckTests(cases));

describe('the cross-check can fail', () => {
  it('OpenSSL refuses a request whose signature we spoiled, and we reject a certificate whose body changed', async () => {
    const oid = '1.2.643.2.2.35.1';
    const keys = generateGostKeyPair(256, oid);
    const good = certificateRequest(keys, 256, oid, 'good');
    const der = Buffer.from(good.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 5]! ^= 0x01; // inside the signature value, the last element of the request
    const spoiled = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;

    // `openssl ca` reports the bad request, skips it and goes on (exit status 0): the count of results is the signal.
    const refused = opensslIssue(oid, [spoiled, good]);
    expect(refused.stderr.match(/^Signature did not match the certificate request$/gm)).toHaveLength(1);
    expect(refused.issuedPem).toHaveLength(1);

    const issued = opensslIssue(oid, [good]);
    expect(issued.status, issued.stderr).toBe(0);
    const ca = parseCertificate(issued.caPem);
    const cert = parseCertificate(issued.issuedPem[0]!);
    expect((await verifyCertificateSignature(cert, ca)).valid).toBe(true);
    const changedTbs = cert.tbsDer.slice();
    changedTbs[changedTbs.length - 1]! ^= 0x01;
    expect((await verifyCertificateSignature({ ...cert, tbsDer: changedTbs }, ca)).code).toBe('SIGNATURE_INVALID');
  });
});
