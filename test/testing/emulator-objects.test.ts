// The object model the adapter (src/plugin) and crypto-pro use, member by member.
import { Window as HappyDomWindow } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectCms } from '../../src/cms/cms.js';
import { streebog256 } from '../../src/cms/gost.js';
import {
  createDemoCertificates, createTestCertificate, installCadesPluginMock, type CadesPluginMock,
} from '../../src/testing/index.js';
import { certificateByThumbprint, hresultOf, openStore, rejectionOf, sign } from './helpers/plugin.js';

let mock: CadesPluginMock | undefined;

/** Another page: a window of its own (the emulator hooks its DOM and its messages). */
function freshWindow(): Window {
  return new HappyDomWindow({ url: 'https://partner.example/' }) as unknown as Window;
}
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
});

/** Installs the emulator with our loader on top and waits until the loader is done (as page code awaits it). */
async function install(options: Parameters<typeof installCadesPluginMock>[0] = {}) {
  mock = installCadesPluginMock(options);
  await mock.plugin.then(
    () => undefined,
    () => undefined,
  );
  return mock;
}

describe('window.cadesplugin', () => {
  it('objects have getters and propset_* methods only: assigning a property does not reach the plug-in', async () => {
    const { plugin } = await install();
    const data = await plugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
    expect(() => {
      (data as unknown as { ContentEncoding: number }).ContentEncoding = 1;
    }).toThrow(TypeError);
    expect(await data.ContentEncoding).toBe(0);
  });

  it('is a thenable that resolves, with the constants, log level and helpers of the loader', async () => {
    const { plugin } = await install();
    expect(window.cadesplugin).toBe(plugin);
    await expect(plugin).resolves.toBeUndefined();
    expect(plugin.CAPICOM_CURRENT_USER_STORE).toBe(2);
    expect(plugin.CAPICOM_MY_STORE).toBe('My');
    expect(plugin.CADESCOM_CONTAINER_STORE).toBe(100);
    expect(plugin.CAPICOM_CERTIFICATE_FIND_TIME_VALID).toBe(9);
    expect(plugin.CADESCOM_CADES_BES).toBe(1);
    expect(plugin.CAPICOM_CERTIFICATE_INCLUDE_END_ENTITY_ONLY).toBe(2);
    expect((plugin as unknown as Record<string, number>).CADESCOM_PKCS7_TYPE).toBe(0xffff);
    expect(plugin.JSModuleVersion).toMatch(/^2\.\d+\.\d+$/);
    plugin.set_log_level(4); // LOG_LEVEL_DEBUG
    expect(plugin.current_log_level).toBe(4);
    plugin.set_log_level(3); // not a level: ignored, as CryptoPro's loaders do
    expect(plugin.current_log_level).toBe(4);
    expect(plugin.getLastError?.(new Error('Текст. (0x80070057)'))).toBe('Текст. (0x80070057)');
  });

  it('creates the five objects, case-insensitively, and refuses unknown names with CO_E_CLASSSTRING', async () => {
    const { plugin } = await install();
    for (const name of ['CAdESCOM.Store', 'CAdESCOM.CPSigner', 'CAdESCOM.CadesSignedData', 'CAdESCOM.About', 'CAdESCOM.CPAttribute'] as const) {
      expect(await plugin.CreateObjectAsync(name)).toBeTypeOf('object');
    }
    expect(await plugin.CreateObjectAsync('CADESCOM.CPAttribute' as 'CAdESCOM.CPAttribute')).toBeTypeOf('object');
    const error = await rejectionOf(plugin.CreateObjectAsync('CAdESCOM.Nothing' as 'CAdESCOM.About'));
    expect(hresultOf(error)).toBe('0x800401F3');
  });

  it('runs generator code through async_spawn, passing extra arguments as one array, and propagates errors', async () => {
    const { plugin } = await install();
    const result = await plugin.async_spawn(function* (args: unknown) {
      const about = (yield plugin.CreateObjectAsync('CAdESCOM.About')) as { Version: Promise<string> };
      const version = (yield about.Version) as string;
      return `${version}|${JSON.stringify(args)}`;
    }, 'a', 1);
    expect(result).toBe('2.0.15400|["a",1]');
    await expect(
      plugin.async_spawn(function* () {
        const store = (yield plugin.CreateObjectAsync('CAdESCOM.Store')) as { Certificates: Promise<{ Item(i: number): Promise<unknown> }> };
        const certs = (yield store.Certificates) as { Item(i: number): Promise<unknown> };
        yield certs.Item(1);
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('(0x80070057)') });
  });

  it('uninstall restores whatever was there before', () => {
    const previous = { marker: true } as unknown as NonNullable<Window['cadesplugin']>;
    window.cadesplugin = previous;
    const first = installCadesPluginMock();
    expect(window.cadesplugin).toBe(first.plugin);
    first.uninstall();
    expect(window.cadesplugin).toBe(previous);
    delete window.cadesplugin;
  });

  it('builds the default certificates once per process and reuses them', () => {
    const first = installCadesPluginMock({ window: freshWindow() });
    const second = installCadesPluginMock({ window: freshWindow() });
    expect(second.certificates.map((e) => e.certificate)).toEqual(first.certificates.map((e) => e.certificate));
    expect(second.certificates[0]!.certificate).toBe(first.certificates[0]!.certificate);
    expect(createDemoCertificates()).toBe(createDemoCertificates());
  });

  it('installs on the window it is given', async () => {
    const target = freshWindow();
    const handle = installCadesPluginMock({ window: target });
    expect(target.cadesplugin).toBe(handle.plugin);
    await expect(Promise.resolve(handle.plugin)).resolves.toBeUndefined();
    handle.uninstall();
    expect('cadesplugin' in target).toBe(false);
  });
});

describe('About', () => {
  it('reports plug-in and CSP versions as strings and version objects', async () => {
    const { plugin } = await install({ pluginVersion: '2.0.15500', cspVersion: '5.0.12600' });
    const about = await plugin.CreateObjectAsync('CAdESCOM.About');
    expect(await about.Version).toBe('2.0.15500');
    const pluginVersion = await about.PluginVersion;
    expect(await pluginVersion.toString()).toBe('2.0.15500');
    expect([await pluginVersion.MajorVersion, await pluginVersion.MinorVersion, await pluginVersion.BuildVersion]).toEqual([2, 0, 15500]);
    expect(await (await about.CSPVersion('', 80)).toString()).toBe('5.0.12600');
    expect(await about.CSPName(80)).toContain('Crypto-Pro');
  });
});

describe('Store and Certificates', () => {
  it('offers by default the valid, expired and key-less director certificates, 1-based', async () => {
    const { plugin } = await install();
    const demo = createDemoCertificates();
    const certs = await (await openStore(plugin)).Certificates;
    expect(await certs.Count).toBe(3);
    const thumbprints = [];
    for (let i = 1; i <= 3; i++) thumbprints.push(await (await certs.Item(i)).Thumbprint);
    expect(thumbprints).toEqual([demo.director.thumbprint, demo.expiredDirector.thumbprint, demo.directorWithoutKey.thumbprint]);
    expect(hresultOf(await rejectionOf(certs.Item(0)))).toBe('0x80070057');
    expect(hresultOf(await rejectionOf(certs.Item(4)))).toBe('0x80070057');
  });

  it('finds by thumbprint (any case), by time validity and by private key, and chains Find calls', async () => {
    const { plugin } = await install();
    const demo = createDemoCertificates();
    const certs = await (await openStore(plugin)).Certificates;
    const byHash = await certs.Find(0, demo.expiredDirector.thumbprint.toLowerCase());
    expect(await byHash.Count).toBe(1);
    expect(await (await byHash.Item(1)).Thumbprint).toBe(demo.expiredDirector.thumbprint);
    const timeValid = await certs.Find(9);
    expect(await timeValid.Count).toBe(2);
    const withKey = await certs.Find(6, 2);
    expect(await withKey.Count).toBe(2);
    const usable = await timeValid.Find(6, 2);
    expect(await usable.Count).toBe(1);
    expect(await (await usable.Item(1)).Thumbprint).toBe(demo.director.thumbprint);
    expect(await (await certs.Find(1, 'Романова')).Count).toBe(3);
    expect(await (await certs.Find(9, undefined, true)).Count).toBe(2);
  });

  it('keeps token-only certificates in the container store (100), and "both" in both', async () => {
    const demo = createDemoCertificates();
    const { plugin } = await install({
      certificates: [
        { certificate: demo.director, location: 'my' },
        { certificate: demo.otherCompanyDirector, location: 'container' },
        { certificate: demo.entrepreneur, location: 'both' },
      ],
    });
    const listed = async (location: number) => {
      const certs = await (await openStore(plugin, location)).Certificates;
      const out = [];
      for (let i = 1; i <= (await certs.Count); i++) out.push(await (await certs.Item(i)).Thumbprint);
      return out;
    };
    expect(await listed(2)).toEqual([demo.director.thumbprint, demo.entrepreneur.thumbprint]);
    expect(await listed(100)).toEqual([demo.otherCompanyDirector.thumbprint, demo.entrepreneur.thumbprint]);
  });

  it('shows the CA in the Root store', async () => {
    const { plugin } = await install();
    const store = await plugin.CreateObjectAsync('CAdESCOM.Store');
    await store.Open(2, 'Root', 0);
    const certs = await store.Certificates;
    expect(await certs.Count).toBe(1);
    expect(await (await certs.Item(1)).Thumbprint).toBe(createDemoCertificates().ca.thumbprint);
  });
});

describe('Certificate', () => {
  it('answers every property the adapter and crypto-pro read', async () => {
    const { plugin } = await install();
    const demo = createDemoCertificates();
    const cert = await certificateByThumbprint(plugin, demo.director.thumbprint);
    expect(await cert.SubjectName).toBe(demo.director.subjectName);
    expect(await cert.SubjectName).toContain('CN=ООО «Ромашка»');
    expect(await cert.IssuerName).toContain('CN=Тестовый УЦ ofd-signer');
    expect(await cert.SerialNumber).toBe(demo.director.info.serialNumber);
    expect(new Date(await cert.ValidFromDate).getTime()).toBe(demo.director.info.notBefore.getTime());
    expect(new Date(await cert.ValidToDate).getTime()).toBe(demo.director.info.notAfter.getTime());
    expect(await cert.Version).toBe(3);
    expect(await cert.HasPrivateKey()).toBe(true);
    expect(await (await cert.IsValid()).Result).toBe(true);
    const exported = await cert.Export(0);
    expect(exported).toMatch(/^([A-Za-z0-9+/=]{1,64}\r\n)+$/);
    expect(exported.replace(/\r\n/g, '')).toBe(demo.director.base64);
    expect(await cert.GetInfo(0)).toBe('ООО «Ромашка»');
    expect(await cert.GetInfo(1)).toBe('Тестовый УЦ ofd-signer');
    expect(await cert.GetInfo(2)).toBe('director@romashka.example');
    const algorithm = await (await cert.PublicKey()).Algorithm;
    expect(await algorithm.FriendlyName).toBe('ГОСТ Р 34.10-2012 256 бит');
    expect(await algorithm.Value).toBe('1.2.643.7.1.1.1.1');
    const key = await cert.PrivateKey;
    expect(await key.ProviderName).toBe('Crypto-Pro GOST R 34.10-2012 Cryptographic Service Provider');
    expect(await key.ProviderType).toBe(80);
    expect(await key.ContainerName).toMatch(/^ofd-signer-test-/);
    expect(await key.CachePin).toBe(false);
    await key.propset_CachePin(true);
    expect(await key.CachePin).toBe(true);
  });

  it('says expired certificates are not valid and key-less ones have no PrivateKey', async () => {
    const { plugin } = await install();
    const demo = createDemoCertificates();
    const expired = await certificateByThumbprint(plugin, demo.expiredDirector.thumbprint);
    expect(await (await expired.IsValid()).Result).toBe(false);
    const keyless = await certificateByThumbprint(plugin, demo.directorWithoutKey.thumbprint);
    expect(await keyless.HasPrivateKey()).toBe(false);
    expect(hresultOf(await rejectionOf(keyless.PrivateKey))).toBe('0x8009200B');
  });

  it('reports a non-GOST key by its algorithm', async () => {
    const rsa = createTestCertificate({ subject: { CN: 'RSA' }, notGost: true });
    const { plugin } = await install({ certificates: [rsa] });
    const cert = await certificateByThumbprint(plugin, rsa.thumbprint);
    expect(await (await (await cert.PublicKey()).Algorithm).Value).toBe('1.2.840.113549.1.1.1');
  });
});

describe('CadesSignedData', () => {
  const demo = () => createDemoCertificates();

  it('signs a string as UTF-16LE by default (CADESCOM_STRING_TO_UCS2LE)', async () => {
    const { plugin } = await install();
    const cert = await certificateByThumbprint(plugin, demo().director.thumbprint);
    const cms = inspectCms((await sign(plugin, cert, 'Да')).replace(/\s+/g, ''));
    expect(cms.attached).toBe(true);
    expect([...cms.content!]).toEqual([0x14, 0x04, 0x30, 0x04]);
  });

  it('signs the decoded bytes with CADESCOM_BASE64_TO_BINARY and rejects bad base64 with 0x80092002', async () => {
    const { plugin } = await install();
    const cert = await certificateByThumbprint(plugin, demo().director.thumbprint);
    const cms = inspectCms(await sign(plugin, cert, btoa('<xml/>'), { encoding: 1 }));
    expect(new TextDecoder().decode(cms.content)).toBe('<xml/>');
    expect(hresultOf(await rejectionOf(sign(plugin, cert, 'не base64!', { encoding: 1 })))).toBe('0x80092002');
  });

  it('converts Content when it is assigned, under the ContentEncoding current then', async () => {
    const { plugin } = await install();
    const data = await plugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
    await data.propset_ContentEncoding(1);
    // Bad base64 fails on assignment, not later when signing.
    expect(hresultOf(await rejectionOf(data.propset_Content('не base64!')))).toBe('0x80092002');
    await data.propset_Content('QUJD'); // "ABC"
    await data.propset_ContentEncoding(0); // too late to change what was assigned
    const cert = await certificateByThumbprint(plugin, createDemoCertificates().director.thumbprint);
    const signer = await plugin.CreateObjectAsync('CAdESCOM.CPSigner');
    await signer.propset_Certificate(cert);
    const cms = inspectCms(Uint8Array.from(atob((await data.SignCades(signer, 1, false, 0)).replace(/\s+/g, '')), (c) => c.charCodeAt(0)));
    expect(new TextDecoder().decode(cms.content)).toBe('ABC');
  });

  it('keeps Content and ContentEncoding readable', async () => {
    const { plugin } = await install();
    const signedData = await plugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
    await signedData.propset_ContentEncoding(1);
    await signedData.propset_Content('QUJD');
    expect(await signedData.ContentEncoding).toBe(1);
    expect(await signedData.Content).toBe('QUJD');
  });

  it('makes CAdES-BES with contentType, messageDigest, signingTime and signingCertificateV2', async () => {
    // A fixed emulated clock, inside the director certificate's validity.
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000);
    const { plugin } = await install({ clock: () => signingTime });
    const director = demo().director;
    const cert = await certificateByThumbprint(plugin, director.thumbprint);
    const cms = inspectCms(await sign(plugin, cert, 'QUJD', { encoding: 1 }));
    expect(cms.isSignedData).toBe(true);
    expect(cms.digestAlgorithmOids).toEqual(['1.2.643.7.1.1.2.2']);
    const [signer] = cms.signers;
    expect(signer!.contentTypeOid).toBe('1.2.840.113549.1.7.1');
    expect(signer!.messageDigest).toHaveLength(32);
    expect(signer!.signingTime?.toISOString()).toBe(signingTime.toISOString());
    expect(signer!.hasSigningCertificateAttr).toBe(true);
    expect(signer!.certificate?.thumbprint).toBe(director.thumbprint);
  });

  it('takes the signing time from an authenticated CPAttribute', async () => {
    const { plugin } = await install();
    const cert = await certificateByThumbprint(plugin, demo().director.thumbprint);
    const at = new Date('2025-12-31T23:59:58Z');
    const cms = inspectCms(await sign(plugin, cert, 'QUJD', { encoding: 1, signingTime: at }));
    expect(cms.signers[0]!.signingTime?.toISOString()).toBe(at.toISOString());
  });

  it('leaves the content out of detached signatures', async () => {
    const { plugin } = await install();
    const cert = await certificateByThumbprint(plugin, demo().director.thumbprint);
    const cms = inspectCms(await sign(plugin, cert, 'QUJD', { encoding: 1, detached: true }));
    expect(cms.attached).toBe(false);
    expect(cms.content).toBeUndefined();
  });

  it('includes the end-entity certificate only, or the whole chain, per signer Options', async () => {
    const { plugin } = await install();
    const { director, ca } = demo();
    const cert = await certificateByThumbprint(plugin, director.thumbprint);
    const certsIn = async (includeOption?: number) =>
      inspectCms(await sign(plugin, cert, 'QUJD', { encoding: 1, ...(includeOption === undefined ? {} : { includeOption }) })).certificates.map((c) => c.thumbprint);
    expect(await certsIn(2)).toEqual([director.thumbprint]);
    expect(await certsIn(1)).toEqual([director.thumbprint, ca.thumbprint]);
    expect(await certsIn()).toEqual([director.thumbprint]); // chain except root: the root is all there is
  });

  it('makes a PKCS#7 signature without signingCertificateV2 for CADESCOM_PKCS7_TYPE', async () => {
    const { plugin } = await install();
    const cert = await certificateByThumbprint(plugin, demo().director.thumbprint);
    const cms = inspectCms(await sign(plugin, cert, 'QUJD', { encoding: 1, cadesType: 0xffff }));
    expect(cms.signers[0]!.hasSigningCertificateAttr).toBe(false);
    expect(cms.signers[0]!.signingTime).toBeUndefined();
  });

  it('refuses CAdES-T/X Long (they need a time-stamp service)', async () => {
    const { plugin } = await install();
    const cert = await certificateByThumbprint(plugin, demo().director.thumbprint);
    expect(hresultOf(await rejectionOf(sign(plugin, cert, 'QUJD', { encoding: 1, cadesType: 0x5d })))).toBe('0x80070057');
  });

  it('verifies its own signatures with VerifyCades and rejects a tampered one', async () => {
    const { plugin } = await install();
    const cert = await certificateByThumbprint(plugin, demo().director.thumbprint);
    const attached = await sign(plugin, cert, 'QUJD', { encoding: 1 });
    const verifier = await plugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
    await verifier.propset_ContentEncoding(1);
    await verifier.VerifyCades(attached, 1, false);
    expect(await verifier.Content).toBe('QUJD');

    const detached = await sign(plugin, cert, 'QUJD', { encoding: 1, detached: true });
    const other = await plugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
    await other.propset_ContentEncoding(1);
    await other.propset_Content('QUJE');
    expect(hresultOf(await rejectionOf(other.VerifyCades(detached, 1, true)))).toBe('0x80090006');
  });
});

describe('HashedData and SignHash', () => {
  interface HashedData {
    propset_Algorithm(a: number): Promise<void>;
    propset_DataEncoding(e: number): Promise<void>;
    Hash(data: string): Promise<void>;
    SetHashValue(hex: string): Promise<void>;
    readonly Value: Promise<string>;
  }
  const create = (plugin: NonNullable<Window['cadesplugin']>) =>
    plugin.CreateObjectAsync('CAdESCOM.HashedData' as 'CAdESCOM.About') as unknown as Promise<HashedData>;

  it('hashes data given in parts with Streebog-256, and refuses GOST R 34.11-94 and bad hash values', async () => {
    const { plugin } = await install();
    const hashed = await create(plugin);
    await hashed.propset_Algorithm(101);
    await hashed.propset_DataEncoding(1);
    await hashed.Hash(btoa('ab'));
    await hashed.Hash(btoa('c'));
    const expected = Buffer.from(streebog256(new TextEncoder().encode('abc'))).toString('hex').toUpperCase();
    expect(await hashed.Value).toBe(expected);
    expect(hresultOf(await rejectionOf(hashed.propset_Algorithm(100)))).toBe('0x80090008');
    expect(hresultOf(await rejectionOf(hashed.SetHashValue('ABCD')))).toBe('0x80070057');
  });

  it('SignHash signs the given digest detached; a 512-bit digest with a 256-bit key is refused', async () => {
    const { plugin } = await install();
    const { director } = createDemoCertificates();
    const cert = await certificateByThumbprint(plugin, director.thumbprint);
    const signer = await plugin.CreateObjectAsync('CAdESCOM.CPSigner');
    await signer.propset_Certificate(cert);
    const digest = streebog256(new TextEncoder().encode('abc'));
    const hashed = await create(plugin);
    await hashed.SetHashValue(Buffer.from(digest).toString('hex'));
    const signedData = (await plugin.CreateObjectAsync('CAdESCOM.CadesSignedData')) as unknown as {
      SignHash(h: unknown, s: unknown, t: number): Promise<string>;
    };
    const cms = inspectCms(await signedData.SignHash(hashed, signer, 1));
    expect(cms.attached).toBe(false);
    expect(cms.signers[0]!.messageDigest).toEqual(digest);
    const strong = await create(plugin);
    await strong.propset_Algorithm(102);
    await strong.Hash('x');
    expect(hresultOf(await rejectionOf(signedData.SignHash(strong, signer, 1)))).toBe('0x80090008');
  });
});
