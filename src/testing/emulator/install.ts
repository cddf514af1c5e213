/**
 * `installCadesPluginMock`: puts on the page a `window.cadesplugin` that behaves like CryptoPro's loader plus
 * the native plug-in in its asynchronous form, backed by test certificates that sign for real.
 */
import type { CadesObjectMap, CadesObjectName, CadesPluginGlobal } from '../../plugin/cadesplugin-types.js';
import type { TestCertificate } from '../certificates.js';
import { defaultEmulatorCertificates } from '../demo-certificates.js';
import { EmulatedAbout } from './about.js';
import { CallLog, type CallFilter, type CallRecord } from './call-log.js';
import { CADES_CONSTANTS } from './constants.js';
import { pluginError } from './hresult-errors.js';
import { LOAD_REJECTIONS, PROMPTS_BEFORE_FAILURE, type Scenario } from './scenarios.js';
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
  /** Time until the thenable resolves (default 0). */
  loadDelayMs?: number;
  /** For 'plugin-missing': when the thenable rejects (default `window.cadesplugin_load_timeout` or 20,000 ms). */
  loadTimeoutMs?: number;
  /**
   * What PrivateKey.propset_CachePin(true) does (default true: the PIN is kept for the session). false: accepted,
   * not kept; 'refused': the token refuses (0x80100022); 'missing': the plug-in has no such member.
   */
  pinCaching?: PinCaching;
  /** Base64 results broken into 64-character CRLF lines like the plug-in's (default true). */
  base64LineBreaks?: boolean;
  /** The emulated machine's clock (default: real time). */
  clock?: () => Date;
  /** `cadesplugin.JSModuleVersion` (default "2.4.2"). */
  jsModuleVersion?: string;
}

export interface CadesPluginMock {
  /** The installed `window.cadesplugin`. */
  plugin: CadesPluginGlobal;
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

  const timers: ReturnType<typeof setTimeout>[] = [];
  const loadScenario = state.scenario;
  const loaded = new Promise<void>((resolve, reject) => {
    if (loadScenario === 'plugin-missing') {
      const configured = (win as Window & { cadesplugin_load_timeout?: number }).cadesplugin_load_timeout;
      timers.push(setTimeout(() => reject(LOAD_REJECTIONS.timeout), options.loadTimeoutMs ?? configured ?? 20_000));
    } else if (loadScenario === 'extension-no-host') {
      timers.push(setTimeout(() => reject(LOAD_REJECTIONS.noHost), options.loadDelayMs ?? 0));
    } else {
      timers.push(setTimeout(resolve, options.loadDelayMs ?? 0));
    }
  });
  // Like the real loader's promise it may reject with nobody listening; that must not fail a test run.
  loaded.catch(() => undefined);
  const pluginAvailable = () => state.scenario !== 'plugin-missing' && state.scenario !== 'extension-no-host';

  let logLevel: number = CADES_CONSTANTS.LOG_LEVEL_ERROR;
  const api = {
    ...CADES_CONSTANTS,
    JSModuleVersion: options.jsModuleVersion ?? '2.4.2',
    get current_log_level() {
      return logLevel;
    },
    set_log_level(level: number) {
      logLevel = level;
    },
    CreateObjectAsync<K extends CadesObjectName>(name: K): Promise<CadesObjectMap[K]> {
      if (!pluginAvailable()) {
        // The real loader forwards to a plug-in object that never arrived.
        throw new TypeError("Cannot read properties of undefined (reading 'CreateObjectAsync')");
      }
      const factory = FACTORY_BY_LOWER.get(String(name).toLowerCase());
      return state.log.run('cadesplugin', factory?.name ?? String(name), 'create', () => {
        if (!factory) throw pluginError(CO_E_CLASSSTRING, 'Недопустимая строка с указанием класса.');
        return factory.make(state) as CadesObjectMap[K];
      });
    },
    /** Runs a generator that yields promises, passing the extra arguments as one array (as the loader does). */
    async_spawn<T>(generatorFunction: (...args: unknown[]) => Generator<unknown, T, unknown>, ...args: unknown[]): Promise<T> {
      const generator = generatorFunction(args);
      const step = (verb: 'next' | 'throw', value: unknown): Promise<T> => {
        let result: IteratorResult<unknown, T>;
        try {
          result = verb === 'next' ? generator.next(value) : generator.throw(value);
        } catch (error) {
          return Promise.reject(error);
        }
        if (result.done) return Promise.resolve(result.value);
        return Promise.resolve(result.value).then(
          (v) => step('next', v),
          (e: unknown) => step('throw', e),
        );
      };
      return step('next', undefined);
    },
    /** The plug-in's message for an error (newer loaders). */
    getLastError(error: unknown): string {
      if (error && typeof error === 'object' && 'message' in error) return String((error as Error).message);
      return String(error);
    },
    ReleasePluginObjects(): Promise<void> {
      return Promise.resolve();
    },
    get_extension_version(callback: (version: string) => void): void {
      setTimeout(() => callback('1.2.13'), 0);
    },
    is_capilite_enabled(): boolean {
      return false;
    },
  };

  // The real loader's `cadesplugin` is a Promise with the API attached to it; so is ours.
  const plugin = Object.assign(loaded, api) as unknown as CadesPluginGlobal;
  Object.defineProperty(plugin, 'current_log_level', {
    get: () => logLevel,
    enumerable: true,
    configurable: true,
  });

  const host = win as Window & { cadesplugin?: CadesPluginGlobal };
  const hadPrevious = Object.prototype.hasOwnProperty.call(host, 'cadesplugin');
  const previous = host.cadesplugin;
  host.cadesplugin = plugin;

  return {
    plugin,
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
      for (const t of timers) clearTimeout(t);
      if (host.cadesplugin !== plugin) return;
      if (hadPrevious) host.cadesplugin = previous;
      else delete host.cadesplugin;
    },
  };
}
