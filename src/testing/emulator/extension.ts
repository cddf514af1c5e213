/**
 * The page side of CryptoPro's browser extension, played beneath any loader — ours, the npm `cadesplugin-api` 2.0.2,
 * the 2.4.1 inside ruscryptojs, or a partner's copy of CryptoPro's current file — so that every constant and loader
 * function page code meets is the loader's own. What the extension does for the page, as CryptoPro's loaders rely
 * on it (docs/testing.md "Where the emulator sits" gives the sources):
 *
 * - its script `chrome-extension://<id>/nmcades_plugin_api.js` loads when the extension is installed and fails to
 *   load at any other id (Chromium fails a missing extension's resource at once);
 * - the script defines `window.cpcsp_chrome_nmcades` with `check_chrome_plugin(ok, error)`, which hands the plug-in
 *   object (with `CreateObjectAsync`) to `cadesplugin.set(...)` and calls `ok()`, or calls `error()` when the native
 *   host is missing; and `ReleasePluginObjects()`;
 * - its content script answers the page's `"cadesplugin_echo_request"` with `"cadesplugin_loaded"`; in Firefox the
 *   answer also carries `url:moz-extension://<uuid>/nmcades_plugin_api.js`, the script's address.
 *
 * Script loading is intercepted where a page adds a `<script>` (appendChild / insertBefore / append / prepend): any
 * `chrome-extension:` or `moz-extension:` script is held back from the document and answered with a `load` or an
 * `error` event, so the same code works in happy-dom and in a real browser (an init script in Playwright).
 */
import type { EmulatorState } from './state.js';

export const MV3_EXTENSION_ID = 'pfhgbfnnjiafkhfdkmpiflachepdcjod';
/** A made-up per-profile uuid: Firefox gives every installation its own. */
export const FIREFOX_EXTENSION_UUID = '6f1d2a52-0c4e-4bd5-9a43-0d3c8fb1c7e1';

export type ExtensionBrowser = 'chromium' | 'firefox';

export interface EmulatedExtensionOptions {
  /** The id it is installed at in Chromium browsers (default: the Manifest V3 id). */
  id: string;
  browser: ExtensionBrowser;
  /** false: no extension in this browser (every extension script fails to load, the echo goes unanswered). */
  installed: boolean;
  /** false: the extension is there but the plug-in (native host) is not: `check_chrome_plugin` reports an error. */
  nativeHost: boolean;
  /** false: the extension's content script never answers the echo request (a broken or disabled extension). */
  answersEcho: boolean;
  /**
   * The page's Content-Security-Policy refuses the extension's script, as Firefox does when the policy does not
   * allow `moz-extension:` (Firefox applies the page's CSP to extension resources, bug 1267027; Chromium does not
   * apply it to `chrome-extension:` scripts, measured in docs/testing.md): a `securitypolicyviolation` event, then
   * the script's `error`.
   */
  pageCspBlocksScript: boolean;
  /** How long the native host takes to answer `check_chrome_plugin`. */
  hostDelayMs: number;
  /** The plug-in object handed to `cadesplugin.set`. */
  pluginObject: { CreateObjectAsync(name: string): Promise<unknown> };
}

export interface EmulatedExtension {
  /** Every extension script URL the page asked for, in order. */
  readonly scriptRequests: string[];
  /** The URL the page loads the extension's script from. */
  readonly scriptUrl: string;
  uninstall(): void;
}

type ExtensionWindow = Window & {
  cpcsp_chrome_nmcades?: unknown;
  cadesplugin?: { set?: (object: unknown) => void };
};

const EXTENSION_SCRIPT = /^(chrome|moz)-extension:\/\//;

export function installEmulatedExtension(win: Window, state: EmulatorState, options: EmulatedExtensionOptions): EmulatedExtension {
  const host = win as ExtensionWindow;
  const scriptUrl =
    options.browser === 'firefox'
      ? `moz-extension://${FIREFOX_EXTENSION_UUID}/nmcades_plugin_api.js`
      : `chrome-extension://${options.id}/nmcades_plugin_api.js`;
  const scriptRequests: string[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let uninstalled = false;
  /** Asynchronously, as the browser and the extension answer; a microtask when there is no delay to play. */
  const later = (fn: () => void, ms = 0): void => {
    if (ms <= 0) {
      queueMicrotask(() => {
        if (!uninstalled) fn();
      });
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const pageApi = {
    check_chrome_plugin(ok: () => void, error: (message?: unknown) => void): void {
      later(() => {
        if (!options.nativeHost) return error();
        host.cadesplugin?.set?.(options.pluginObject);
        ok();
      }, options.hostDelayMs);
    },
    ReleasePluginObjects(): Promise<void> {
      return state.log.run('cpcsp_chrome_nmcades', 'ReleasePluginObjects', 'call', () => undefined);
    },
  };

  /** Answers a held-back extension script the way the browser would. */
  const answerScript = (script: HTMLScriptElement): void => {
    const url = script.src || script.getAttribute('src') || '';
    scriptRequests.push(url);
    const blocked = options.pageCspBlocksScript;
    const runs = options.installed && url === scriptUrl && !blocked;
    later(() => {
      if (blocked) {
        const violation = Object.assign(new (win as unknown as { Event: typeof Event }).Event('securitypolicyviolation', { bubbles: true }), {
          blockedURI: url.replace(/^([a-z-]+:\/\/[^/]+).*$/, '$1'), // CSP3 reports a cross-origin URL as its origin
          effectiveDirective: 'script-src-elem',
        });
        win.document.dispatchEvent(violation);
      }
      if (runs && host.cpcsp_chrome_nmcades === undefined) host.cpcsp_chrome_nmcades = pageApi;
      script.dispatchEvent(new (win as unknown as { Event: typeof Event }).Event(runs ? 'load' : 'error'));
    });
  };

  const isExtensionScript = (node: unknown): node is HTMLScriptElement => {
    const element = node as HTMLScriptElement | null;
    if (!element || element.nodeType !== 1 || element.tagName?.toUpperCase() !== 'SCRIPT') return false;
    return EXTENSION_SCRIPT.test(element.getAttribute('src') ?? '');
  };

  const filtered = (original: (...nodes: (Node | string)[]) => void) =>
    function (this: Element, ...nodes: (Node | string)[]): void {
      const rest = nodes.filter((node) => {
        if (!isExtensionScript(node)) return true;
        answerScript(node);
        return false;
      });
      original.apply(this, rest);
    };

  // Hold extension scripts back wherever a page inserts them.
  const nodeProto = (win as unknown as { Node: typeof Node }).Node.prototype;
  const elementProto = (win as unknown as { Element: typeof Element }).Element.prototype;
  const originals = {
    appendChild: nodeProto.appendChild,
    insertBefore: nodeProto.insertBefore,
    append: elementProto.append,
    prepend: elementProto.prepend,
  };
  // A new emulated machine on this page: its extension's script is the one that will run.
  if (host.cpcsp_chrome_nmcades !== undefined) delete host.cpcsp_chrome_nmcades;
  const hooks = {
    appendChild: function <T extends Node>(this: Node, node: T): T {
      if (isExtensionScript(node)) {
        answerScript(node);
        return node;
      }
      return originals.appendChild.call(this, node) as T;
    },
    insertBefore: function <T extends Node>(this: Node, node: T, child: Node | null): T {
      if (isExtensionScript(node)) {
        answerScript(node);
        return node;
      }
      return originals.insertBefore.call(this, node, child) as T;
    },
    append: filtered(originals.append),
    prepend: filtered(originals.prepend),
  };
  Object.assign(nodeProto, { appendChild: hooks.appendChild, insertBefore: hooks.insertBefore });
  Object.assign(elementProto, { append: hooks.append, prepend: hooks.prepend });

  // The content script: answers the echo request.
  const onMessage = (event: MessageEvent): void => {
    if (event.data !== 'cadesplugin_echo_request' || !options.installed || !options.answersEcho) return;
    const answer = options.browser === 'firefox' ? `cadesplugin_loaded;url:${scriptUrl}` : 'cadesplugin_loaded';
    win.postMessage(answer, '*');
  };
  win.addEventListener('message', onMessage);

  return {
    scriptRequests,
    scriptUrl,
    uninstall() {
      uninstalled = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      win.removeEventListener('message', onMessage);
      // Only where our hook is still the outermost one (uninstalling twice, or after a newer emulator, changes nothing).
      for (const [proto, names] of [[nodeProto, ['appendChild', 'insertBefore']], [elementProto, ['append', 'prepend']]] as const) {
        for (const name of names) {
          const current = (proto as unknown as Record<string, unknown>)[name];
          if (current === hooks[name]) (proto as unknown as Record<string, unknown>)[name] = originals[name];
        }
      }
      if (host.cpcsp_chrome_nmcades === pageApi) delete host.cpcsp_chrome_nmcades;
    },
  };
}
