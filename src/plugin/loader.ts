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

type Settled = 'resolved' | 'rejected';

export class PluginLoader {
  private box: PluginBox | undefined;
  private inFlight: Promise<PluginBox> | undefined;
  private readonly settled = new WeakMap<object, Settled>();
  private injected: { script: HTMLScriptElement; global: CadesPluginGlobal | undefined } | undefined;
  /** The `window.cadesplugin` our loader set up, and whether it failed (then "check again" sets up a fresh one). */
  private ours: { global: CadesPluginGlobal; failed: boolean } | undefined;

  constructor(private readonly options: LoaderOptions) {}

  get plugin(): CadesPluginGlobal | undefined {
    return this.box?.plugin;
  }

  /** Concurrent callers share one attempt; after a failure the next call starts a new one. */
  load(): Promise<PluginBox> {
    if (this.box) return Promise.resolve(this.box);
    this.inFlight ??= this.attempt().then(
      (box) => {
        this.inFlight = undefined;
        return (this.box = box);
      },
      (error: unknown) => {
        this.inFlight = undefined;
        throw error;
      },
    );
    return this.inFlight;
  }

  private async attempt(): Promise<PluginBox> {
    const given = this.options.plugin;
    if (given) return this.waitFor(given, undefined);

    const win = this.options.window ?? (typeof window === 'undefined' ? undefined : window);
    if (!win) throw fail('no-host', 'no window: the plug-in only exists in a browser page');
    const pageProblem = problemOfPage(win);

    let candidate = win.cadesplugin;
    // A loader we injected that gave up for good gets replaced by a fresh copy, so "check again" works without a reload.
    if (candidate && this.injected?.global === candidate && this.settled.get(candidate) === 'rejected') {
      this.injected.script.remove();
      delete win.cadesplugin;
      this.injected = undefined;
      candidate = undefined;
    }
    if (candidate && this.ours?.global === candidate && this.ours.failed) {
      delete win.cadesplugin;
      candidate = undefined;
    }
    if (!candidate && pageProblem) throw fail(pageProblem, `page at ${win.location.protocol}`);
    if (!candidate && win.document?.readyState === 'loading') {
      // Never before the page's own loader could run: a page that includes CryptoPro's loader below us owns the global.
      await new Promise<void>((resolve) => win.document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
      candidate = win.cadesplugin;
    }
    if (!candidate) {
      if (win.cadesplugin_load_timeout === undefined) win.cadesplugin_load_timeout = LOADER_PATIENCE_MS;
      const url = this.options.loaderUrl;
      if (url) {
        const script = await injectScript(win, url, this.options.loadTimeoutMs);
        this.injected = { script, global: win.cadesplugin };
      } else if (this.options.legacyNpmLoader) {
        // Lazy on purpose: the npm loader touches `window` as soon as it runs.
        await import('cadesplugin-api');
      } else {
        return this.loadOurs(win);
      }
      candidate = win.cadesplugin;
      if (!candidate) throw fail('no-host', `the loader did not define window.cadesplugin${url ? ` (${url})` : ''}`);
    }
    return this.waitFor(candidate, pageProblem);
  }

  /** Our loader: lazily imported, and its outcome says precisely why the plug-in could not be reached. */
  private async loadOurs(win: Window): Promise<PluginBox> {
    const { installExtensionLoader } = await import('./extension-loader.js');
    const installed = installExtensionLoader(win, { timeoutMs: this.options.loadTimeoutMs, extensionIds: this.options.extensionIds });
    const ours = { global: installed.plugin, failed: false };
    this.ours = ours;
    const outcome = await installed.outcome;
    if (!outcome.ok) {
      ours.failed = true;
      throw fail(outcome.reason, `${outcome.message} (tried ${outcome.tried.join(', ') || 'no id'})`);
    }
    return { plugin: installed.plugin };
  }

  private async waitFor(candidate: CadesPluginGlobal, pageProblem: PluginLoadFailureReason | undefined): Promise<PluginBox> {
    const outcome = await settleWithin(candidate, this.options.loadTimeoutMs);
    if (outcome.state === 'timeout') {
      throw fail(pageProblem ?? 'timeout', `no answer from the plug-in within ${this.options.loadTimeoutMs} ms`);
    }
    this.settled.set(candidate, outcome.state);
    if (outcome.state === 'rejected') {
      // Our loader, set up by someone else on this page (an emulator, another widget), keeps its precise reason.
      const ours = (candidate as unknown as Record<string, unknown>)[LOAD_FAILURE_KEY] as { reason?: PluginLoadFailureReason } | undefined;
      throw fail(pageProblem ?? ours?.reason ?? 'no-host', describe(outcome.error), outcome.error);
    }
    if (typeof candidate.CreateObjectAsync !== 'function') {
      // Loader 2.0.2 on a non-Chromium browser takes the NPAPI path, which no current browser has.
      throw fail('no-host', `loader ${candidate.JSModuleVersion ?? '?'} offers no CreateObjectAsync in this browser`);
    }
    return { plugin: candidate };
  }
}

function fail(reason: PluginLoadFailureReason, originalMessage: string, cause?: unknown): PluginNotInstalledError {
  return new PluginNotInstalledError({ reason, originalMessage, cause });
}

function describe(error: unknown): string {
  return typeof error === 'string' ? error : error instanceof Error ? error.message : String(error);
}

/** Conditions under which the extension cannot talk to the page at all, so waiting would only waste the user's time. */
export function problemOfPage(win: Window): PluginLoadFailureReason | undefined {
  const { protocol, hostname } = win.location ?? {};
  if (protocol === 'file:') return 'file-protocol';
  // Where isSecureContext is missing, apply its rule: https, or http on the local machine.
  const secure = win.isSecureContext ?? (protocol !== 'http:' || /^(localhost|127\.0\.0\.1|\[::1\])$|\.localhost$/.test(hostname ?? ''));
  return secure ? undefined : 'insecure-context';
}

type Outcome = { state: 'resolved' } | { state: 'rejected'; error: unknown } | { state: 'timeout' };

function settleWithin(thenable: PromiseLike<unknown>, ms: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const timer = setTimeout(() => resolve({ state: 'timeout' }), ms);
    const done = (outcome: Outcome): void => {
      clearTimeout(timer);
      resolve(outcome);
    };
    try {
      thenable.then(
        () => done({ state: 'resolved' }),
        (error: unknown) => done({ state: 'rejected', error }),
      );
    } catch (error) {
      done({ state: 'rejected', error });
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
