/**
 * What the standalone page's tests share: a fresh page (plug-in emulator, empty `<main id="app">`, clean storage
 * and address bar) for each test, the page's script run anew for a given address, and tickets it can read.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { installCadesPluginMock, type CadesPluginMock } from '../../src/testing/index.js';
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';

/** The proxy's ticket layout: v1.<base64url JSON {a, e}>.<mac>; the page only reads it. */
export function fakeTicket(ids: string[], expiresAtSeconds: number): string {
  return `v1.${btoa(JSON.stringify({ a: ids, e: expiresAtSeconds })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.mac`;
}

/** Registers the per-test page set-up and clean-up; call once at the top of a test file. */
export function useStandalonePage(): void {
  let plugin: CadesPluginMock;
  beforeEach(() => {
    plugin = installCadesPluginMock({ window });
    // The element reads its application first; these tests are about the page, so there is no proxy to reach.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    document.body.innerHTML = '<main id="app"></main>';
  });
  afterEach(() => {
    plugin.uninstall();
    vi.unstubAllGlobals();
    sessionStorage.clear();
    history.replaceState(null, '', '/');
  });
}

/** Opens the page at `/${search}` as a browser would: the module runs again from the start. */
export async function openPage(search: string): Promise<OfdSignerElement | null> {
  history.replaceState(null, '', `/${search}`);
  vi.resetModules();
  await import('../../src/widget/standalone-page.js');
  return document.querySelector('ofd-signer');
}
