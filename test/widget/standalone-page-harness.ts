/**
 * What the standalone page's tests share: a fresh page (plug-in emulator, empty `<main id="app">`, clean storage
 * and address bar) for each test, the mock OFD and the proxy in process on one movable clock (the page's requests
 * reach them through `fetch`, every request recorded), and the page's script run anew for a given address.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { createLinkCode, createMemoryLinkRevocations, type LinkRevocations } from '../../src/proxy/index.js';
import { installCadesPluginMock, type CadesPluginMock } from '../../src/testing/index.js';
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import { createMockBackend, TICKET_SECRET } from './mock-backend.js';

export interface PageWorld {
  backend: ReturnType<typeof createMockBackend>;
  revocations: LinkRevocations;
  /** Every request the page made: method, URL, headers and body as sent. */
  requests: { method: string; url: string; headers: Record<string, string>; body: string }[];
  /** Moves the proxy's and OFD's clocks on together. */
  advance(ms: number): void;
  now(): number;
  /** A signing link's code for these applications, minted now. */
  linkFor(ids: string[], days?: number): string;
  plugin: CadesPluginMock;
}

/** Registers the per-test page set-up and clean-up; call once at the top of a test file. */
export function useStandalonePage(): { world: () => PageWorld } {
  let world: PageWorld | undefined;
  beforeEach(() => {
    let now = Date.now();
    const revocations = createMemoryLinkRevocations({ clock: () => now });
    const backend = createMockBackend(() => now, undefined, { clock: () => now, linkRevocations: revocations });
    const requests: PageWorld['requests'] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const source = input instanceof Request ? input : new Request(new URL(String(input), location.href).href, init);
      const body = source.method === 'GET' || source.method === 'HEAD' ? '' : await source.text();
      const headers = Object.fromEntries([...source.headers].map(([k, v]) => [k.toLowerCase(), v]));
      requests.push({ method: source.method, url: source.url, headers, body });
      return backend.proxy.request(source.url, { method: source.method, headers, ...(body ? { body } : {}) });
    });
    world = {
      backend,
      revocations,
      requests,
      advance(ms) {
        now += ms;
        backend.control.advance(ms);
      },
      now: () => now,
      linkFor: (ids, days) => createLinkCode({ applicationIds: ids, secret: TICKET_SECRET, now, ...(days ? { expiresInDays: days } : {}) }),
      plugin: installCadesPluginMock({ window }),
    };
    document.body.innerHTML = '<main id="app"></main>';
  });
  afterEach(() => {
    world?.plugin.uninstall();
    vi.unstubAllGlobals();
    sessionStorage.clear();
    localStorage.clear();
    history.replaceState(null, '', '/');
    document.body.innerHTML = '';
  });
  return { world: () => world! };
}

/** Opens the page at `/${address}` as a browser would: the module runs again from the start. */
export async function openPage(address: string): Promise<void> {
  history.replaceState(null, '', `/${address}`);
  vi.resetModules();
  await import('../../src/widget/standalone-page.js');
}

/** The element once the page mounted it (after the link's exchange), or null when the page showed a message instead. */
export async function pageOutcome(timeoutMs = 5_000): Promise<OfdSignerElement | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const element = document.querySelector('ofd-signer');
    if (element) return element as OfdSignerElement;
    if (document.querySelector('[role="alert"]')) return null;
    if (Date.now() > deadline) throw new Error(`the page neither mounted the element nor said why: ${document.body.textContent}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
