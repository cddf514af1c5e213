import { afterAll, describe, expect, it } from 'vitest';
import { createCryptoProAdapter, PluginNotInstalledError } from '../../src/plugin/index.js';
import { installCadesPluginMock } from '../../src/testing/index.js';
import { USER_AGENTS, useUserAgent } from '../helpers/user-agents.js';

// CryptoPro's npm loader (cadesplugin-api, JSModuleVersion 2.0.2) runs unmodified on top of the emulated extension.
// It defines window.cadesplugin once per page, so it has a file of its own (npm-loader-old-id.test.ts for the other
// half). What it does here is issue 16's first finding: with only today's (MV3) extension installed, it never looks
// at the MV3 id and tells a user who has the plug-in that it is unavailable.
const restoreUserAgent = useUserAgent(USER_AGENTS.chrome); // 2.0.2 takes the extension path only in Chromium
const mock = installCadesPluginMock({ loader: 'none' }); // the MV3 extension, no loader of ours on top
afterAll(() => {
  mock.uninstall();
  restoreUserAgent();
});

describe('the npm cadesplugin-api loader 2.0.2 (legacyNpmLoader) with the Manifest V3 extension installed', () => {
  it('is imported only when needed, tries only the two old ids, and fails: "Плагин недоступен"', async () => {
    expect(window.cadesplugin).toBeUndefined();
    const adapter = createCryptoProAdapter({ legacyNpmLoader: true, loadTimeoutMs: 5_000 });
    expect(window.cadesplugin).toBeUndefined(); // creating the adapter loads nothing
    const error = await adapter.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PluginNotInstalledError);
    expect((error as PluginNotInstalledError).reason).toBe('no-host');
    expect((error as PluginNotInstalledError).originalMessage).toBe('Плагин недоступен');
    expect(window.cadesplugin?.JSModuleVersion).toBe('2.0.2');
    // In parallel, both old ids; never the MV3 one the user has.
    expect([...mock.extension.scriptRequests].sort()).toEqual([
      'chrome-extension://epebfcehmdedogndhlcacafjaacknbcm/nmcades_plugin_api.js',
      'chrome-extension://iifchhfnnmpdbibifmljnfjhpififfog/nmcades_plugin_api.js',
    ]);
    // The loader's own give-up timer was pushed out so that a later "check again" can still succeed.
    expect(window.cadesplugin_load_timeout).toBeGreaterThanOrEqual(60_000);
  });
});
