/**
 * Review: the standalone page takes a ticket out of the address's query before anything else of the page runs.
 * If the widget's own code fails while loading (an old browser, a broken custom-element registry, a partner's
 * script on the same page), a ticket that arrived in the query must still be gone from the address bar, and be
 * kept nowhere (such links are refused: the request line already carried the ticket).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const APP = '4121f0e0-f468-48fc-9387-b6a2d5646bc5';
const ticket = `v1.${btoa(JSON.stringify({ a: [APP], e: Math.floor(Date.now() / 1000) + 3600 })).replace(/=+$/, '')}.mac`;

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  document.body.innerHTML = '';
});

describe('standalone page: a ticket leaves the address first', () => {
  it('even when the widget fails to load, the ticket is out of the address bar and stored nowhere', async () => {
    document.body.innerHTML = '<main id="app"></main>';
    history.replaceState(null, '', `/?application=${APP}&ticket=${encodeURIComponent(ticket)}&lang=ru`);
    vi.resetModules();
    vi.spyOn(customElements, 'get').mockReturnValue(undefined);
    vi.spyOn(customElements, 'define').mockImplementation(() => {
      throw new Error('registry broken');
    });
    await expect(import('../../src/widget/standalone-page.js')).rejects.toThrow('registry broken');
    expect(location.href).not.toContain('ticket');
    expect(location.search).toBe(`?application=${APP}&lang=ru`);
    expect(JSON.stringify({ ...sessionStorage, ...localStorage })).not.toContain(ticket);
  });
});
