// The emulator's signatures and certificates checked by an independent implementation: OpenSSL's GOST engine.
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildCadesBes, createDemoCertificates, createTestCa, createTestCertificate, installCadesPluginMock, type CadesPluginMock,
} from '../../src/testing/index.js';
import { base64ToBytes, openssl, opensslCmsVerify } from './helpers/openssl.js';
import { certificateByThumbprint, sign } from './helpers/plugin.js';

let mock: CadesPluginMock | undefined;
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const CONTENT = 'PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0idXRmLTgiPz4=';

describe('OpenSSL verifies the emulator', () => {
  it('attached signature of the Content string as-is (base64 text signed as its ASCII bytes)', async () => {
    mock = installCadesPluginMock();
    const { director, ca } = createDemoCertificates();
    const cert = await certificateByThumbprint(mock.plugin, director.thumbprint);
    // "Content as-is": the adapter passes base64(Content) with BASE64_TO_BINARY so the bytes are Content's own.
    const cms = base64ToBytes(await sign(mock.plugin, cert, btoa(CONTENT), { encoding: 1 }));
    const ok = openssl(
      ['cms', '-verify', '-engine', 'gost', '-binary', '-inform', 'DER', '-in', 'sig.der', '-CAfile', 'ca.pem', '-out', 'out.bin'],
      { 'sig.der': cms, 'ca.pem': ca.pem },
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Verification successful');
  });

  it('detached signature verifies with the right content and fails with tampered content', async () => {
    mock = installCadesPluginMock();
    const { director, ca } = createDemoCertificates();
    const cert = await certificateByThumbprint(mock.plugin, director.thumbprint);
    const cms = base64ToBytes(await sign(mock.plugin, cert, btoa(CONTENT), { encoding: 1, detached: true }));
    expect(opensslCmsVerify(cms, ca.pem, utf8(CONTENT)).status).toBe(0);
    expect(opensslCmsVerify(cms, ca.pem, utf8(CONTENT.replace('P', 'Q'))).status).not.toBe(0);
  });

  it('UCS-2 (UTF-16LE) content mode and whole-chain inclusion verify too', async () => {
    mock = installCadesPluginMock();
    const { director, ca } = createDemoCertificates();
    const cert = await certificateByThumbprint(mock.plugin, director.thumbprint);
    const cms = base64ToBytes(await sign(mock.plugin, cert, 'Привет', { detached: true, includeOption: 1 }));
    const utf16 = new Uint8Array(Buffer.from('Привет', 'utf16le'));
    expect(opensslCmsVerify(cms, ca.pem, utf16).status).toBe(0);
    expect(opensslCmsVerify(cms, ca.pem, utf8('Привет')).status).not.toBe(0);
  });

  it('rejects a signature by a certificate from another CA', async () => {
    const foreignCa = createTestCa({ subject: { CN: 'Чужой УЦ', C: 'RU' } });
    const foreign = createTestCertificate({ subject: { CN: 'Чужой' }, issuer: foreignCa });
    mock = installCadesPluginMock({ certificates: [foreign] });
    const cert = await certificateByThumbprint(mock.plugin, foreign.thumbprint);
    const cms = base64ToBytes(await sign(mock.plugin, cert, 'QUJD', { encoding: 1 }));
    expect(opensslCmsVerify(cms, createDemoCertificates().ca.pem).status).not.toBe(0);
    expect(opensslCmsVerify(cms, foreignCa.pem).status).toBe(0);
  });

  it('signs with a certificate under an intermediate CA, including the chain except the root', async () => {
    const root = createTestCa({ subject: { CN: 'Корневой УЦ', C: 'RU' } });
    const intermediate = createTestCa({ subject: { CN: 'Выпускающий УЦ', C: 'RU' }, issuer: root });
    const leaf = createTestCertificate({ subject: { CN: 'Сотрудник' }, issuer: intermediate });
    mock = installCadesPluginMock({ certificates: [leaf] });
    const cert = await certificateByThumbprint(mock.plugin, leaf.thumbprint);
    const cms = base64ToBytes(await sign(mock.plugin, cert, 'QUJD', { encoding: 1 }));
    // Only the root is needed: the intermediate travels inside the CMS.
    expect(opensslCmsVerify(cms, root.pem).status).toBe(0);
  });

  it('buildCadesBes output with a 512-bit key verifies as well', () => {
    const strong = createTestCertificate({ subject: { CN: 'Ключ 512' }, keyBits: 512 });
    const content = utf8('<Документ/>');
    const cms = buildCadesBes({ content, certificate: strong });
    expect(opensslCmsVerify(cms, createDemoCertificates().ca.pem).status).toBe(0);
  });

  it.each([
    ['TC26 256 A (twisted Edwards)', 256, '1.2.643.7.1.2.1.1.1'],
    ['CryptoPro-B', 256, '1.2.643.2.2.35.2'],
    ['TC26 512 C (twisted Edwards)', 512, '1.2.643.7.1.2.1.2.3'],
  ] as const)('a certificate and CAdES-BES on %s verify with OpenSSL', (_name, keyBits, curveOid) => {
    const ca = createTestCa({ subject: { CN: `УЦ ${curveOid}`, C: 'RU' }, keyBits, curveOid });
    const cert = createTestCertificate({ subject: { CN: 'Кривая' }, issuer: ca, keyBits, curveOid });
    expect(cert.info.publicKeyParamSetOid).toBe(curveOid);
    const content = utf8('<Документ/>');
    const result = opensslCmsVerify(buildCadesBes({ content, certificate: cert }), ca.pem);
    expect(result.status, result.stderr).toBe(0);
  });

  it('OpenSSL reads the signed attributes we claim', async () => {
    mock = installCadesPluginMock();
    const { director } = createDemoCertificates();
    const cert = await certificateByThumbprint(mock.plugin, director.thumbprint);
    const cms = base64ToBytes(await sign(mock.plugin, cert, 'QUJD', { encoding: 1 }));
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'sig.der', '-engine', 'gost'], { 'sig.der': cms }).stdout;
    for (const attribute of ['contentType', 'messageDigest', 'signingTime', 'id-smime-aa-signingCertificateV2']) {
      expect(printed).toContain(attribute);
    }
  });
});
