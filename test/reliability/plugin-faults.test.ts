// @vitest-environment happy-dom
/**
 * Every way CryptoPro's plug-in fails (each HRESULT in DESIGN.md, the plug-in absent, the extension without its
 * native host, an outdated plug-in): the adapter ends in the right typed error with a sentence in Russian and in
 * English, and the widget shows it without sending anything to the proxy but its first read of the application.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  CertificateExpiredError,
  ChainNotBuiltError,
  createCryptoProAdapter,
  CryptoProError,
  CspAlgorithmError,
  InvalidBase64Error,
  InvalidParameterError,
  LicenceExpiredError,
  NoPrivateKeyError,
  PinBlockedError,
  PluginNotInstalledError,
  TokenNotInsertedError,
  UntrustedRootError,
  UserCancelledError,
} from '../../src/plugin/index.js';
// The sentences are their own import (`ofd-signer/plugin/messages`); importing it installs them.
import '../../src/plugin/messages.js';
import type { CadesPluginGlobal } from '../../src/plugin/cadesplugin-types.js';
import { createDemoCertificates, hresultHex, installCadesPluginMock, pluginError, type CadesPluginMock } from '../../src/testing/index.js';
import { createSigningWorld, type SigningWorld } from '../widget/signing-world.js';

type ErrorClass = abstract new (...args: never[]) => CryptoProError;

/** DESIGN.md, "Errors users meet": HRESULT → what the user must be told. */
const DESIGN_TABLE: [number, string, ErrorClass][] = [
  [0x8010006e, 'USER_CANCELLED', UserCancelledError],
  [0x800704c7, 'USER_CANCELLED', UserCancelledError],
  [0x8010006c, 'PIN_BLOCKED', PinBlockedError],
  [0x80090016, 'NO_PRIVATE_KEY', NoPrivateKeyError],
  [0x8009000d, 'NO_PRIVATE_KEY', NoPrivateKeyError],
  [0x80092004, 'NO_PRIVATE_KEY', NoPrivateKeyError],
  [0x8009200b, 'NO_PRIVATE_KEY', NoPrivateKeyError],
  [0x8000ffff, 'TOKEN_NOT_INSERTED', TokenNotInsertedError],
  [0x800b010a, 'CHAIN_NOT_BUILT', ChainNotBuiltError],
  [0x800b0109, 'UNTRUSTED_ROOT', UntrustedRootError],
  [0x800b0101, 'CERTIFICATE_EXPIRED', CertificateExpiredError],
  [0x80090008, 'CSP_ALGORITHM', CspAlgorithmError],
  [0x80090017, 'CSP_ALGORITHM', CspAlgorithmError],
  [0x80090019, 'CSP_ALGORITHM', CspAlgorithmError],
  [0x8007065b, 'LICENCE_EXPIRED', LicenceExpiredError],
  [0x80070057, 'INVALID_PARAMETER', InvalidParameterError],
  [0x80092002, 'INVALID_BASE64', InvalidBase64Error],
];

const table: string[] = [];
afterAll(() => console.log(`[reliability] plug-in faults: ${table.length} cases\n  ${table.join('\n  ')}`));

/** Makes the plug-in's SignCades fail with `hresult`, the way the real one rejects (message ending "(0x…)"). */
function failSigningWith(plugin: CadesPluginGlobal, hresult: number): void {
  const create = plugin.CreateObjectAsync.bind(plugin);
  (plugin as { CreateObjectAsync: unknown }).CreateObjectAsync = async (name: string) => {
    const object = await create(name as never);
    if (name === 'CAdESCOM.CadesSignedData') {
      (object as { SignCades: unknown }).SignCades = () => Promise.reject(pluginError(hresult));
    }
    return object;
  };
}

function expectBilingual(error: CryptoProError) {
  const ru = error.userMessage('ru');
  const en = error.userMessage('en');
  expect(ru).toMatch(/[а-яё]{3}/i);
  expect(en).toMatch(/[a-z]{3}/i);
  expect(en).not.toMatch(/[а-яё]/i);
  expect(ru).not.toBe(en);
  return { ru, en };
}

let mock: CadesPluginMock | undefined;
let world: SigningWorld | undefined;
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
  world?.dispose();
  world = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

describe('the adapter: each HRESULT ends in its typed error', () => {
  for (const [hresult, code, ErrorType] of DESIGN_TABLE) {
    it(`${hresultHex(hresult)} → ${code}`, async () => {
      mock = installCadesPluginMock({ window });
      failSigningWith(mock.plugin, hresult);
      const adapter = createCryptoProAdapter({ plugin: mock.plugin });
      const error = await adapter
        .sign('PD94bWwgdmVyc2lvbj0iMS4wIj8+', { thumbprint: createDemoCertificates().director.thumbprint })
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorType);
      expect((error as CryptoProError).code).toBe(code);
      expect((error as CryptoProError).hresult).toBe(hresult);
      const { en } = expectBilingual(error as CryptoProError);
      table.push(`${hresultHex(hresult)} → ${code}: «${en}»`);
    });
  }
});

describe('the plug-in cannot be reached, or is too old', () => {
  it('plug-in absent (no extension at any id) → PluginNotInstalledError', async () => {
    mock = installCadesPluginMock({ window, scenario: 'plugin-missing', loadTimeoutMs: 20 });
    const adapter = createCryptoProAdapter({ plugin: mock.plugin, loadTimeoutMs: 200 });
    const error = await adapter.load().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PluginNotInstalledError);
    // Every extension id failed to load: the same install advice as a timeout or a missing native host.
    expect((error as PluginNotInstalledError).reason).toBe('no-extension');
    table.push(`plug-in absent → PLUGIN_NOT_INSTALLED (${(error as PluginNotInstalledError).reason}): «${expectBilingual(error as CryptoProError).en}»`);
  });

  it('a loader that never answers → PluginNotInstalledError "timeout" after the adapter\'s own deadline', async () => {
    mock = installCadesPluginMock({ window });
    const silent = Object.assign(new Promise<void>(() => undefined), mock.plugin) as unknown as CadesPluginGlobal;
    const adapter = createCryptoProAdapter({ plugin: silent, loadTimeoutMs: 50 });
    const error = await adapter.load().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PluginNotInstalledError);
    expect((error as PluginNotInstalledError).reason).toBe('timeout');
    expectBilingual(error as CryptoProError);
  });

  it('extension present, native host missing → PluginNotInstalledError "no-host"', async () => {
    mock = installCadesPluginMock({ window, scenario: 'extension-no-host' });
    const adapter = createCryptoProAdapter({ plugin: mock.plugin, loadTimeoutMs: 200 });
    const error = await adapter.load().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PluginNotInstalledError);
    expect((error as PluginNotInstalledError).reason).toBe('no-host');
    table.push(`extension without host → PLUGIN_NOT_INSTALLED (no-host): «${expectBilingual(error as CryptoProError).en}»`);
  });

  it('outdated plug-in → reported as outdated; a call it rejects (E_INVALIDARG) ends in InvalidParameterError', async () => {
    mock = installCadesPluginMock({ window, scenario: 'outdated-plugin' });
    const adapter = createCryptoProAdapter({ plugin: mock.plugin });
    await adapter.load();
    const about = await adapter.about();
    expect(about.outdated).toBe(true);
    expect(about.warnings.length).toBeGreaterThan(0);
    failSigningWith(mock.plugin, 0x80070057);
    const error = await adapter
      .sign('PD94bWwg', { thumbprint: createDemoCertificates().director.thumbprint })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    const { en } = expectBilingual(error as CryptoProError);
    expect(en).toContain('https://www.cryptopro.ru/');
    table.push(`outdated plug-in (${about.pluginVersion}) → outdated warning; E_INVALIDARG → INVALID_PARAMETER: «${en}»`);
  });
});

describe('the widget: the fault is shown and nothing reaches the proxy', () => {
  for (const [hresult, code] of DESIGN_TABLE) {
    it(`${hresultHex(hresult)} during signing: ${code} shown, no sign sent`, async () => {
      const proxied: string[] = [];
      world = createSigningWorld({
        wrapClient: (client) => ({
          ...client,
          sign(id, documentId, signature) {
            proxied.push(documentId);
            return client.sign(id, documentId, signature);
          },
        }),
      });
      failSigningWith(world.plugin.plugin, hresult);
      const signer = world.harness;
      await signer.chooseCertificate('Романова');
      await signer.signAll();
      const step = await signer.waitForStep('error', 'review');
      expect(proxied).toEqual([]);
      expect(world.signCalls()).toBe(0);
      // A cancelled PIN goes quietly back to the review; everything else says what to do.
      if (code === 'USER_CANCELLED') expect(step).toBe('review');
      else expect(signer.text()).toMatch(/[а-яё]{3}/i);
    });
  }

  for (const scenario of ['plugin-missing', 'extension-no-host'] as const) {
    it(`${scenario}: the plug-in step explains, nothing but the first read reaches the proxy`, async () => {
      const requests: string[] = [];
      world = createSigningWorld({
        plugin: { scenario, loadTimeoutMs: 20 },
        wrapClient: (client) =>
          new Proxy(client, {
            get(target, key, receiver) {
              const value = Reflect.get(target, key, receiver);
              return typeof value === 'function' ? (...args: unknown[]) => (requests.push(String(key)), value.apply(target, args)) : value;
            },
          }),
      });
      await world.harness.waitFor(() => world!.harness.eventsOf('ofd-error').length > 0, 'the plug-in problem');
      expect(world.harness.step).toBe('plugin');
      expect(world.harness.eventsOf('ofd-error')[0]!.detail.code).toBe('PLUGIN_NOT_INSTALLED');
      expect(world.harness.links().map((l) => l.href)).toContain('https://www.cryptopro.ru/products/cades/plugin');
      expect(world.signCalls()).toBe(0);
      // The application is read first (issue 12/14: a bad ticket is said before any plug-in step); nothing else.
      expect(requests).toEqual(['getApplication']);
    });
  }
});
