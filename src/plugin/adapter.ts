import { hasContainerStore, readAbout, readPluginVersion } from './about.js';
import type { CadesCertificate, CadesPluginGlobal, CadesSigner } from './cadesplugin-types.js';
import { CallMeter } from './call-meter.js';
import { findCertificate, mergeListings, readStore } from './certificates.js';
import { CertificateNotFoundError } from './errors/certificate-not-found-error.js';
import { pluginLoader, type PluginLoader } from './loader.js';
import { mapPluginError } from './map-plugin-error.js';
import { contentProperty, prepareSigner, signWith } from './signing.js';
import type {
  AdapterStats,
  CryptoProAdapter,
  CryptoProAdapterOptions,
  OperationName,
  OperationStat,
  SignOptions,
} from './types.js';

const DEFAULT_LOAD_TIMEOUT_MS = 10_000;
const HISTORY = 50;

/**
 * The CryptoPro browser plug-in, used well: loaded lazily, certificates read once each and parsed locally,
 * independent calls in flight together, every failure a typed `CryptoProError`.
 */
export function createCryptoProAdapter(options: CryptoProAdapterOptions = {}): CryptoProAdapter {
  const loader = pluginLoader({ ...options, loadTimeoutMs: options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS });
  /** Plug-in certificate objects from the latest listing (or lookup), by thumbprint. */
  const certificates = new Map<string, Promise<CadesCertificate>>();
  /** Ready CPSigners by thumbprint and chain option: a second document with the same certificate costs 4 calls. */
  const signers = new Map<string, Promise<CadesSigner>>();
  const history: OperationStat[] = [];
  const last: AdapterStats['last'] = {};
  let totalCalls = 0;
  let pluginVersion: Promise<string> | undefined;

  /** Loads the plug-in if needed, runs one operation, counts its calls, and types its failure. */
  const run = async <T>(
    operation: OperationName,
    body: (plugin: CadesPluginGlobal, meter: CallMeter) => Promise<T>,
    extra?: (result: T) => Partial<OperationStat>,
  ): Promise<T> => {
    const meter = new CallMeter();
    const started = Date.now();
    let plugin: CadesPluginGlobal | undefined;
    const record = (ok: boolean, more?: Partial<OperationStat>): void => {
      const stat: OperationStat = { operation, calls: meter.calls, durationMs: Date.now() - started, ok, ...more };
      totalCalls += meter.calls;
      last[operation] = stat;
      if (history.push(stat) > HISTORY) history.shift();
    };
    try {
      ({ plugin } = await loader.load());
      const result = await body(plugin, meter);
      record(true, extra?.(result));
      return result;
    } catch (error) {
      record(false);
      throw mapPluginError(error, plugin);
    }
  };

  /**
   * The container store only where the plug-in has it (2.0.13292+): an older one would not fail on location 100 in
   * every version, and a second listing of "My" must never pass for the tokens. Its version is asked once.
   */
  const containerStoreAvailable = async (plugin: CadesPluginGlobal, meter: CallMeter): Promise<boolean> => {
    const asked = (pluginVersion ??= readPluginVersion(plugin, meter));
    const version = await asked.catch(() => {
      if (pluginVersion === asked) pluginVersion = undefined; // asked again next time
    });
    return version !== undefined && hasContainerStore(version);
  };

  /** The listed object when there is one; otherwise a lookup in "My", then in the container store. */
  const certificateObject = (plugin: CadesPluginGlobal, meter: CallMeter, thumbprint: string): Promise<CadesCertificate> => {
    let found = certificates.get(thumbprint);
    if (!found) {
      found = (async () => {
        const object =
          (await findCertificate(plugin, meter, 'my', thumbprint)) ??
          ((await containerStoreAvailable(plugin, meter)) ? await findCertificate(plugin, meter, 'container', thumbprint).catch(() => undefined) : undefined);
        if (!object) throw new CertificateNotFoundError({ originalMessage: `no certificate with thumbprint ${thumbprint}` });
        return object;
      })();
      certificates.set(thumbprint, found);
      found.catch(() => certificates.delete(thumbprint));
    }
    return found;
  };

  return {
    get plugin() {
      return loader.plugin;
    },

    async load() {
      await run('load', async () => undefined);
    },

    about: () => run('about', readAbout),

    listCertificates({ includeTokens, now = new Date() } = {}) {
      return run(
        'listCertificates',
        async (plugin, meter) => {
          // Tokens never installed into "My": only where the plug-in has the container store; a failure there
          // leaves the personal store's listing standing.
          const containers = async () =>
            includeTokens && (await containerStoreAvailable(plugin, meter)) ? readStore(plugin, meter, 'container', now).catch(() => []) : [];
          const listed = mergeListings(...(await Promise.all([readStore(plugin, meter, 'my', now), containers()])));
          certificates.clear();
          signers.clear();
          for (const { view, object } of listed) certificates.set(view.thumbprint, Promise.resolve(object));
          // Usable first; otherwise the store's order, which is what CryptoPro's own dialogs show.
          return listed.map(({ view }) => view).sort((a, b) => +b.usable - +a.usable);
        },
        (list) => ({ certificates: list.length }),
      );
    },

    sign(content: string, options: SignOptions) {
      return run('sign', (plugin, meter) => {
        const thumbprint = normaliseThumbprint(options.thumbprint);
        const contentBase64 = contentProperty(content, options.contentMode ?? 'as-is');
        const includeChain = options.includeChain === true;
        const key = `${thumbprint}/${includeChain}`;
        let signer = signers.get(key);
        if (!signer) {
          signer = prepareSigner(plugin, meter, certificateObject(plugin, meter, thumbprint), includeChain);
          signers.set(key, signer);
          // Awaited by signWith; until then a failure must not count as unhandled.
          signer.catch(() => undefined);
        }
        return signWith(plugin, meter, signer, contentBase64, options.detached === true).catch((error: unknown) => {
          // A signer that failed (token pulled out, key gone) is rebuilt next time rather than trusted again.
          if (signers.get(key) === signer) signers.delete(key);
          throw error;
        });
      });
    },

    async cachePin(thumbprint: string) {
      try {
        return await run('cachePin', async (plugin, meter) => {
          const { t } = meter;
          const key = await t((await certificateObject(plugin, meter, normaliseThumbprint(thumbprint))).PrivateKey);
          // Plug-ins older than the member simply do not have it; calling it would be a TypeError.
          if (typeof key.propset_CachePin !== 'function') return false;
          await t(key.propset_CachePin(true));
          // A token can accept the setter and still not keep the PIN; reading the property back tells us so.
          return (await t(key.CachePin).catch(() => true)) !== false;
        });
      } catch {
        // 0x80070057 (outdated plug-in), a token that refuses, no key, no plug-in: signing still works, PIN per document.
        return false;
      }
    },

    stats: () => ({ totalCalls, last: { ...last }, history: [...history] }),
  };
}

/** CryptoPro prints thumbprints in upper case; users paste them with spaces or colons. */
function normaliseThumbprint(thumbprint: string): string {
  return thumbprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
}
