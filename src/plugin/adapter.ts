import { hasContainerStore, readAbout, readPluginVersion } from './about.js';
import type { CadesCertificate, CadesPluginGlobal, CadesSigner } from './cadesplugin-types.js';
import { CallMeter } from './call-meter.js';
import { findCertificate, mergeListings, readStore, type ListedCertificate } from './certificates.js';
import { CertificateNotFoundError } from './errors/certificate-not-found-error.js';
import { pluginLoader, type PluginLoader } from './loader.js';
import { mapPluginError } from './map-plugin-error.js';
import { contentProperty, prepareSigner, signWith } from './signing.js';
import type {
  AboutInfo,
  AdapterStats,
  CryptoProAdapter,
  CryptoProAdapterOptions,
  ListCertificatesOptions,
  OperationName,
  OperationStat,
  SignOptions,
  SigningCertificate,
} from './types.js';

const DEFAULT_LOAD_TIMEOUT_MS = 10_000;
const HISTORY = 50;

/**
 * The CryptoPro browser plug-in, used well: loaded lazily, certificates read once each and parsed locally,
 * independent calls in flight together, every failure a typed `CryptoProError`.
 */
export function createCryptoProAdapter(options: CryptoProAdapterOptions = {}): CryptoProAdapter {
  return new Adapter(options);
}

class Adapter implements CryptoProAdapter {
  private readonly loader: PluginLoader;
  /** Plug-in certificate objects from the latest listing (or lookup), by thumbprint. */
  private readonly certificates = new Map<string, Promise<CadesCertificate>>();
  /** Ready CPSigners by thumbprint and chain option: a second document with the same certificate costs 4 calls. */
  private readonly signers = new Map<string, Promise<CadesSigner>>();
  private readonly history: OperationStat[] = [];
  private readonly last: Partial<Record<OperationName, OperationStat>> = {};
  private totalCalls = 0;
  private pluginVersion: Promise<string> | undefined;

  constructor(options: CryptoProAdapterOptions) {
    this.loader = pluginLoader({
      plugin: options.plugin,
      loadTimeoutMs: options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS,
      loaderUrl: options.loaderUrl,
      window: options.window,
      extensionIds: options.extensionIds,
      legacyNpmLoader: options.legacyNpmLoader,
    });
  }

  get plugin(): CadesPluginGlobal | undefined {
    return this.loader.plugin;
  }

  async load(): Promise<void> {
    await this.run('load', async () => undefined);
  }

  about(): Promise<AboutInfo> {
    return this.run('about', (plugin, meter) => readAbout(plugin, meter));
  }

  listCertificates(options: ListCertificatesOptions = {}): Promise<SigningCertificate[]> {
    const now = options.now ?? new Date();
    return this.run(
      'listCertificates',
      async (plugin, meter) => {
        const [my, containers] = await Promise.all([
          readStore(plugin, meter, 'my', now),
          options.includeTokens ? this.readContainers(plugin, meter, now) : [],
        ]);
        const listed = mergeListings(my, containers);
        this.certificates.clear();
        this.signers.clear();
        for (const { view, object } of listed) this.certificates.set(view.thumbprint, Promise.resolve(object));
        // Usable first; otherwise the store's order, which is what CryptoPro's own dialogs show.
        return listed.map(({ view }) => view).sort((a, b) => Number(b.usable) - Number(a.usable));
      },
      (list) => ({ certificates: list.length }),
    );
  }

  sign(content: string, options: SignOptions): Promise<string> {
    return this.run('sign', (plugin, meter) => {
      const thumbprint = normaliseThumbprint(options.thumbprint);
      const contentBase64 = contentProperty(content, options.contentMode ?? 'as-is');
      const includeChain = options.includeChain === true;
      const key = `${thumbprint}/${includeChain ? 'chain' : 'end-entity'}`;
      let signer = this.signers.get(key);
      if (!signer) {
        signer = prepareSigner(plugin, meter, this.certificateObject(plugin, meter, thumbprint), includeChain);
        this.signers.set(key, signer);
        // Awaited by signWith; until then a failure must not count as unhandled.
        signer.catch(() => undefined);
      }
      return signWith(plugin, meter, signer, contentBase64, options.detached === true).catch((error: unknown) => {
        // A signer that failed (token pulled out, key gone) is rebuilt next time rather than trusted again.
        if (this.signers.get(key) === signer) this.signers.delete(key);
        throw error;
      });
    });
  }

  async cachePin(thumbprint: string): Promise<boolean> {
    try {
      return await this.run('cachePin', async (plugin, meter) => {
        const certificate = await this.certificateObject(plugin, meter, normaliseThumbprint(thumbprint));
        const key = await meter.t(certificate.PrivateKey);
        // Plug-ins older than the member simply do not have it; calling it would be a TypeError.
        if (typeof key.propset_CachePin !== 'function') return false;
        await meter.t(key.propset_CachePin(true));
        // A token can accept the setter and still not keep the PIN; reading the property back tells us so.
        const kept = await meter.t(key.CachePin).catch(() => true);
        return kept !== false;
      });
    } catch {
      // 0x80070057 (outdated plug-in), a token that refuses, no key, no plug-in: signing still works, PIN per document.
      return false;
    }
  }

  stats(): AdapterStats {
    return { totalCalls: this.totalCalls, last: { ...this.last }, history: [...this.history] };
  }

  /**
   * The container store only where the plug-in has it (2.0.13292+): an older one would not fail on location 100 in
   * every version, and a second listing of "My" must never pass for the tokens. Its version is asked once.
   */
  private async containerStoreAvailable(plugin: CadesPluginGlobal, meter: CallMeter): Promise<boolean> {
    const asked = (this.pluginVersion ??= readPluginVersion(plugin, meter));
    const version = await asked.catch(() => {
      if (this.pluginVersion === asked) this.pluginVersion = undefined; // asked again next time
      return undefined;
    });
    return version !== undefined && hasContainerStore(version);
  }

  private async readContainers(plugin: CadesPluginGlobal, meter: CallMeter, now: Date): Promise<ListedCertificate[]> {
    if (!(await this.containerStoreAvailable(plugin, meter))) return [];
    return readStore(plugin, meter, 'container', now).catch((): ListedCertificate[] => []);
  }

  /** The listed object when there is one; otherwise a lookup in "My", then in the container store. */
  private certificateObject(plugin: CadesPluginGlobal, meter: CallMeter, thumbprint: string): Promise<CadesCertificate> {
    const cached = this.certificates.get(thumbprint);
    if (cached) return cached;
    const found = (async () => {
      const object =
        (await findCertificate(plugin, meter, 'my', thumbprint)) ??
        ((await this.containerStoreAvailable(plugin, meter))
          ? await findCertificate(plugin, meter, 'container', thumbprint).catch(() => undefined)
          : undefined);
      if (!object) throw new CertificateNotFoundError({ originalMessage: `no certificate with thumbprint ${thumbprint}` });
      return object;
    })();
    this.certificates.set(thumbprint, found);
    found.catch(() => this.certificates.delete(thumbprint));
    return found;
  }

  /** Loads the plug-in if needed, runs one operation, counts its calls, and types its failure. */
  private async run<T>(
    operation: OperationName,
    body: (plugin: CadesPluginGlobal, meter: CallMeter) => Promise<T>,
    extra?: (result: T) => Partial<OperationStat>,
  ): Promise<T> {
    const meter = new CallMeter();
    const started = Date.now();
    let plugin: CadesPluginGlobal | undefined;
    const record = (ok: boolean, more: Partial<OperationStat> = {}): void => {
      const stat: OperationStat = { operation, calls: meter.calls, durationMs: Date.now() - started, ok, ...more };
      this.totalCalls += meter.calls;
      this.last[operation] = stat;
      this.history.push(stat);
      if (this.history.length > HISTORY) this.history.shift();
    };
    try {
      ({ plugin } = await this.loader.load());
      const result = await body(plugin, meter);
      record(true, extra?.(result));
      return result;
    } catch (error) {
      record(false);
      throw mapPluginError(error, plugin);
    }
  }
}

/** CryptoPro prints thumbprints in upper case; users paste them with spaces or colons. */
function normaliseThumbprint(thumbprint: string): string {
  return thumbprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
}
