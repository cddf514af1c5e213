/**
 * Everything the element talks to, in process: the plug-in emulator (signs for real), the mock OFD and the proxy
 * in front of it, joined by `app.request` instead of sockets. Each test builds its own world.
 */
import { createOfdClient, type OfdClient } from '../../src/api/index.js';
import type { MockOfdOptions } from '../../src/mock-ofd/types.js';
import { createCryptoProAdapter, type CryptoProAdapter } from '../../src/plugin/index.js';
import type { SignerAdapterPort } from '../../src/widget/ports.js';
import { createTicket } from '../../src/proxy/index.js';
import { installCadesPluginMock, type CadesPluginMockOptions } from '../../src/testing/index.js';
import type { DemoApplicationOverrides } from '../../src/mock-ofd/types.js';
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import '../../src/index.js';
import { createMockBackend, TICKET_SECRET } from './mock-backend.js';
import { SignerHarness } from './signer-harness.js';

export interface WorldOptions {
  mock?: MockOfdOptions;
  plugin?: CadesPluginMockOptions;
  application?: DemoApplicationOverrides;
  /** Attributes to set on the element before it connects. */
  attributes?: Record<string, string>;
  /** Wrap the client (to inject transport faults). */
  wrapClient?: (client: OfdClient) => OfdClient;
  /** Wrap the adapter (to tamper with signatures). */
  wrapAdapter?: (adapter: CryptoProAdapter) => SignerAdapterPort;
  /** Don't mount (to set up storage first). */
  mount?: boolean;
}

export type SigningWorld = Awaited<ReturnType<typeof createSigningWorld>>;

export function createSigningWorld(options: WorldOptions = {}) {
  let now = Date.now();
  const { control, proxy } = createMockBackend(() => now, options.mock);
  const application = control.createDemoApplication(options.application);
  const ticket = createTicket({ applicationId: application.Id, expiresInSeconds: 600, secret: TICKET_SECRET });
  const base = createOfdClient({
    baseUrl: 'http://proxy.test/api',
    ticket,
    fetch: (input, init) => Promise.resolve(proxy.request(input instanceof Request ? input : String(input), init)),
    retry: { limit: 0 },
  });
  const client = options.wrapClient ? options.wrapClient(base) : base;
  const plugin = installCadesPluginMock({ window, ...options.plugin });
  // Through `window`, as on a page: "check again" finds a plug-in installed after the first failure.
  const baseAdapter = createCryptoProAdapter({ window, loadTimeoutMs: 3_000 }) // a missing plug-in fails fast (no-extension); this only bounds a slow, loaded test machine;
  const adapter = options.wrapAdapter ? options.wrapAdapter(baseAdapter) : baseAdapter;

  const element = document.createElement('ofd-signer') as OfdSignerElement;
  element.setAttribute('application-id', application.Id);
  element.setAttribute('ticket', ticket);
  element.pollInterval = 5;
  for (const [k, v] of Object.entries(options.attributes ?? {})) element.setAttribute(k, v);
  element.adapter = adapter;
  element.client = client;
  const tick = () => {
    now += 1500;
    control.advance(1500);
  };
  const harness = new SignerHarness(element, tick);
  if (options.mount !== false) document.body.append(element);

  return {
    application,
    ticket,
    control,
    plugin,
    element,
    harness,
    proxy,
    adapter,
    client,
    tick,
    /** A second element on the same application, as after a reload. */
    remount(): SignerHarness {
      element.remove();
      const again = document.createElement('ofd-signer') as OfdSignerElement;
      again.setAttribute('application-id', application.Id);
      again.setAttribute('ticket', ticket);
      again.pollInterval = 5;
      again.adapter = adapter;
      again.client = client;
      this.element = again;
      this.harness = new SignerHarness(again, tick);
      document.body.append(again);
      return this.harness;
    },
    /** Sign calls that reached the mock OFD for this application. */
    signCalls: () => control.signCallCount(application.Id),
    dispose() {
      this.element.remove();
      plugin.uninstall();
    },
  };
}
