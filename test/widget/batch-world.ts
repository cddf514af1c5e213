/**
 * A shop chain's sitting, in process: the emulator, the mock OFD with N cash registers of the demo company (some
 * may be set up to be rejected or to belong to another company) and the proxy, with one ticket for exactly those ids.
 */
import { createOfdClient, type OfdClient } from '../../src/api/index.js';
import type { DemoApplicationOverrides, MockOfdOptions } from '../../src/mock-ofd/types.js';
import { createCryptoProAdapter, type CryptoProAdapter } from '../../src/plugin/index.js';
import { createTicket } from '../../src/proxy/index.js';
import { installCadesPluginMock, type CadesPluginMockOptions } from '../../src/testing/index.js';
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import type { SignerAdapterPort } from '../../src/widget/ports.js';
import { DEMO_REJECT_REASON, demoRegisters } from '../../scripts/demo-assets/batch-registers.js';
import '../../src/index.js';
import { createMockBackend, TICKET_SECRET } from './mock-backend.js';
import { BatchHarness } from './batch-harness.js';

export interface BatchWorldOptions {
  count: number;
  mock?: MockOfdOptions;
  plugin?: CadesPluginMockOptions;
  /** Indexes (0-based) FNS rejects. */
  rejected?: number[];
  /** Extra applications of other companies, appended after the chain's. */
  others?: DemoApplicationOverrides[];
  /** Whether the adapter offers `cachePin` (part A's; emulated here through the plug-in's own objects). */
  cachePin?: boolean;
  wrapAdapter?: (adapter: SignerAdapterPort) => SignerAdapterPort;
  /** The element's `lang`. */
  lang?: 'ru' | 'en';
}

export type BatchWorld = ReturnType<typeof createBatchWorld>;

export function createBatchWorld(options: BatchWorldOptions) {
  let now = Date.now();
  const { control, proxy } = createMockBackend(() => now, options.mock);
  /** Network switch: 'down' fails before the proxy; 'answer-lost' lets the request through and loses the answer. */
  const network = { mode: 'up' as 'up' | 'down' | 'answer-lost' };
  const applications = [...demoRegisters(options.count), ...(options.others ?? [])].map((o) => control.createDemoApplication(o));
  for (const i of options.rejected ?? []) control.setScenario({ outcome: 'reject', rejectReason: DEMO_REJECT_REASON }, applications[i]!.Id);
  const ids = applications.map((a) => a.Id);
  const ticket = createTicket({ applicationIds: ids, expiresInSeconds: 600, secret: TICKET_SECRET });
  const client: OfdClient = createOfdClient({
    baseUrl: 'http://proxy.test/api',
    ticket,
    fetch: async (input, init) => {
      if (network.mode === 'down') throw new TypeError('Failed to fetch');
      const res = await proxy.request(input instanceof Request ? input : String(input), init);
      if (network.mode === 'answer-lost') throw new TypeError('Failed to fetch');
      return res;
    },
    retry: { limit: 0 },
  });
  const plugin = installCadesPluginMock({ window, ...options.plugin });
  const base: CryptoProAdapter = createCryptoProAdapter({ window, loadTimeoutMs: 3_000 }) // a missing plug-in fails fast (no-extension); this only bounds a slow, loaded test machine;
  let adapter: SignerAdapterPort = base;
  if (options.cachePin && !('cachePin' in base)) adapter = withEmulatedCachePin(base);
  if (options.wrapAdapter) adapter = options.wrapAdapter(adapter);
  const tick = () => {
    now += 1500;
    control.advance(1500);
  };

  const mount = (): BatchHarness => {
    const element = document.createElement('ofd-signer') as OfdSignerElement;
    element.setAttribute('application-ids', ids.join(','));
    element.setAttribute('ticket', ticket);
    if (options.lang) element.setAttribute('lang', options.lang);
    element.pollInterval = 5;
    element.adapter = adapter;
    element.client = client;
    document.body.append(element);
    return new BatchHarness(element, tick);
  };
  let harness = mount();

  return {
    applications,
    ids,
    ticket,
    control,
    plugin,
    network,
    tick,
    get harness() {
      return harness;
    },
    /** The page reloaded: a new element on the same ids and ticket (sessionStorage survives, as in a tab). */
    reload(): BatchHarness {
      harness.element.remove();
      harness = mount();
      return harness;
    },
    /** Every `sign` that reached the mock OFD, per document: none may exceed 1. */
    signCallsPerDocument(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const call of control.calls()) {
        if (call.route !== 'sign' || !call.documentId) continue;
        counts.set(call.documentId, (counts.get(call.documentId) ?? 0) + 1);
      }
      return counts;
    },
    totalSignCalls: () => ids.reduce((n, id) => n + control.signCallCount(id), 0),
    dispose() {
      harness.element.remove();
      plugin.uninstall();
    },
  };
}

/**
 * Until the adapter has `cachePin` (part A), the tests ask the plug-in the way the adapter will: find the certificate,
 * take its PrivateKey and set `CachePin`. Resolves false where the plug-in refuses.
 */
function withEmulatedCachePin(adapter: CryptoProAdapter): SignerAdapterPort & { cachePin(thumbprint: string): Promise<boolean> } {
  return {
    load: () => adapter.load(),
    about: () => adapter.about(),
    listCertificates: (o) => adapter.listCertificates(o),
    sign: (content, o) => adapter.sign(content, o),
    async cachePin(thumbprint: string): Promise<boolean> {
      try {
        const plugin = (window as unknown as { cadesplugin: { CreateObjectAsync(name: string): Promise<any> } }).cadesplugin;
        const store = await plugin.CreateObjectAsync('CAdESCOM.Store');
        await store.Open(2, 'My', 2);
        const certificates = await store.Certificates;
        const found = await certificates.Find(0, thumbprint);
        const certificate = await found.Item(1);
        const key = await certificate.PrivateKey;
        await key.propset_CachePin(true);
        await store.Close();
        return true;
      } catch {
        return false;
      }
    },
  };
}
