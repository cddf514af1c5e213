import { afterAll, describe, expect, it } from 'vitest';
import { CryptoPro } from 'ruscryptojs';
import { inspectCms } from '../../src/cms/index.js';
import { createDemoCertificates, installCadesPluginMock } from '../../src/testing/index.js';
import { USER_AGENTS, useUserAgent } from '../helpers/user-agents.js';
import { base64ToBytes, opensslCmsVerify } from './helpers/openssl.js';

// ruscryptojs 2.8.1, an independent consumer, unchanged, with its own CryptoPro loader (cadesplugin_api.js,
// JSModuleVersion 2.4.1, bundled in its dist file) running on top of the emulated Manifest V3 extension. It opens
// stores as "CAPICOM.Store", reads the loader's constants, and signs attached CAdES-BES with CADESCOM_BASE64_TO_BINARY.
const demo = createDemoCertificates();
const restoreUserAgent = useUserAgent(USER_AGENTS.chrome);
const mock = installCadesPluginMock({ loader: 'none' });
afterAll(() => {
  mock.uninstall();
  restoreUserAgent();
});

describe('ruscryptojs 2.8.1 with its own loader 2.4.1 on the emulator', () => {
  const cryptoPro = new CryptoPro();

  it('finds the MV3 extension through its loader (old id first, then MV3) and reads the plug-in version', async () => {
    const info = await cryptoPro.init();
    expect(info.version).toBe('2.0.15400');
    expect(info.manifestV3).toBe(true);
    expect(window.cadesplugin?.JSModuleVersion).toBe('2.4.1');
    expect(mock.extension.scriptRequests).toEqual([
      'chrome-extension://iifchhfnnmpdbibifmljnfjhpififfog/nmcades_plugin_api.js',
      'chrome-extension://pfhgbfnnjiafkhfdkmpiflachepdcjod/nmcades_plugin_api.js',
    ]);
  });

  it('lists the certificates (My, then the container store)', async () => {
    const list = await cryptoPro.listCertificates();
    expect(list.map((c) => c.id).sort()).toEqual(
      [demo.director.thumbprint, demo.expiredDirector.thumbprint, demo.directorWithoutKey.thumbprint].sort(),
    );
    expect(mock.callCount({ target: 'cadesplugin', member: 'CAPICOM.Store' })).toBeGreaterThan(0);
  });

  it('makes an attached CAdES-BES that OpenSSL verifies', async () => {
    const document = Buffer.from('<Файл ИдФайл="KKT_REG"><Документ КНД="1110061"/></Файл>').toString('base64');
    const signature = await cryptoPro.signData(document, demo.director.thumbprint, { attached: true });
    const cms = base64ToBytes(signature);
    expect(inspectCms(cms).attached).toBe(true);
    const verify = opensslCmsVerify(cms, demo.ca.pem);
    expect(verify.status, verify.stderr).toBe(0);
  });
});
