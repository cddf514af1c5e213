import type { CadesPluginGlobal } from '../../src/plugin/cadesplugin-types.js';

/**
 * A bare plug-in global for loader tests: only the thenable and CreateObjectAsync matter there.
 * Everything about certificates and signing is tested against the real emulator (src/testing).
 */
export interface FakePlugin {
  plugin: CadesPluginGlobal;
  resolve(): void;
  reject(reason: unknown): void;
}

export function fakePlugin(options: { asyncApi?: boolean } = {}): FakePlugin {
  let resolve!: () => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  promise.catch(() => undefined);
  const extra = options.asyncApi === false ? {} : { CreateObjectAsync: () => Promise.reject(new Error('not in loader tests')) };
  const plugin = Object.assign(promise, { JSModuleVersion: '2.4.0' }, extra) as unknown as CadesPluginGlobal;
  return { plugin, resolve, reject };
}
