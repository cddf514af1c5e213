import { describe, expect, it } from 'vitest';
import { createCryptoProAdapter, PluginNotInstalledError } from '../../src/plugin/index.js';

// Runs CryptoPro's real npm loader (cadesplugin-api, loader 2.0.2) in happy-dom. It defines window.cadesplugin for
// the rest of this file's environment, so it has a file of its own.
describe('load() falling back to the npm cadesplugin-api loader', () => {
  it('imports it only when needed, and a silent plug-in becomes PluginNotInstalledError(timeout)', async () => {
    expect(window.cadesplugin).toBeUndefined();
    const adapter = createCryptoProAdapter({ loadTimeoutMs: 50 });
    expect(window.cadesplugin).toBeUndefined(); // creating the adapter loads nothing
    const error = await adapter.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PluginNotInstalledError);
    expect((error as PluginNotInstalledError).reason).toBe('timeout');
    expect(window.cadesplugin?.JSModuleVersion).toBe('2.0.2');
    // The loader's own give-up timer was pushed out so that a later "check again" can still succeed.
    expect(window.cadesplugin_load_timeout).toBeGreaterThanOrEqual(60_000);
  });
});
