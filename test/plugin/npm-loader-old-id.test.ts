import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { createCryptoProAdapter } from '../../src/plugin/index.js';
import { createDemoCertificates, createTestCertificate, DEMO_COMPANY, directorSubject, installCadesPluginMock } from '../../src/testing/index.js';
import { base64ToBytes, opensslCmsVerify } from '../testing/helpers/openssl.js';
import { USER_AGENTS, useUserAgent } from '../helpers/user-agents.js';

// The guard of issue 16: the adapter lists and signs with a `window.cadesplugin` that is exactly CryptoPro's npm
// loader 2.0.2 — its own constants and functions, nothing of ours; any other name reads `undefined`. The emulated
// extension sits at the old Chrome-store id, the only place 2.0.2 can find it.
const LOADER_FILE = createRequire(import.meta.url).resolve('cadesplugin-api');
const LOADER_NAMES = new Set([...readFileSync(LOADER_FILE, 'utf8').matchAll(/cadesplugin\.([A-Za-z_][A-Za-z0-9_]*)\s*=/g)].map((m) => m[1]!));

const demo = createDemoCertificates();
const onToken = createTestCertificate({
  subject: { ...directorSubject(DEMO_COMPANY), SN: 'Соколов', G: 'Пётр Ильич' },
  notAfter: new Date(Date.now() + 300 * 86_400_000),
});
const restoreUserAgent = useUserAgent(USER_AGENTS.chrome);
const mock = installCadesPluginMock({
  loader: 'none',
  extensionId: 'iifchhfnnmpdbibifmljnfjhpififfog',
  certificates: [demo.director, demo.expiredDirector, demo.directorWithoutKey, { certificate: onToken, location: 'container' }],
});
afterAll(() => {
  mock.uninstall();
  restoreUserAgent();
});

describe('the adapter on exactly the npm loader 2.0.2 (legacyNpmLoader), extension at the old id', () => {
  it('lists (My + the container store), signs, and OpenSSL verifies the signature', async () => {
    const adapter = createCryptoProAdapter({ legacyNpmLoader: true, loadTimeoutMs: 5_000 });
    await adapter.load();
    const plugin = window.cadesplugin!;
    expect(plugin.JSModuleVersion).toBe('2.0.2');
    // Nothing but the loader's names on the global: the adapter cannot have read anything else.
    expect(new Set(Object.keys(plugin))).toEqual(new Set([...LOADER_NAMES].filter((n) => n !== 'CreateObject')));
    expect(plugin.CADESCOM_CONTAINER_STORE).toBeUndefined();
    expect((plugin as unknown as Record<string, unknown>).CAPICOM_PROPERTY_KEY_PROV_INFO).toBeUndefined();

    const list = await adapter.listCertificates({ includeTokens: true });
    const byOwner = Object.fromEntries(list.map((c) => [c.thumbprint, c]));
    expect(byOwner[demo.director.thumbprint]).toMatchObject({ usable: true, hasPrivateKey: true, source: 'my' });
    expect(byOwner[demo.directorWithoutKey.thumbprint]).toMatchObject({ usable: false, hasPrivateKey: false });
    expect(byOwner[demo.directorWithoutKey.thumbprint]!.reasons).toContain('no-private-key');
    expect(byOwner[onToken.thumbprint]).toMatchObject({ usable: true, source: 'container' });
    expect(list).toHaveLength(4);

    const content = Buffer.from('<Файл ИдФайл="KKT_REG"/>').toString('base64');
    const signature = await adapter.sign(content, { thumbprint: demo.director.thumbprint });
    const verify = opensslCmsVerify(base64ToBytes(signature), demo.ca.pem);
    expect(verify.status, verify.stderr).toBe(0);

    const about = await adapter.about();
    expect(about.warnings.join('\n')).toMatch(/loader 2\.0\.2 cannot reach the current \(Manifest V3\) extension/);
  });
});
