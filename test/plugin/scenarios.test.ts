import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectCms } from '../../src/cms/index.js';
import {
  CertificateExpiredError,
  ChainNotBuiltError,
  createCryptoProAdapter,
  CryptoProError,
  CspAlgorithmError,
  LicenceExpiredError,
  mapPluginError,
  NoPrivateKeyError,
  PinBlockedError,
  PluginNotInstalledError,
  TokenNotInsertedError,
  UntrustedRootError,
  UserCancelledError,
  type CryptoProErrorCode,
} from '../../src/plugin/index.js';
import { pluginMessages } from '../../src/plugin/messages.js';
import {
  createDemoCertificates,
  HRESULT,
  installCadesPluginMock,
  pluginError, type CadesPluginMock, type DemoCertificates, type Scenario } from '../../src/testing/index.js';

const DOCUMENT = Buffer.from('<Файл/>').toString('base64');
let demo: DemoCertificates;
const installed: CadesPluginMock[] = [];

beforeAll(() => {
  demo = createDemoCertificates();
});
afterEach(() => {
  for (const m of installed.splice(0).reverse()) m.uninstall();
});

function install(options: Parameters<typeof installCadesPluginMock>[0] = {}): CadesPluginMock {
  const m = installCadesPluginMock(options);
  installed.push(m);
  return m;
}

async function failure(promise: Promise<unknown>): Promise<CryptoProError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CryptoProError);
  return error as CryptoProError;
}

/** Each emulator signing scenario, the class the adapter must throw, its code and the HRESULT behind it. */
const signing: [Scenario, abstract new (...args: never[]) => CryptoProError, CryptoProErrorCode, number][] = [
  ['pin-cancelled', UserCancelledError, 'USER_CANCELLED', 0x8010006e],
  ['pin-blocked', PinBlockedError, 'PIN_BLOCKED', 0x8010006c],
  ['token-removed', TokenNotInsertedError, 'TOKEN_NOT_INSERTED', 0x8000ffff],
  ['no-private-key', NoPrivateKeyError, 'NO_PRIVATE_KEY', 0x8009200b],
  ['chain-not-trusted', ChainNotBuiltError, 'CHAIN_NOT_BUILT', 0x800b010a],
  ['untrusted-root', UntrustedRootError, 'UNTRUSTED_ROOT', 0x800b0109],
  ['licence-expired', LicenceExpiredError, 'LICENCE_EXPIRED', 0x8007065b],
  ['csp-algorithm', CspAlgorithmError, 'CSP_ALGORITHM', 0x80090008],
];

describe('emulator scenarios become typed errors with both sentences', () => {
  it.each(signing)('%s → %s', async (scenario, Class, code, hresult) => {
    const m = install();
    const adapter = createCryptoProAdapter({ plugin: m.plugin });
    await adapter.listCertificates();
    m.setScenario(scenario);
    const error = await failure(adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint }));
    expect(error).toBeInstanceOf(Class);
    expect(error.code).toBe(code);
    expect(error.hresult).toBe(hresult);
    expect(error.originalMessage).toMatch(/\(0x[0-9A-F]{8}\)$/);
    expect(error.userMessage('ru')).toBe(pluginMessages.ru[code]);
    expect(error.userMessage('en')).toBe(pluginMessages.en[code]);

    // Once the cause is gone, the same adapter signs (the failed signer is not reused).
    m.setScenario('ok');
    const cms = await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint });
    expect(inspectCms(cms).attached).toBe(true);
  });

  it('a scenario on one certificate only affects that certificate', async () => {
    const m = install({ certificates: [demo.director, demo.entrepreneur] });
    const adapter = createCryptoProAdapter({ plugin: m.plugin });
    m.setScenario('token-removed', { thumbprint: demo.director.thumbprint });
    await expect(adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint })).rejects.toBeInstanceOf(TokenNotInsertedError);
    const cms = await adapter.sign(DOCUMENT, { thumbprint: demo.entrepreneur.thumbprint });
    expect(inspectCms(cms).signers[0]?.certificate?.thumbprint).toBe(demo.entrepreneur.thumbprint);
  });

  it('signing with the expired certificate → CertificateExpiredError', async () => {
    const m = install();
    const adapter = createCryptoProAdapter({ plugin: m.plugin });
    const error = await failure(adapter.sign(DOCUMENT, { thumbprint: demo.expiredDirector.thumbprint }));
    expect(error).toBeInstanceOf(CertificateExpiredError);
    expect(error.userMessage('ru')).toMatch(/истёк/);
  });

  it('signing with the key-less certificate → NoPrivateKeyError', async () => {
    const m = install();
    const adapter = createCryptoProAdapter({ plugin: m.plugin });
    await expect(adapter.sign(DOCUMENT, { thumbprint: demo.directorWithoutKey.thumbprint })).rejects.toBeInstanceOf(NoPrivateKeyError);
  });
});

describe("the emulator's error texts", () => {
  it('every HRESULT the emulator can raise maps to the code DESIGN.md gives it', () => {
    const expected: Record<keyof typeof HRESULT, CryptoProErrorCode> = {
      E_UNEXPECTED: 'TOKEN_NOT_INSERTED',
      E_INVALIDARG: 'INVALID_PARAMETER',
      ERROR_FUNCTION_FAILED: 'LICENCE_EXPIRED',
      ERROR_CANCELLED: 'USER_CANCELLED',
      NTE_BAD_ALGID: 'CSP_ALGORITHM',
      NTE_BAD_KEYSET: 'NO_PRIVATE_KEY',
      CRYPT_E_BAD_ENCODE: 'INVALID_BASE64',
      CRYPT_E_NOT_FOUND: 'NO_PRIVATE_KEY',
      CRYPT_E_NO_KEY_PROPERTY: 'NO_PRIVATE_KEY',
      CERT_E_EXPIRED: 'CERTIFICATE_EXPIRED',
      CERT_E_UNTRUSTEDROOT: 'UNTRUSTED_ROOT',
      CERT_E_CHAINING: 'CHAIN_NOT_BUILT',
      SCARD_W_CHV_BLOCKED: 'PIN_BLOCKED',
      SCARD_W_CANCELLED_BY_USER: 'USER_CANCELLED',
      // A token refusing to cache the PIN: only cachePin() meets it, and it turns it into `false`.
      SCARD_E_UNSUPPORTED_FEATURE: 'PLUGIN_ERROR',
      ERROR_CANCELLED_WIN32: 'USER_CANCELLED',
      SCARD_W_REMOVED_CARD: 'TOKEN_NOT_INSERTED',
    };
    for (const [name, hresult] of Object.entries(HRESULT) as [keyof typeof HRESULT, number][]) {
      const mapped = mapPluginError(pluginError(hresult));
      expect([name, mapped.code]).toEqual([name, expected[name]]);
      expect(mapped.hresult).toBe(hresult);
      expect(mapped.userMessage('ru')).toBe(pluginMessages.ru[expected[name]]);
      expect(mapped.userMessage('en')).toBe(pluginMessages.en[expected[name]]);
    }
  });
});

describe('loading against the emulator on window.cadesplugin', () => {
  it("uses the page's window.cadesplugin without being given the plug-in", async () => {
    install();
    const adapter = createCryptoProAdapter();
    const list = await adapter.listCertificates(); // loads implicitly
    expect(list.length).toBe(3);
    expect(adapter.plugin).toBe(window.cadesplugin);
  });

  it("'plugin-missing': no extension at any id → reason 'no-extension' at once, both ids tried in order", async () => {
    const mock = install({ scenario: 'plugin-missing', loadTimeoutMs: 10_000 });
    const error = await failure(createCryptoProAdapter({ loadTimeoutMs: 5_000 }).load());
    expect(error).toBeInstanceOf(PluginNotInstalledError);
    expect((error as PluginNotInstalledError).reason).toBe('no-extension');
    expect(mock.extension.scriptRequests).toEqual([
      'chrome-extension://iifchhfnnmpdbibifmljnfjhpififfog/nmcades_plugin_api.js',
      'chrome-extension://pfhgbfnnjiafkhfdkmpiflachepdcjod/nmcades_plugin_api.js',
    ]);
    expect(error.userMessage('ru')).toContain('https://www.cryptopro.ru/products/cades/plugin');
    expect(error.userMessage('en')).toMatch(/missing, disabled or too old/);
  });

  it("'extension-silent': the extension never answers the echo → the loader's timeout, its words kept", async () => {
    install({ scenario: 'extension-silent', loadTimeoutMs: 20 });
    const error = await failure(createCryptoProAdapter({ loadTimeoutMs: 2_000 }).load());
    expect((error as PluginNotInstalledError).reason).toBe('timeout');
    expect(error.originalMessage).toBe('Истекло время ожидания загрузки плагина');
  });

  it("our adapter's own deadline answers first when it is shorter than the loader's", async () => {
    install({ scenario: 'extension-silent', loadTimeoutMs: 10_000 });
    const error = await failure(createCryptoProAdapter({ loadTimeoutMs: 30 }).load());
    expect((error as PluginNotInstalledError).reason).toBe('timeout');
  });

  it("'extension-no-host' fails, and after the user fixes it a second load() succeeds without a reload", async () => {
    const broken = install({ scenario: 'extension-no-host' });
    const adapter = createCryptoProAdapter({ loadTimeoutMs: 1_000 });
    const error = await failure(adapter.listCertificates());
    expect(error).toBeInstanceOf(PluginNotInstalledError);
    expect((error as PluginNotInstalledError).reason).toBe('no-host');
    expect(error.originalMessage).toBe('Плагин недоступен');

    // The extension was enabled: it puts a working plug-in object on the page.
    broken.uninstall();
    install();
    await adapter.load();
    expect(await adapter.listCertificates()).toHaveLength(3);
  });
});
