/**
 * Getting hold of `window.cadesplugin`: an injected object, a loader the page already has, the partner's copy of
 * the current official loader (`loaderUrl`), or ours (`extension-loader.ts`, imported lazily on the first need), which
 * reaches today's Manifest V3 extension and Firefox's. The npm `cadesplugin-api` (2.0.2) stays as the legacy path
 * (`legacyNpmLoader`).
 *
 * The plug-in global is a thenable. It is never returned from an async function or passed to `resolve()`:
 * that would adopt it and hand back `undefined`. It travels in a `{ plugin }` box instead.
 */
import type { CadesPluginGlobal } from './cadesplugin-types.js';
import type { BrowserFamily } from './extension-ids.js';
import { LOAD_FAILURE_KEY } from './extension-ids.js';
import { PluginNotInstalledError, type PluginLoadFailureReason } from './errors/plugin-not-installed-error.js';
import { messageOf } from './hresult.js';

export interface PluginBox {
  plugin: CadesPluginGlobal;
}

export interface LoaderOptions {
  plugin?: CadesPluginGlobal | undefined;
  loadTimeoutMs: number;
  loaderUrl?: string | undefined;
  window?: Window | undefined;
  /** Extension ids to try per browser family (our loader only). */
  extensionIds?: Partial<Record<BrowserFamily, readonly string[]>> | undefined;
  /** Use the npm `cadesplugin-api` loader 2.0.2 instead of ours (it cannot reach the MV3 or the Firefox extension). */
  legacyNpmLoader?: boolean | undefined;
}

/**
 * The loader's own give-up timer (20 s by default) rejects its promise for good. Ours reports earlier; pushing the
 * loader's further out keeps its promise pending, so a "check again" click can still catch a slow native host.
 */
const LOADER_PATIENCE_MS = 120_000;

export interface PluginLoader {
  readonly plugin: CadesPluginGlobal | undefined;
  /** Concurrent callers share one attempt; after a failure the next call starts a new one. */
  load(): Promise<PluginBox>;
}

export function pluginLoader(options: LoaderOptions): PluginLoader {
  const timeoutMs = options.loadTimeoutMs;
  let box: PluginBox | undefined;
  let inFlight: Promise<PluginBox> | undefined;
  /** Loaders whose promise gave up for good. */
  const rejected = new WeakSet<object>();
  let injected: { script: HTMLScriptElement; global: CadesPluginGlobal | undefined } | undefined;
  /** The `window.cadesplugin` our loader set up, and whether it failed (then "check again" sets up a fresh one). */
  let ours: { global: CadesPluginGlobal; failed?: boolean } | undefined;

  const waitFor = async (candidate: CadesPluginGlobal, pageProblem?: PluginLoadFailureReason): Promise<PluginBox> => {
    const outcome = await settleWithin(candidate, timeoutMs);
    if (!outcome) throw fail(pageProblem ?? 'timeout', `no answer from the plug-in within ${timeoutMs} ms`);
    if (!outcome.ok) {
      rejected.add(candidate);
      // Our loader, set up by someone else on this page (an emulator, another widget), keeps its precise reason.
      const reason = (candidate as unknown as Record<string, { reason?: PluginLoadFailureReason } | undefined>)[LOAD_FAILURE_KEY]?.reason;
      const { error } = outcome;
      throw fail(pageProblem ?? reason ?? 'no-host', messageOf(error), error);
    }
    if (typeof candidate.CreateObjectAsync !== 'function') {
      // Loader 2.0.2 on a non-Chromium browser takes the NPAPI path, which no current browser has.
      throw fail('no-host', `loader ${candidate.JSModuleVersion ?? '?'} offers no CreateObjectAsync in this browser`);
    }
    return { plugin: candidate };
  };

  const attempt = async (): Promise<PluginBox> => {
    if (options.plugin) return waitFor(options.plugin);
    const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
    if (!win) throw fail('no-host', 'no window: the plug-in only exists in a browser page');
    const pageProblem = problemOfPage(win);

    let candidate = win.cadesplugin;
    // A loader we injected that gave up for good gets replaced by a fresh copy, and so does ours after a failure:
    // "check again" then works without a reload.
    if (candidate && ((injected?.global === candidate && rejected.has(candidate)) || (ours?.global === candidate && ours.failed))) {
      injected?.script.remove();
      delete win.cadesplugin;
      injected = candidate = undefined;
    }
    if (!candidate && pageProblem) throw fail(pageProblem, `page at ${win.location.protocol}`);
    if (!candidate && win.document?.readyState === 'loading') {
      // Never before the page's own loader could run: a page that includes CryptoPro's loader below us owns the global.
      await new Promise((resolve) => win.document.addEventListener('DOMContentLoaded', resolve, { once: true }));
      candidate = win.cadesplugin;
    }
    if (!candidate) {
      win.cadesplugin_load_timeout ??= LOADER_PATIENCE_MS;
      const url = options.loaderUrl;
      if (url) {
        injected = { script: await injectScript(win, url, timeoutMs), global: win.cadesplugin };
      } else if (options.legacyNpmLoader) {
        // Lazy on purpose: the npm loader touches `window` as soon as it runs.
        await import('cadesplugin-api');
      } else {
        // Our loader: lazily imported, and its outcome says precisely why the plug-in could not be reached.
        const { installExtensionLoader } = await import('./extension-loader.js');
        const installed = installExtensionLoader(win, { timeoutMs, extensionIds: options.extensionIds });
        const mine: typeof ours = (ours = { global: installed.plugin });
        const outcome = await installed.outcome;
        if (!outcome.ok) {
          mine.failed = true;
          throw fail(outcome.reason, `${outcome.message} (tried ${outcome.tried.join(', ') || 'no id'})`);
        }
        return { plugin: installed.plugin };
      }
      candidate = win.cadesplugin;
      if (!candidate) throw fail('no-host', `the loader did not define window.cadesplugin${url ? ` (${url})` : ''}`);
    }
    return waitFor(candidate, pageProblem);
  };

  return {
    get plugin() {
      return box?.plugin;
    },
    load() {
      if (box) return Promise.resolve(box);
      return (inFlight ??= attempt()
        .then((loaded) => (box = loaded))
        .finally(() => (inFlight = undefined)));
    },
  };
}

function fail(reason: PluginLoadFailureReason, originalMessage: string, cause?: unknown): PluginNotInstalledError {
  return new PluginNotInstalledError({ reason, originalMessage, cause });
}

/** Conditions under which the extension cannot talk to the page at all, so waiting would only waste the user's time. */
export function problemOfPage(win: Window): PluginLoadFailureReason | undefined {
  const { protocol, hostname } = win.location ?? {};
  if (protocol === 'file:') return 'file-protocol';
  // Where isSecureContext is missing, apply its rule: https, or http on the local machine.
  const secure = win.isSecureContext ?? (protocol !== 'http:' || /^(localhost|127\.0\.0\.1|\[::1\])$|\.localhost$/.test(hostname ?? ''));
  return secure ? undefined : 'insecure-context';
}

type Outcome = { ok: true } | { ok: false; error: unknown } | undefined;

/** How a thenable settled within `ms`; undefined when it did not. */
function settleWithin(thenable: PromiseLike<unknown>, ms: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (outcome: Outcome): void => {
      clearTimeout(timer);
      resolve(outcome);
    };
    try {
      thenable.then(
        () => done({ ok: true }),
        (error: unknown) => done({ ok: false, error }),
      );
    } catch (error) {
      done({ ok: false, error });
    }
  });
}

function injectScript(win: Window, url: string, timeoutMs: number): Promise<HTMLScriptElement> {
  return new Promise((resolve, reject) => {
    const script = win.document.createElement('script');
    let settled = false;
    const give = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined) return resolve(script);
      script.remove();
      reject(fail('loader-failed', `${error}: ${url}`));
    };
    const timer = setTimeout(() => give('loader script timed out'), timeoutMs);
    script.src = url;
    script.async = true;
    script.onload = () => give();
    script.onerror = () => give('loader script failed to load');
    (win.document.head ?? win.document.documentElement).append(script);
  });
}
