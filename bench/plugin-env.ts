import { createRequire } from 'node:module';
import { Window } from 'happy-dom';
import type { CadesPluginGlobal } from '../src/plugin/cadesplugin-types.js';
import { createCryptoProAdapter } from '../src/plugin/index.js';
import type { CryptoProAdapter } from '../src/plugin/types.js';
import { createTestCertificates, type TestCertificate } from '../src/testing/certificates.js';
import { DEMO_COMPANY } from '../src/testing/demo-identity.js';
import { installCadesPluginMock } from '../src/testing/index.js';

/**
 * One page, as a partner's would be: a happy-dom window with the emulator installed as
 * `window.cadesplugin`, our adapter and crypto-pro both talking to it. crypto-pro reads the global
 * `window` (as in a browser), so the happy-dom window is made the global one.
 */
export type PluginMock = ReturnType<typeof installCadesPluginMock>;

/** crypto-pro's public functions the bench calls (its own .d.ts types are loose). */
export interface CryptoProApi {
  getUserCertificates(resetCache?: boolean): Promise<Array<{ thumbprint: string; name: string }>>;
  createAttachedSignature(thumbprint: string, message: string): Promise<string>;
}

export interface PluginPage {
  readonly window: Window;
  readonly cryptoPro: CryptoProApi;
  /** Certificates made once for the run: the first `n` are offered when the plug-in is (re)installed. */
  certificates(n: number): TestCertificate[];
  /** Puts a fresh emulator on the page offering `n` certificates, and an adapter bound to it. */
  install(n: number, latencyMs: number): { mock: PluginMock; adapter: CryptoProAdapter };
  close(): Promise<void>;
}

let page: PluginPage | undefined;

export function pluginPage(maxCertificates: number): PluginPage {
  if (page) return page;
  const window = new Window({ url: 'https://partner.example/sign' });
  const globals = globalThis as Record<string, unknown>;
  globals.window = window;
  globals.document = window.document;
  if (!('navigator' in globalThis)) globals.navigator = window.navigator;

  // Valid, with a private key, in "My": crypto-pro filters on exactly that, so both list the same N.
  const pool = createTestCertificates(maxCertificates, {
    subject: { CN: 'Сотрудник', O: DEMO_COMPANY.name, INNLE: DEMO_COMPANY.inn, OGRN: DEMO_COMPANY.ogrn, C: 'RU' },
  });
  let current: PluginMock | undefined;

  // crypto-pro's CommonJS build is what a bundler picks (`main`); it reads `window` on load.
  const cryptoPro = createRequire(import.meta.url)('crypto-pro') as CryptoProApi;

  page = {
    window,
    cryptoPro,
    certificates: (n) => pool.slice(0, n),
    install(n, latencyMs) {
      current?.uninstall();
      current = installCadesPluginMock({ certificates: pool.slice(0, n), latencyMs, window: window as unknown as globalThis.Window });
      const plugin = (window as unknown as { cadesplugin: CadesPluginGlobal }).cadesplugin;
      return { mock: current, adapter: createCryptoProAdapter({ plugin }) };
    },
    async close() {
      current?.uninstall();
      await window.happyDOM.close();
      page = undefined;
    },
  };
  return page;
}
