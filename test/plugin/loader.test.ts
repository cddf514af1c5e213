import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { createCryptoProAdapter, PluginNotInstalledError } from '../../src/plugin/index.js';
// The sentences are their own import (`ofd-signer/plugin/messages`); importing it installs them.
import '../../src/plugin/messages.js';
import { fakePlugin } from './fake-plugin.js';

const windows: Window[] = [];
function page(url: string): globalThis.Window {
  const win = new Window({ url });
  windows.push(win);
  return win as unknown as globalThis.Window;
}
afterEach(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

async function loadError(promise: Promise<unknown>): Promise<PluginNotInstalledError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PluginNotInstalledError);
  return error as PluginNotInstalledError;
}

describe('load()', () => {
  it('resolves with an injected plug-in and exposes it', async () => {
    const fake = fakePlugin();
    fake.resolve();
    const adapter = createCryptoProAdapter({ plugin: fake.plugin });
    await adapter.load();
    expect(adapter.plugin).toBe(fake.plugin);
  });

  it('times out into PluginNotInstalledError(timeout) naming the download page', async () => {
    const adapter = createCryptoProAdapter({ plugin: fakePlugin().plugin, loadTimeoutMs: 20 });
    const error = await loadError(adapter.load());
    expect(error.reason).toBe('timeout');
    expect(error.code).toBe('PLUGIN_NOT_INSTALLED');
    expect(error.userMessage('ru')).toContain('https://www.cryptopro.ru/products/cades/plugin');
    expect(adapter.plugin).toBeUndefined();
  });

  it('can be called again after a timeout and succeeds once the native host answers (no reload)', async () => {
    const fake = fakePlugin();
    const adapter = createCryptoProAdapter({ plugin: fake.plugin, loadTimeoutMs: 20 });
    await loadError(adapter.load());
    fake.resolve();
    await adapter.load();
    expect(adapter.plugin).toBe(fake.plugin);
  });

  it('reports the loader giving up as no-host with its own words', async () => {
    const fake = fakePlugin();
    fake.reject('Плагин недоступен');
    const error = await loadError(createCryptoProAdapter({ plugin: fake.plugin }).load());
    expect(error.reason).toBe('no-host');
    expect(error.originalMessage).toBe('Плагин недоступен');
  });

  it('rejects a loader without the asynchronous API (old loader in a non-Chromium browser)', async () => {
    const fake = fakePlugin({ asyncApi: false });
    fake.resolve();
    const error = await loadError(createCryptoProAdapter({ plugin: fake.plugin }).load());
    expect(error.reason).toBe('no-host');
    expect(error.originalMessage).toMatch(/CreateObjectAsync/);
  });

  it('shares one attempt between concurrent callers', async () => {
    const fake = fakePlugin();
    const adapter = createCryptoProAdapter({ plugin: fake.plugin });
    const both = Promise.all([adapter.load(), adapter.load()]);
    fake.resolve();
    await both;
    expect(adapter.stats().history.filter((s) => s.operation === 'load')).toHaveLength(2);
  });

  it("uses the page's own window.cadesplugin (a newer official loader) and injects nothing", async () => {
    const win = page('https://partner.example/sign');
    const fake = fakePlugin();
    fake.resolve();
    win.cadesplugin = fake.plugin;
    const adapter = createCryptoProAdapter({ window: win, loaderUrl: 'https://partner.example/cadesplugin_api.js' });
    await adapter.load();
    expect(adapter.plugin).toBe(fake.plugin);
    expect(win.document.querySelectorAll('script')).toHaveLength(0);
  });

  it('refuses at once on a file:// page', async () => {
    const win = page('file:///home/user/sign.html');
    const error = await loadError(createCryptoProAdapter({ window: win, loadTimeoutMs: 5_000 }).load());
    expect(error.reason).toBe('file-protocol');
    expect(error.userMessage('ru')).toContain('file://');
    expect(win.document.querySelectorAll('script')).toHaveLength(0);
  });

  it('refuses at once on a plain http page that is not local', async () => {
    const win = page('http://partner.example/sign');
    const error = await loadError(createCryptoProAdapter({ window: win, loaderUrl: '/x.js' }).load());
    expect(error.reason).toBe('insecure-context');
    expect(error.userMessage('en')).toContain('https://');
  });
});

describe('load() with loaderUrl', () => {
  /**
   * Plays the official loader. happy-dom does not run scripts; with file loading disabled it fires `load` (or
   * `error`) as the tag is connected, so the plug-in global is defined just before, as the real script would.
   */
  function loaderPage(next: () => ReturnType<typeof fakePlugin>, scriptLoads = true) {
    const win = new Window({
      url: 'https://partner.example/sign',
      settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: scriptLoads },
    });
    windows.push(win);
    const page = win as unknown as globalThis.Window;
    const injected: string[] = [];
    const head = page.document.head;
    const append = head.append.bind(head);
    head.append = (...nodes: (string | globalThis.Node)[]) => {
      for (const node of nodes) {
        if (typeof node === 'string' || node.nodeName !== 'SCRIPT') continue;
        injected.push((node as HTMLScriptElement).getAttribute('src') ?? '');
        // Official loaders start with "if (window.cadesplugin) return" — same here.
        if (scriptLoads) page.cadesplugin ??= next().plugin;
      }
      append(...nodes);
    };
    return { page, injected };
  }

  it('injects the partner-served loader and waits for its plug-in', async () => {
    const fake = fakePlugin();
    fake.resolve();
    const { page: win, injected } = loaderPage(() => fake);
    const adapter = createCryptoProAdapter({ window: win, loaderUrl: 'https://partner.example/cadesplugin_api.js' });
    await adapter.load();
    expect(injected).toEqual(['https://partner.example/cadesplugin_api.js']);
    expect(win.document.head.querySelector('script')?.async).toBe(true);
    expect(adapter.plugin).toBe(fake.plugin);
    // Our timeout reports first; the loader's own is pushed out so a retry can still catch a slow host.
    expect(win.cadesplugin_load_timeout).toBeGreaterThanOrEqual(60_000);
  });

  it('reports a loader script that does not load as loader-failed', async () => {
    const { page: win } = loaderPage(() => fakePlugin(), false);
    const error = await loadError(createCryptoProAdapter({ window: win, loaderUrl: '/missing.js' }).load());
    expect(error.reason).toBe('loader-failed');
    expect(error.userMessage('en')).toMatch(/loader script/);
    expect(win.document.querySelectorAll('script')).toHaveLength(0);
  });

  it('after the injected loader gave up, "check again" replaces it with a fresh copy', async () => {
    const first = fakePlugin();
    first.reject('Плагин недоступен');
    const second = fakePlugin();
    second.resolve();
    const queue = [first, second];
    const { page: win, injected } = loaderPage(() => queue.shift()!);
    const adapter = createCryptoProAdapter({ window: win, loaderUrl: '/cadesplugin_api.js' });
    expect((await loadError(adapter.load())).reason).toBe('no-host');
    await adapter.load();
    expect(injected).toHaveLength(2);
    expect(adapter.plugin).toBe(second.plugin);
    expect(win.document.querySelectorAll('script')).toHaveLength(1);
  });
});
