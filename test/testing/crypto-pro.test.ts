// Fidelity: the crypto-pro npm package, the most used open-source consumer of the plug-in API, runs unchanged
// against the emulator — it lists certificates and makes an attached signature that OpenSSL verifies.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDemoCertificates, installCadesPluginMock, type CadesPluginMock } from '../../src/testing/index.js';
import { streebog256 } from '../../src/cms/gost.js';
import { base64ToBytes, opensslCmsVerify } from './helpers/openssl.js';

interface CryptoProCertificate {
  name: string;
  thumbprint: string;
  subjectName: string;
  issuerName: string;
  validFrom: string;
  validTo: string;
  isValid(): Promise<boolean>;
  exportBase64(): Promise<string>;
  getAlgorithm(): Promise<{ algorithm: string; oid: string }>;
  getOwnerInfo(): Promise<{ title: string; description: string }[]>;
  getExtendedKeyUsage(): Promise<string[]>;
}
interface CryptoProApi {
  getUserCertificates(resetCache?: boolean): Promise<CryptoProCertificate[]>;
  getCertificate(thumbprint: string): Promise<CryptoProCertificate>;
  createAttachedSignature(thumbprint: string, message: string): Promise<string>;
  createDetachedSignature(thumbprint: string, messageHash: string): Promise<string>;
  createHash(message: string): Promise<string>;
  getSystemInfo(): Promise<{ cadesVersion: string; cspVersion: string }>;
  isValidSystemSetup(): Promise<boolean>;
}

let cryptoPro: CryptoProApi;
let mock: CadesPluginMock | undefined;

beforeAll(async () => {
  cryptoPro = (await import('crypto-pro')) as unknown as CryptoProApi;
});

beforeEach(() => {
  // crypto-pro logs every plug-in error with console.error before rethrowing it.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  mock?.uninstall();
  mock = undefined;
});

describe('crypto-pro against the emulator', () => {
  it('lists only valid certificates with a private key, with their names parsed', async () => {
    mock = installCadesPluginMock();
    const demo = createDemoCertificates();
    const list = await cryptoPro.getUserCertificates(true);
    expect(list.map((c) => c.thumbprint)).toEqual([demo.director.thumbprint]);
    const [cert] = list;
    expect(cert!.name).toBe('ООО «Ромашка»');
    expect(cert!.subjectName).toContain('SN=Романова');
    expect(new Date(cert!.validTo).getTime()).toBe(demo.director.info.notAfter.getTime());
    const owner = await cert!.getOwnerInfo();
    expect(owner).toContainEqual(expect.objectContaining({ title: 'ИНН', description: '771234567859' }));
    expect(owner).toContainEqual(expect.objectContaining({ title: 'Фамилия', description: 'Романова' }));
    expect(await cert!.isValid()).toBe(true);
    expect((await cert!.getAlgorithm()).oid).toBe('1.2.643.7.1.1.1.1');
    expect(await cert!.getExtendedKeyUsage()).toContain('1.3.6.1.5.5.7.3.4');
    expect((await cert!.exportBase64()).replace(/\s+/g, '')).toBe(demo.director.base64);
  });

  it('reports the plug-in and CSP versions', async () => {
    mock = installCadesPluginMock();
    expect(await cryptoPro.getSystemInfo()).toEqual({ cadesVersion: '2.0.15400', cspVersion: '5.0.13000' });
    expect(await cryptoPro.isValidSystemSetup()).toBe(true);
  });

  it('creates an attached signature that OpenSSL verifies, over the UTF-8 bytes of the message', async () => {
    mock = installCadesPluginMock();
    const demo = createDemoCertificates();
    const message = 'Заявление о регистрации ККТ №42';
    const signature = await cryptoPro.createAttachedSignature(demo.director.thumbprint, message);
    const result = opensslCmsVerify(base64ToBytes(signature), demo.ca.pem);
    expect(result.status, result.stderr).toBe(0);
    expect(mock.callCount({ target: 'CadesSignedData', member: 'SignCades' })).toBe(1);
    expect(mock.pinPrompts).toBe(1);
  });

  it('hashes with HashedData and makes a detached signature over the hash (SignHash) that OpenSSL verifies', async () => {
    mock = installCadesPluginMock();
    const demo = createDemoCertificates();
    const message = 'Отчёт о регистрации';
    const hash = await cryptoPro.createHash(message);
    expect(hash).toBe(Buffer.from(streebog256(new TextEncoder().encode(message))).toString('hex').toUpperCase());
    const signature = await cryptoPro.createDetachedSignature(demo.director.thumbprint, hash);
    const content = new TextEncoder().encode(message);
    expect(opensslCmsVerify(base64ToBytes(signature), demo.ca.pem, content).status).toBe(0);
    expect(opensslCmsVerify(base64ToBytes(signature), demo.ca.pem, new TextEncoder().encode(`${message}.`)).status).not.toBe(0);
  });

  it('surfaces the plug-in error text of a cancelled PIN prompt', async () => {
    mock = installCadesPluginMock({ scenario: 'pin-cancelled' });
    const demo = createDemoCertificates();
    await expect(cryptoPro.createAttachedSignature(demo.director.thumbprint, 'x')).rejects.toThrow(
      'Операция была отменена пользователем',
    );
  });
});
