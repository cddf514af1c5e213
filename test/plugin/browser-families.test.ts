import { afterEach, describe, expect, it } from 'vitest';
import { createCryptoProAdapter, EXTENSION_IDS, PluginNotInstalledError } from '../../src/plugin/index.js';
// The sentences are their own import (`ofd-signer/plugin/messages`); importing it installs them.
import '../../src/plugin/messages.js';
import { installCadesPluginMock, type CadesPluginMock } from '../../src/testing/index.js';
import { USER_AGENTS, useUserAgent, type UserAgentFamily } from '../helpers/user-agents.js';

// Our loader per browser family, on the emulated extension: which ids it tries, in which order, and that today's
// Manifest V3 extension (or Firefox's, through the echo handshake) is found. The order is CryptoPro's loader 2.4.1's
// (docs/plugin.md "Loading"), except Opera, where we go on past the Opera catalogue id.
const url = (id: string) => `chrome-extension://${id}/nmcades_plugin_api.js`;
const OLD = url(EXTENSION_IDS.chromeStore);
const OPERA = url(EXTENSION_IDS.operaCatalogue);
const MV3 = url(EXTENSION_IDS.manifestV3);

let mock: CadesPluginMock | undefined;
let restore: (() => void) | undefined;
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
  restore?.();
  restore = undefined;
  delete window.cadesplugin;
});

/** The page has no loader: the adapter brings ours, lazily, on its first need. */
async function loadOn(family: UserAgentFamily, options: Parameters<typeof installCadesPluginMock>[0] = {}) {
  restore = useUserAgent(USER_AGENTS[family]);
  mock = installCadesPluginMock({ loader: 'none', ...options });
  const adapter = createCryptoProAdapter({ loadTimeoutMs: 2_000 });
  expect(window.cadesplugin).toBeUndefined();
  const error = await adapter.load().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { adapter, error, requests: mock.extension.scriptRequests };
}

describe('our loader finds the Manifest V3 extension in every browser family', () => {
  const cases: [UserAgentFamily, string[]][] = [
    ['chrome', [OLD, MV3]],
    ['edge', [OLD, MV3]],
    ['yandex', [OPERA, OLD, MV3]],
    ['opera', [OPERA, OLD, MV3]],
  ];
  for (const [family, order] of cases) {
    it(`${family}: tries ${order.length} ids one after another and finds the MV3 id`, async () => {
      const { adapter, error, requests } = await loadOn(family);
      expect(error).toBeUndefined();
      expect(requests).toEqual(order);
      expect(window.cadesplugin?.JSModuleVersion).toBe('2.4.1');
      expect(await adapter.listCertificates()).toHaveLength(3);
    });
  }

  it('chrome: stops at the old id when that is where the extension is', async () => {
    const { error, requests } = await loadOn('chrome', { extensionId: EXTENSION_IDS.chromeStore });
    expect(error).toBeUndefined();
    expect(requests).toEqual([OLD]);
  });

  it('firefox: no fixed id — the echo is answered with the moz-extension:// URL, which is loaded', async () => {
    const { adapter, error, requests } = await loadOn('firefox');
    expect(error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/^moz-extension:\/\/[0-9a-f-]+\/nmcades_plugin_api\.js$/);
    expect(await adapter.listCertificates()).toHaveLength(3);
  });

  it('firefox without the extension: nobody answers the echo → timeout', async () => {
    const { error, requests } = await loadOn('firefox', { scenario: 'plugin-missing' });
    expect((error as PluginNotInstalledError).reason).toBe('timeout');
    expect(requests).toEqual([]);
  });

  it('ids are configurable per family', async () => {
    restore = useUserAgent(USER_AGENTS.edge);
    mock = installCadesPluginMock({ loader: 'none' });
    const adapter = createCryptoProAdapter({ extensionIds: { edge: [EXTENSION_IDS.manifestV3] } });
    await adapter.load();
    expect(mock.extension.scriptRequests).toEqual([MV3]);
  });
});

describe('distinct failures', () => {
  it('no extension at any id → no-extension, after trying each', async () => {
    const { error, requests } = await loadOn('chrome', { scenario: 'plugin-missing' });
    expect((error as PluginNotInstalledError).reason).toBe('no-extension');
    expect(requests).toEqual([OLD, MV3]);
  });

  it('the extension without the plug-in (no native host) → no-host', async () => {
    const { error } = await loadOn('chrome', { scenario: 'extension-no-host' });
    expect((error as PluginNotInstalledError).reason).toBe('no-host');
  });

  it('an extension that never answers → timeout', async () => {
    restore = useUserAgent(USER_AGENTS.chrome);
    mock = installCadesPluginMock({ loader: 'none', scenario: 'extension-silent' });
    const error = await createCryptoProAdapter({ loadTimeoutMs: 50 })
      .load()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as PluginNotInstalledError).reason).toBe('timeout');
  });

  it("firefox, the page's CSP refusing the moz-extension: script → csp-blocked, with a sentence for the site owner", async () => {
    const { error, requests } = await loadOn('firefox', { pageCspBlocksExtensionScript: true });
    expect((error as PluginNotInstalledError).reason).toBe('csp-blocked');
    expect(requests).toHaveLength(1);
    expect((error as PluginNotInstalledError).userMessage('en')).toMatch(/Content-Security-Policy/);
    expect((error as PluginNotInstalledError).userMessage('ru')).toMatch(/Content-Security-Policy/);
  });

  it('a second load() after the user installed the extension succeeds without a reload', async () => {
    const { adapter, error } = await loadOn('chrome', { scenario: 'plugin-missing' });
    expect((error as PluginNotInstalledError).reason).toBe('no-extension');
    mock!.uninstall();
    mock = installCadesPluginMock({ loader: 'none' });
    await adapter.load();
    expect(await adapter.listCertificates()).toHaveLength(3);
  });
});

describe("the page's own loader comes first", () => {
  it('while the document is still loading, waits for DOMContentLoaded and then uses the loader the page set up', async () => {
    restore = useUserAgent(USER_AGENTS.chrome);
    const readyState = Object.getOwnPropertyDescriptor(Document.prototype, 'readyState');
    Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
    try {
      const adapter = createCryptoProAdapter({ loadTimeoutMs: 2_000 });
      const loading = adapter.load();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(window.cadesplugin).toBeUndefined(); // nothing injected yet
      // A loader further down the page runs (here: ours, set up by the page together with the emulated extension).
      mock = installCadesPluginMock();
      const pageLoader = window.cadesplugin;
      delete (document as unknown as { readyState?: string }).readyState;
      document.dispatchEvent(new Event('DOMContentLoaded'));
      await loading;
      expect(adapter.plugin).toBe(pageLoader);
      expect(mock.extension.scriptRequests).toHaveLength(2); // one loader's look-up only: old id, then MV3
    } finally {
      if (readyState && Object.prototype.hasOwnProperty.call(document, 'readyState')) delete (document as unknown as { readyState?: string }).readyState;
    }
  });
});

