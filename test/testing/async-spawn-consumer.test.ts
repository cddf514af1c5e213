import { afterEach, describe, expect, it } from 'vitest';
import { inspectCms } from '../../src/cms/index.js';
import { createDemoCertificates, installCadesPluginMock, type CadesPluginMock } from '../../src/testing/index.js';
import { base64ToBytes, opensslCmsVerify } from './helpers/openssl.js';

// A third consumer, written by us in the style of CryptoPro's own demo code for the asynchronous plug-in (the demo
// pages under cryptopro.ru/sites/default/files/products/cades/demopage/, and the loaders' async_spawn): everything inside
// `cadesplugin.async_spawn(function* (args) { … yield … }, …)`, the extra arguments arriving as one array
// (args[2] / args[3] are the Promise's resolve / reject), constants read from `cadesplugin`, and errors reported
// through `cadesplugin.getLastError(err)`. It runs on our loader over the emulated extension.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- demo-style untyped page code

function signCreate(cadesplugin: Loose, thumbprint: string, dataToSign: string): Promise<string> {
  return new Promise((resolve, reject) => {
    cadesplugin.async_spawn(
      function* (args: unknown[]): Generator<unknown, void, any> {
        try {
          const oStore: Loose = yield cadesplugin.CreateObjectAsync('CAdESCOM.Store');
          yield oStore.Open(cadesplugin.CAPICOM_CURRENT_USER_STORE, cadesplugin.CAPICOM_MY_STORE, cadesplugin.CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED);
          const oCertificates: Loose = yield oStore.Certificates;
          const oFound: Loose = yield oCertificates.Find(cadesplugin.CAPICOM_CERTIFICATE_FIND_SHA1_HASH, args[0]);
          if ((yield oFound.Count) === 0) throw new Error('Certificate not found');
          const oCertificate: Loose = yield oFound.Item(1);

          const oSigner: Loose = yield cadesplugin.CreateObjectAsync('CAdESCOM.CPSigner');
          yield oSigner.propset_Certificate(oCertificate);
          yield oSigner.propset_CheckCertificate(true);
          const oSigningTimeAttr: Loose = yield cadesplugin.CreateObjectAsync('CAdESCOM.CPAttribute');
          yield oSigningTimeAttr.propset_Name(cadesplugin.CAPICOM_AUTHENTICATED_ATTRIBUTE_SIGNING_TIME);
          yield oSigningTimeAttr.propset_Value(new Date());
          const oAttributes: Loose = yield oSigner.AuthenticatedAttributes2;
          yield oAttributes.Add(oSigningTimeAttr);

          const oSignedData: Loose = yield cadesplugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
          yield oSignedData.propset_ContentEncoding(cadesplugin.CADESCOM_BASE64_TO_BINARY);
          yield oSignedData.propset_Content(args[1]);
          const sSignedMessage: string = yield oSignedData.SignCades(oSigner, cadesplugin.CADESCOM_CADES_BES);
          yield oStore.Close();
          (args[2] as (value: string) => void)(sSignedMessage);
        } catch (err) {
          (args[3] as (reason: string) => void)('Failed to create signature. Error: ' + cadesplugin.getLastError(err));
        }
      },
      thumbprint,
      dataToSign,
      resolve,
      reject,
    );
  });
}

let mock: CadesPluginMock | undefined;
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
});

describe('a consumer in the async_spawn + yield style of CryptoPro\'s demo code', () => {
  const demo = createDemoCertificates();
  const document = Buffer.from('<Файл ИдФайл="KKT_REG"/>').toString('base64');

  it('signs attached CAdES-BES with a signing-time attribute; OpenSSL verifies it', async () => {
    mock = installCadesPluginMock();
    const cadesplugin = mock.plugin as unknown as Loose;
    await cadesplugin;
    const signature = await signCreate(cadesplugin, demo.director.thumbprint, document);
    const cms = base64ToBytes(signature);
    expect(inspectCms(cms).attached).toBe(true);
    const verify = opensslCmsVerify(cms, demo.ca.pem);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr).toContain('Verification successful');
  });

  it('gets the plug-in\'s message through getLastError when the user cancels the PIN', async () => {
    mock = installCadesPluginMock({ scenario: 'pin-cancelled' });
    const cadesplugin = mock.plugin as unknown as Loose;
    await cadesplugin;
    await expect(signCreate(cadesplugin, demo.director.thumbprint, document)).rejects.toMatch(
      /^Failed to create signature\. Error: .*\(0x8010006E\)$/,
    );
  });

  it('async_spawn hands back the value itself when the generator finishes at once, as the loader does', async () => {
    mock = installCadesPluginMock();
    const cadesplugin = mock.plugin as unknown as Loose;
    await cadesplugin;
    // eslint-disable-next-line require-yield -- a generator that returns at its first step
    const result = cadesplugin.async_spawn(function* (args: unknown[]) {
      return args.length;
    }, 'a', 'b');
    expect(result).toBe(2);
  });
});
