import { afterEach, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/cms/base64.js';
import { parseCertificate } from '../../src/cms/x509.js';
import { createCryptoProAdapter } from '../../src/plugin/index.js';
import { createDemoCertificates, installCadesPluginMock, type CadesPluginMock } from '../../src/testing/index.js';

let mock: CadesPluginMock | undefined;
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
});

describe('listCertificates() parsing (lean DER walk, WebCrypto thumbprint)', () => {
  it('gives each certificate exactly what parseCertificate reads from its DER, thumbprint included', async () => {
    const demo = createDemoCertificates();
    mock = installCadesPluginMock();
    const list = await createCryptoProAdapter({ plugin: mock.plugin }).listCertificates();
    expect(list).toHaveLength(3);
    for (const entry of list) {
      expect(entry.info).toEqual(parseCertificate(entry.info.der));
      expect(entry.thumbprint).toBe(entry.info.thumbprint);
    }
    expect(list.map((c) => c.thumbprint).sort()).toEqual([demo.director, demo.expiredDirector, demo.directorWithoutKey].map((c) => c.thumbprint).sort());
  });

  it('skips a certificate whose export is not a certificate or not base64, and lists the others', async () => {
    const demo = createDemoCertificates();
    const truncated = { ...demo.expiredDirector, base64: bytesToBase64(demo.expiredDirector.der.subarray(0, 200)) };
    const garbage = { ...demo.directorWithoutKey, base64: '@@ not base64 @@' };
    mock = installCadesPluginMock({ certificates: [truncated, demo.director, garbage] });
    const list = await createCryptoProAdapter({ plugin: mock.plugin }).listCertificates();
    expect(list.map((c) => c.thumbprint)).toEqual([demo.director.thumbprint]);
  });
});
