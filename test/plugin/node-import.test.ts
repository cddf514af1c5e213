// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('importing ofd-signer/plugin outside a browser', () => {
  it('touches no window and loads no CryptoPro loader; load() then fails politely', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const module = await import('../../src/plugin/index.js');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const adapter = module.createCryptoProAdapter({ loadTimeoutMs: 50 });
    const error = await adapter.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(module.PluginNotInstalledError);
    expect((error as InstanceType<typeof module.PluginNotInstalledError>).reason).toBe('no-host');
  });
});
