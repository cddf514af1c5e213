/**
 * Our loader for CryptoPro's browser extension, written from the documented behaviour of CryptoPro's own loaders
 * (`cadesplugin_api.js` 2.0.2 in the npm `cadesplugin-api` package, 2.4.1 in the ruscryptojs 2.8.1 package; see
 * docs/plugin.md "Loading"), not from their code. It sets up `window.cadesplugin` with the same names and values
 * (a Promise carrying the constants and functions), so other code on the page keeps working, and tells the adapter
 * precisely why loading failed.
 *
 * The page-side protocol of the extension, as the loaders use it:
 * 1. Chromium browsers: a `<script>` for `chrome-extension://<id>/nmcades_plugin_api.js` is added to the page. The
 *    browser fails it at once when no extension with that id is installed (or it is disabled); loaders ≥ 2.4 try the
 *    ids one after another (2.0.2 tried the two old ones in parallel).
 * 2. Once it has run, the page posts `"cadesplugin_echo_request"`; the extension's content script answers with a
 *    message starting `"cadesplugin_loaded"`.
 * 3. The page calls `cpcsp_chrome_nmcades.check_chrome_plugin(ok, error)` (defined by the extension's script); the
 *    extension asks its native host and hands the plug-in object to `cadesplugin.set(...)` before `ok()`, or calls
 *    `error(message)` when the native host (the plug-in itself) is missing.
 * Firefox (loaders ≥ 2.3): no fixed id — the page posts the echo request first and the answer is
 * `"cadesplugin_loaded" … "url:moz-extension://<uuid>/nmcades_plugin_api.js"`; that script is loaded, then step 3.
 */
import type { CadesPluginGlobal } from './cadesplugin-types.js';
import { browserFamily, DEFAULT_EXTENSION_ORDER, extensionScriptUrl, LOAD_FAILURE_KEY, type BrowserFamily } from './extension-ids.js';
import { LOADER_CONSTANTS } from './loader-constants.js';

/** Why loading failed, as the adapter reports it. */
export type ExtensionLoadFailure = 'no-extension' | 'no-host' | 'csp-blocked' | 'timeout';

export type ExtensionLoadOutcome =
  | { ok: true; extensionUrl: string; tried: string[] }
  | { ok: false; reason: ExtensionLoadFailure; message: string; tried: string[] };

export interface ExtensionLoaderOptions {
  /** Ids to try per browser family (defaults: DEFAULT_EXTENSION_ORDER). */
  extensionIds?: Partial<Record<BrowserFamily, readonly string[]>> | undefined;
  /** When to give up waiting for an answer (the Firefox handshake, a silent extension). */
  timeoutMs: number;
}

export interface InstalledLoader {
  /** The `window.cadesplugin` set up (a Promise with the loader's API). */
  plugin: CadesPluginGlobal;
  /** How loading ended; never rejects. */
  outcome: Promise<ExtensionLoadOutcome>;
}

/** Texts CryptoPro's loaders reject `window.cadesplugin` with (strings, not Errors). */
const LOADER_REJECTION = { unavailable: 'Плагин недоступен', timeout: 'Истекло время ожидания загрузки плагина' } as const;

const ECHO_REQUEST = 'cadesplugin_echo_request';
const LOADED_PREFIX = 'cadesplugin_loaded';
const FIREFOX_URL = /^(moz|safari)-extension:\/\/[a-zA-Z0-9/_-]+\/nmcades_plugin_api\.js$/;

/** Version of the loader protocol ours follows (2.4.1's); `ofd_signer_loader` tells our loader apart. */
export const OUR_LOADER_VERSION = '2.4.1';

interface ExtensionPageApi {
  check_chrome_plugin(ok: () => void, error: (message?: unknown) => void): void;
  ReleasePluginObjects?(): unknown;
}
interface PluginObject {
  CreateObjectAsync(name: string): Promise<unknown>;
}
type LoaderWindow = Window & { cpcsp_chrome_nmcades?: ExtensionPageApi; cadesplugin?: CadesPluginGlobal };

/**
 * Sets up `window.cadesplugin` and starts looking for the extension. Call it only when the page has no
 * `window.cadesplugin` (a loader the page already has owns it).
 */
export function installExtensionLoader(win: Window, options: ExtensionLoaderOptions): InstalledLoader {
  const host = win as LoaderWindow;
  let resolveLoaded!: () => void;
  let rejectLoaded!: (message: string) => void;
  const loaded = new Promise<void>((resolve, reject) => {
    resolveLoaded = resolve;
    rejectLoaded = reject;
  });
  // Like CryptoPro's loader promise it may reject with nobody listening.
  loaded.catch(() => undefined);

  let pluginObject: PluginObject | undefined;
  let logLevel: number = LOADER_CONSTANTS.LOG_LEVEL_ERROR;
  const api = {
    ...LOADER_CONSTANTS,
    JSModuleVersion: OUR_LOADER_VERSION,
    ofd_signer_loader: true,
    set(object: PluginObject) {
      pluginObject = object;
    },
    CreateObjectAsync(name: string) {
      // As in CryptoPro's loaders: forwarded to the object the extension handed over (a TypeError before that).
      return (pluginObject as PluginObject).CreateObjectAsync(name);
    },
    ReleasePluginObjects() {
      return host.cpcsp_chrome_nmcades?.ReleasePluginObjects?.();
    },
    async_spawn: asyncSpawn,
    set_log_level(level: number) {
      if (level !== LOADER_CONSTANTS.LOG_LEVEL_DEBUG && level !== LOADER_CONSTANTS.LOG_LEVEL_INFO && level !== LOADER_CONSTANTS.LOG_LEVEL_ERROR) {
        return; // loaders ignore (and log) any other level
      }
      logLevel = level;
      const name = level === LOADER_CONSTANTS.LOG_LEVEL_DEBUG ? 'debug' : level === LOADER_CONSTANTS.LOG_LEVEL_INFO ? 'info' : 'error';
      win.postMessage(`set_log_level=${name}`, '*');
    },
    getLastError: messageOfException,
  };
  const plugin = Object.assign(loaded, api) as unknown as CadesPluginGlobal;
  Object.defineProperty(plugin, 'current_log_level', { get: () => logLevel, enumerable: true, configurable: true });
  host.cadesplugin = plugin;

  const outcome = find(host, options).catch((error: unknown): ExtensionLoadOutcome => {
    return { ok: false, reason: 'no-extension', message: messageOfException(error), tried: [] };
  });
  void outcome.then((result) => {
    // Kept on the global (not enumerable) so an adapter that finds this loader already on the page still knows why.
    if (!result.ok) Object.defineProperty(plugin, LOAD_FAILURE_KEY, { value: result, configurable: true });
    if (result.ok) resolveLoaded();
    else rejectLoaded(result.reason === 'timeout' ? LOADER_REJECTION.timeout : result.reason === 'no-host' ? result.message : LOADER_REJECTION.unavailable);
  });
  return { plugin, outcome };
}

async function find(win: LoaderWindow, options: ExtensionLoaderOptions): Promise<ExtensionLoadOutcome> {
  // Set up before the document has a <head> (an early script, a test's init script): wait for it.
  if (!win.document.head && win.document.readyState === 'loading') {
    await new Promise<void>((resolve) => win.document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
  }
  const family = browserFamily(win.navigator?.userAgent ?? '');
  const tried: string[] = [];
  const deadline = timer(options.timeoutMs);
  try {
    let scriptUrl: string | undefined;
    let blockedByCsp = false;
    if (family === 'firefox' || family === 'safari') {
      const answer = await Promise.race([echo(win), deadline.expired]);
      if (answer === undefined) return { ok: false, reason: 'timeout', message: 'no extension answered the echo request', tried };
      const url = answer.slice(answer.indexOf('url:') + 4);
      if (!FIREFOX_URL.test(url)) return { ok: false, reason: 'no-extension', message: `bad extension url "${url}"`, tried };
      tried.push(url);
      const loaded = await Promise.race([loadScript(win, url), deadline.expired.then(() => 'timeout' as const)]);
      if (loaded !== 'loaded') return failure(loaded === 'failed' ? 'no-extension' : loaded, tried);
      scriptUrl = url;
    } else {
      const ids = options.extensionIds?.[family] ?? DEFAULT_EXTENSION_ORDER[family];
      for (const id of ids) {
        const url = extensionScriptUrl(id);
        tried.push(url);
        const loaded = await Promise.race([loadScript(win, url), deadline.expired.then(() => 'timeout' as const)]);
        if (loaded === 'timeout') return failure('timeout', tried);
        if (loaded === 'loaded') {
          scriptUrl = url;
          break;
        }
        if (loaded === 'csp-blocked') blockedByCsp = true;
      }
      if (!scriptUrl) return failure(blockedByCsp ? 'csp-blocked' : 'no-extension', tried);
      const answer = await Promise.race([echo(win), deadline.expired]);
      if (answer === undefined) return failure('timeout', tried);
    }
    const extension = win.cpcsp_chrome_nmcades;
    if (!extension) return { ok: false, reason: 'no-extension', message: `${scriptUrl} did not define cpcsp_chrome_nmcades`, tried };
    const checked = await Promise.race([checkPlugin(extension), deadline.expired.then(() => ({ ok: false, message: 'timeout' }) as const)]);
    if (checked.ok) return { ok: true, extensionUrl: scriptUrl, tried };
    if (checked.message === 'timeout') return failure('timeout', tried);
    return { ok: false, reason: 'no-host', message: checked.message, tried };
  } finally {
    deadline.cancel();
  }
}

function failure(reason: ExtensionLoadFailure, tried: string[]): ExtensionLoadOutcome {
  const messages: Record<ExtensionLoadFailure, string> = {
    'no-extension': `no CryptoPro extension answered at ${tried.join(', ') || 'any id'}`,
    'csp-blocked': `the page's Content-Security-Policy blocked ${tried.join(', ')}`,
    timeout: 'the CryptoPro extension did not answer in time',
    'no-host': 'the CryptoPro extension has no plug-in behind it',
  };
  return { ok: false, reason, message: messages[reason], tried };
}

function timer(ms: number): { expired: Promise<undefined>; cancel(): void } {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<undefined>((resolve) => {
    handle = setTimeout(() => resolve(undefined), ms);
  });
  return { expired, cancel: () => clearTimeout(handle) };
}

/** Adds the extension's script; tells whether it ran, failed, or was refused by the page's CSP. */
function loadScript(win: Window, url: string): Promise<'loaded' | 'failed' | 'csp-blocked'> {
  return new Promise((resolve) => {
    const doc = win.document;
    const script = doc.createElement('script');
    let blocked = false;
    const onViolation = (event: Event): void => {
      const { blockedURI } = event as SecurityPolicyViolationEvent;
      if (blockedURI && url.startsWith(blockedURI)) blocked = true;
    };
    const done = (result: 'loaded' | 'failed'): void => {
      doc.removeEventListener('securitypolicyviolation', onViolation);
      // The violation event is dispatched asynchronously; give it a turn to arrive before the error is judged.
      if (result === 'failed') setTimeout(() => resolve(blocked ? 'csp-blocked' : 'failed'), 0);
      else resolve(result);
    };
    doc.addEventListener('securitypolicyviolation', onViolation);
    script.src = url;
    script.onload = () => done('loaded');
    script.onerror = () => done('failed');
    (doc.head ?? doc.documentElement).appendChild(script);
  });
}

/** Posts the echo request and resolves with the extension's `cadesplugin_loaded…` answer. */
function echo(win: Window): Promise<string> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent): void => {
      if (typeof event.data !== 'string' || !event.data.startsWith(LOADED_PREFIX)) return;
      win.removeEventListener('message', listener);
      resolve(event.data);
    };
    win.addEventListener('message', listener);
    win.postMessage(ECHO_REQUEST, '*');
  });
}

function checkPlugin(extension: ExtensionPageApi): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    try {
      extension.check_chrome_plugin(
        () => resolve({ ok: true }),
        (message?: unknown) => resolve({ ok: false, message: typeof message === 'string' ? message : LOADER_REJECTION.unavailable }),
      );
    } catch (error) {
      resolve({ ok: false, message: messageOfException(error) });
    }
  });
}

/**
 * `cadesplugin.async_spawn` as CryptoPro's loaders define it: the generator gets the extra arguments as one array;
 * a generator that finishes at its first step gives back its value itself, not a Promise.
 */
function asyncSpawn(generatorFunction: (args: unknown[]) => Generator<unknown, unknown, unknown>, ...args: unknown[]): unknown {
  const generator = generatorFunction(args);
  const step = (verb: 'next' | 'throw', value?: unknown): unknown => {
    let result: IteratorResult<unknown, unknown>;
    try {
      result = verb === 'next' ? generator.next(value) : generator.throw(value);
    } catch (error) {
      return Promise.reject(error);
    }
    if (result.done) return result.value;
    return Promise.resolve(result.value).then(
      (v) => step('next', v),
      (e: unknown) => step('throw', e),
    );
  };
  return step('next');
}

/** `cadesplugin.getLastError(e)` of the async loaders: the message, with the COM `number` as hex when present. */
function messageOfException(exception: unknown): string {
  const { message, number } = (exception ?? {}) as { message?: unknown; number?: unknown };
  if (!message) return String(exception);
  if (typeof number === 'number' && number !== 0) return `${String(message)} (0x${(number >>> 0).toString(16).toUpperCase()})`;
  return String(message);
}
