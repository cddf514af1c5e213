/**
 * `installCadesPluginMock`: plays CryptoPro's browser extension and native plug-in on the page (`extension.ts`),
 * backed by test certificates that sign for real, and by default runs ofd-signer's loader on top of it, so that
 * `window.cadesplugin` — its constants and functions — is a real loader's. With `loader: 'none'` the page's own
 * loader (CryptoPro's npm 2.0.2, the 2.4.1 of ruscryptojs, a partner's copy) runs on top instead.
 */
import type { CadesObjectMap, CadesObjectName, CadesPluginGlobal } from '../../plugin/cadesplugin-types.js';
import type { TestCertificate } from '../certificates.js';
import { defaultEmulatorCertificates } from '../demo-certificates.js';
import { EmulatedAbout } from './about.js';
import { CallLog, type CallFilter, type CallRecord } from './call-log.js';
import { installExtensionLoader } from '../../plugin/extension-loader.js';
import { installEmulatedExtension, MV3_EXTENSION_ID, type EmulatedExtension, type ExtensionBrowser } from './extension.js';
import { pluginError } from './hresult-errors.js';
import { PROMPTS_BEFORE_FAILURE, type Scenario } from './scenarios.js';
import { EmulatedAttribute, EmulatedSigner } from './signer.js';
import { EmulatedSignedData } from './signed-data.js';
import type { EmulatedCertificateEntry, EmulatorState, Latency, PinCaching } from './state.js';
import { EmulatedStore } from './store.js';
import { EmulatedHashedData } from './hashed-data.js';

export interface CadesPluginMockOptions {
  /** Certificates on the emulated machine (default: the demo director's valid, expired and key-less ones). */
  certificates?: (TestCertificate | EmulatedCertificateEntry)[];
  /**
   * Delay of every plug-in call in ms (default 0: still asynchronous), or a function of the call, e.g.
   * `(c) => (c.member === 'SignCades' ? 400 : 15)`.
   */
  latencyMs?: Latency;
  /** Global scenario (default 'ok'). */
  scenario?: Scenario;
  /** What About reports (default "2.0.15400"). */
  pluginVersion?: string;
  /** CSP version About.CSPVersion() reports (default "5.0.13000"). */
  cspVersion?: string;
  /** The window to install on (default: the global `window`, else `globalThis`). */
  window?: Window;
  /** How long the native host takes to answer the loader's check (default 0). */
  loadDelayMs?: number;
  /** Our loader's give-up time (default `window.cadesplugin_load_timeout` or 20,000 ms, like CryptoPro's loaders). */
  loadTimeoutMs?: number;
  /**
   * Which loader runs on top of the emulated extension: 'ofd-signer' (default) installs ours at once; 'none' leaves it
   * to the page (CryptoPro's loader then finds the emulated extension like the real one).
   */
  loader?: 'ofd-signer' | 'none';
  /** The id the emulated extension is installed at in Chromium browsers (default: the Manifest V3 id). */
  extensionId?: string;
  /** Which browser's extension to play (default: 'firefox' under a Firefox user agent, else 'chromium'). */
  browser?: ExtensionBrowser;
  /** The page's CSP refuses the extension's script (as Firefox does without `moz-extension:` in script-src). */
  pageCspBlocksExtensionScript?: boolean;
  /**
   * What PrivateKey.propset_CachePin(true) does (default true: the PIN is kept for the session). false: accepted,
   * not kept; 'refused': the token refuses (0x80100022); 'missing': the plug-in has no such member.
   */
  pinCaching?: PinCaching;
  /** Base64 results broken into 64-character CRLF lines like the plug-in's (default true). */
  base64LineBreaks?: boolean;
  /** The emulated machine's clock (default: real time). */
  clock?: () => Date;
}

export interface CadesPluginMock {
  /** `window.cadesplugin` as the loader set it up (with `loader: 'none'`, whatever loader the page ran). */
  readonly plugin: CadesPluginGlobal;
  /** The emulated extension: the script URLs the loader asked for, in order, and where it answers. */
  readonly extension: Pick<EmulatedExtension, 'scriptRequests' | 'scriptUrl'>;
  /** Every plug-in call so far (CreateObjectAsync, property reads, propset_*, methods). */
  calls: CallRecord[];
  resetCalls(): void;
  callCount(filter?: CallFilter): number;
  /** Peak number of plug-in calls in flight at once since the last reset: > 1 shows batching. */
  readonly maxConcurrency: number;
  /** PIN dialogs the user would have seen. */
  readonly pinPrompts: number;
  /**
   * Sets the scenario globally, or for one certificate when `thumbprint` is given ('ok' clears it). With
   * `afterPrompts: n` a `pin-cancelled` / `pin-blocked` scenario lets the user answer the next n PIN dialogs and
   * fails the one after (and every later one): `{ afterPrompts: 6 }` cancels on document 7 when each one prompts.
   */
  setScenario(scenario: Scenario, options?: { thumbprint?: string; afterPrompts?: number }): void;
  /** Changes how `propset_CachePin` behaves from now on (see the option). Already cached PINs stay cached. */
  setPinCaching(mode: PinCaching): void;
  setLatency(latency: Latency): void;
  /** The certificates on the emulated machine (live: push to add one). */
  certificates: EmulatedCertificateEntry[];
  /** Forget cached PINs (a new browser session). */
  clearPinCache(): void;
  /** Removes `window.cadesplugin` (restoring a previous one) and cancels pending load timers. */
  uninstall(): void;
}

type Creatable = { [K in CadesObjectName]: (state: EmulatorState) => CadesObjectMap[K] };

const FACTORIES: Creatable = {
  'CAdESCOM.Store': (s) => new EmulatedStore(s),
  'CAdESCOM.CPSigner': (s) => new EmulatedSigner(s),
  'CAdESCOM.CadesSignedData': (s) => new EmulatedSignedData(s),
  'CAdESCOM.About': (s) => new EmulatedAbout(s),
  'CAdESCOM.CPAttribute': (s) => new EmulatedAttribute(s),
};

/** Objects beyond the typed contract that consumers such as crypto-pro create. */
const EXTRA_FACTORIES: Record<string, (state: EmulatorState) => object> = {
  // ruscryptojs 2.8.1 opens stores as "CAPICOM.Store" (the plug-in registers CAPICOM's ProgIDs too).
  'CAPICOM.Store': (s) => new EmulatedStore(s),
  'CAdESCOM.HashedData': (s) => new EmulatedHashedData(s),
};

// ProgIDs are case-insensitive for the plug-in (crypto-pro asks for "CADESCOM.CPAttribute").
const FACTORY_BY_LOWER = new Map<string, { name: string; make: (state: EmulatorState) => object }>(
  Object.entries({ ...FACTORIES, ...EXTRA_FACTORIES }).map(([name, make]) => [name.toLowerCase(), { name, make }]),
);

const CO_E_CLASSSTRING = 0x800401f3;

function toEntry(c: TestCertificate | EmulatedCertificateEntry): EmulatedCertificateEntry {
  return 'certificate' in c ? c : { certificate: c };
}

function hostWindow(options: CadesPluginMockOptions): Window {
  if (options.window) return options.window;
  if (typeof window !== 'undefined') return window;
  return globalThis as unknown as Window;
}

/** Installs the emulator as `window.cadesplugin` and returns a handle to observe and steer it. */
export function installCadesPluginMock(options: CadesPluginMockOptions = {}): CadesPluginMock {
  const win = hostWindow(options);
  const state: EmulatorState = {
    entries: (options.certificates ?? defaultEmulatorCertificates()).map(toEntry),
    scenario: options.scenario ?? 'ok',
    scenarioByThumbprint: new Map(),
    latencyMs: options.latencyMs ?? 0,
    pluginVersion: options.pluginVersion ?? '2.0.15400',
    cspVersion: options.cspVersion ?? '5.0.13000',
    pinCaching: options.pinCaching ?? true,
    promptsBeforeFailure: new Map(),
    pinCache: new Set(),
    cachePinRequested: new Set(),
    pinPrompts: 0,
    base64LineBreaks: options.base64LineBreaks ?? true,
    clock: options.clock ?? (() => new Date()),
    log: new CallLog((call) => (typeof state.latencyMs === 'function' ? state.latencyMs(call) : state.latencyMs)),
  };
  for (const entry of state.entries) {
    if (entry.scenario) state.scenarioByThumbprint.set(entry.certificate.thumbprint, entry.scenario);
  }

  const loadScenario = state.scenario;
  const pluginObject = {
    CreateObjectAsync(name: string): Promise<unknown> {
      const factory = FACTORY_BY_LOWER.get(String(name).toLowerCase());
      return state.log.run('cadesplugin', factory?.name ?? String(name), 'create', () => {
        if (!factory) throw pluginError(CO_E_CLASSSTRING, 'Недопустимая строка с указанием класса.');
        return factory.make(state);
      });
    },
  };
  const host = win as Window & { cadesplugin?: CadesPluginGlobal; cadesplugin_load_timeout?: number };
  const extension = installEmulatedExtension(win, state, {
    id: options.extensionId ?? MV3_EXTENSION_ID,
    browser: options.browser ?? (/Firefox\//.test(win.navigator?.userAgent ?? '') ? 'firefox' : 'chromium'),
    installed: loadScenario !== 'plugin-missing',
    nativeHost: loadScenario !== 'extension-no-host',
    answersEcho: loadScenario !== 'extension-silent',
    hostDelayMs: options.loadDelayMs ?? 0,
    pageCspBlocksScript: options.pageCspBlocksExtensionScript ?? false,
    pluginObject,
  });

  const hadPrevious = Object.prototype.hasOwnProperty.call(host, 'cadesplugin');
  const previous = host.cadesplugin;
  let installed: CadesPluginGlobal | undefined;
  if ((options.loader ?? 'ofd-signer') === 'ofd-signer') {
    if (hadPrevious) delete host.cadesplugin;
    const timeoutMs = options.loadTimeoutMs ?? host.cadesplugin_load_timeout ?? 20_000;
    installed = installExtensionLoader(win, { timeoutMs }).plugin;
  }

  return {
    get plugin() {
      return installed ?? (host.cadesplugin as CadesPluginGlobal);
    },
    extension,
    calls: state.log.calls,
    resetCalls: () => state.log.reset(),
    callCount: (filter) => state.log.count(filter),
    get maxConcurrency() {
      return state.log.maxConcurrency;
    },
    get pinPrompts() {
      return state.pinPrompts;
    },
    setScenario(scenario, opts) {
      const key = opts?.thumbprint ? opts.thumbprint.replace(/\s+/g, '').toUpperCase() : '*';
      if (key === '*') state.scenario = scenario;
      else if (scenario === 'ok') state.scenarioByThumbprint.delete(key);
      else state.scenarioByThumbprint.set(key, scenario);
      if (opts?.afterPrompts !== undefined && PROMPTS_BEFORE_FAILURE.has(scenario)) {
        state.promptsBeforeFailure.set(key, Math.max(0, Math.floor(opts.afterPrompts)));
      } else state.promptsBeforeFailure.delete(key);
    },
    setPinCaching(mode) {
      state.pinCaching = mode;
    },
    setLatency(latency) {
      state.latencyMs = latency;
    },
    certificates: state.entries,
    clearPinCache() {
      state.pinCache.clear();
    },
    uninstall() {
      extension.uninstall();
      if (installed && host.cadesplugin !== installed) return;
      if (hadPrevious) host.cadesplugin = previous;
      else delete host.cadesplugin;
    },
  };
}
