/**
 * One `openssl ca` run as a batch cross-check of GOST signatures in both directions, in a single process:
 * OpenSSL verifies the signature of every certificate request we made and signed (it refuses to issue on a bad one),
 * and signs one certificate per request with its own CA key, each over a different tbsCertificate (random subject
 * and serial), which we then verify. One process instead of one per message keeps 1,000 messages per curve fast.
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToBase64 } from '../../../../src/cms/base64.js';
import { generateGostKeyPair, gostSign, type GostKeyBits } from '../../../../src/cms/gost.js';
import { gostCurve } from '../../../../src/cms/gost/curves.js';
import { verifyCertificateSignature } from '../../../../src/cms/verify.js';
import { parseCertificate } from '../../../../src/cms/x509.js';
import { gostKeyInfo } from '../../../../src/testing/certificates.js';
import { bitString, oid, sequence, tlv, integer } from '../../../../src/testing/der-writer.js';
import { encodeName } from '../../../../src/testing/names.js';

/** OpenSSL's `-pkeyopt paramset:` name for each curve OID (its GOST engine knows all of ours). */
export const OPENSSL_PARAMSETS: Record<string, string> = {
  '1.2.643.2.2.35.1': 'A', '1.2.643.2.2.35.2': 'B', '1.2.643.2.2.35.3': 'C',
  '1.2.643.2.2.36.0': 'XA', '1.2.643.2.2.36.1': 'XB',
  '1.2.643.7.1.2.1.1.1': 'TCA', '1.2.643.7.1.2.1.1.2': 'TCB', '1.2.643.7.1.2.1.1.3': 'TCC', '1.2.643.7.1.2.1.1.4': 'TCD',
  '1.2.643.7.1.2.1.2.1': 'A', '1.2.643.7.1.2.1.2.2': 'B', '1.2.643.7.1.2.1.2.3': 'C',
};

function curveBits(curveOid: string): GostKeyBits {
  return gostCurve(curveOid)!.bits;
}

const SIGN_OID: Record<GostKeyBits, string> = { 256: '1.2.643.7.1.1.3.2', 512: '1.2.643.7.1.1.3.3' };

export interface RequestKey {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** PKCS#10 request (PEM) with a random subject, signed by our code with a fresh nonce. */
export function certificateRequest(key: RequestKey, bits: GostKeyBits, curveOid: string, commonName: string): string {
  const info = sequence(
    integer(0),
    encodeName({ CN: commonName }),
    gostKeyInfo(key.publicKey, bits, curveOid),
    tlv(0xa0, []),
  );
  const der = sequence(info, sequence(oid(SIGN_OID[bits])), bitString(gostSign(key.privateKey, info, bits, curveOid)));
  return pem('CERTIFICATE REQUEST', der);
}

function pem(label: string, der: Uint8Array): string {
  const lines = bytesToBase64(der).match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

export interface CaRun {
  status: number | null;
  stderr: string;
  /** The CA certificate OpenSSL made for itself (PEM). */
  caPem: string;
  /** Every issued certificate, PEM, in request order. */
  issuedPem: string[];
  milliseconds: number;
}

/** Makes an OpenSSL CA key on `curveOid`, then issues one certificate per request in one `openssl ca` process. */
export function opensslIssue(curveOid: string, requests: string[]): CaRun {
  const bits = curveBits(curveOid);
  const paramset = OPENSSL_PARAMSETS[curveOid]!;
  const dir = mkdtempSync(join(tmpdir(), 'ofd-signer-gost-ca-'));
  const run = (args: string[]) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  try {
    const started = performance.now();
    mkdirSync(join(dir, 'certs'));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]', 'default_ca = local',
        '[local]', 'dir = .', 'database = index.txt', 'new_certs_dir = certs', 'serial = serial',
        `default_md = md_gost12_${bits}`, 'default_days = 30', 'policy = any', 'unique_subject = no', 'copy_extensions = none',
        '[any]', 'commonName = supplied',
        '[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', 'CN = OpenSSL cross-check CA',
      ].join('\n'),
    );
    const names = requests.map((request, i) => {
      writeFileSync(join(dir, `r${i}.pem`), request);
      return `r${i}.pem`;
    });
    const key = run(['genpkey', '-engine', 'gost', '-algorithm', `gost2012_${bits}`, '-pkeyopt', `paramset:${paramset}`, '-out', 'ca.key']);
    if (key.status !== 0) return failed(key, started);
    const ca = run(['req', '-engine', 'gost', '-config', 'ca.cnf', '-new', '-x509', '-key', 'ca.key', '-out', 'ca.pem', `-md_gost12_${bits}`, '-days', '30']);
    if (ca.status !== 0) return failed(ca, started);
    const issue = run(['ca', '-engine', 'gost', '-config', 'ca.cnf', '-batch', '-notext', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-out', 'issued.pem', '-infiles', ...names]);
    // new_certs_dir holds one <serial>.pem per certificate; serials count up from 01 in request order.
    const issuedPem = readdirSync(join(dir, 'certs'))
      .map((name) => ({ serial: parseInt(name, 16), name }))
      .sort((a, b) => a.serial - b.serial)
      .map(({ name }) => readFileSync(join(dir, 'certs', name), 'utf8'));
    return {
      status: issue.status,
      stderr: issue.stderr,
      caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      issuedPem,
      milliseconds: performance.now() - started,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  function failed(result: ReturnType<typeof run>, started: number): CaRun {
    return { status: result.status, stderr: result.stderr, caPem: '', issuedPem: [], milliseconds: performance.now() - started };
  }
}

export interface CrossCheckResult {
  /** Requests whose signature OpenSSL verified (it then certified them). */
  certified: number;
  /** Requests OpenSSL refused because our signature did not verify (it reports each, skips it and goes on). */
  refusedByOpenssl: number;
  /** Issued certificates (signed by OpenSSL) whose signature our verifier rejects, by index. */
  rejectedByUs: number[];
  caCurveOid: string | undefined;
  opensslStderrTail: string;
  milliseconds: { ours: number; openssl: number };
}

/**
 * `count` random messages each way on one curve: our signatures on `count` requests (8 keys, random subjects)
 * checked by OpenSSL, and OpenSSL's `count` certificate signatures checked by us.
 */
export async function crossCheckWithOpenssl(curveOid: string, count: number): Promise<CrossCheckResult> {
  const bits = curveBits(curveOid);
  const started = performance.now();
  const keys = Array.from({ length: 8 }, () => generateGostKeyPair(bits, curveOid));
  const requests = Array.from({ length: count }, (_, i) =>
    certificateRequest(keys[i % keys.length]!, bits, curveOid, `cross-check ${i} ${randomHex(12)}`),
  );
  let ours = performance.now() - started;
  const run = opensslIssue(curveOid, requests);
  const verifyStarted = performance.now();
  const ca = run.caPem ? parseCertificate(run.caPem) : undefined;
  const rejectedByUs: number[] = [];
  for (const [i, pem] of run.issuedPem.entries()) {
    if (!ca || !(await verifyCertificateSignature(parseCertificate(pem), ca)).valid) rejectedByUs.push(i);
  }
  ours += performance.now() - verifyStarted;
  return {
    certified: (run.stderr.match(/^Signature ok$/gm) ?? []).length,
    refusedByOpenssl: (run.stderr.match(/^Signature did not match the certificate request$/gm) ?? []).length,
    rejectedByUs,
    caCurveOid: ca?.publicKeyParamSetOid,
    opensslStderrTail: run.stderr.slice(-1500),
    milliseconds: { ours: Math.round(ours), openssl: Math.round(run.milliseconds) },
  };
}

function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/** The per-curve tests of openssl-256/512.test.ts: `count` messages each way, zero disagreements. */
export function crossCheckTests(cases: ReadonlyArray<readonly [oid: string, name: string, count: number]>): void {
  it.each(cases)('%s %s: %i messages each way, no disagreement', async (oid, name, count) => {
    const result = await crossCheckWithOpenssl(oid, count);
    console.log(`cross-check ${name}: ${count} each way, ours ${result.milliseconds.ours} ms, openssl ${result.milliseconds.openssl} ms`);
    expect(result.refusedByOpenssl, result.opensslStderrTail).toBe(0);
    expect(result.certified).toBe(count);
    expect(result.caCurveOid).toBe(oid);
    expect(result.rejectedByUs).toEqual([]);
  }, 120_000);
}
