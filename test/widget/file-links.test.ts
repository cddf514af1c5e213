import { afterEach, describe, expect, it } from 'vitest';
import { createSigningWorld, type SigningWorld } from './signing-world.js';

/**
 * Issue 14, finding 6: a `DownloadUri` is bound to `href` only when it is http(s) or same-origin. With a custom
 * client (or an upstream that misbehaves), a `javascript:` link must not become clickable script.
 */
let world: SigningWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
});

describe('file links in the element', () => {
  it('a javascript: DownloadUri is shown without a link; a proxy link stays a link', async () => {
    world = createSigningWorld({
      wrapClient: (client) => ({
        ...client,
        async getApplication(id) {
          return { ...(await client.getApplication(id)), DownloadUri: 'javascript:alert(document.domain)' };
        },
        async prepareDocuments(id, signer) {
          return { ...(await client.prepareDocuments(id, signer)), DownloadUri: 'javascript:alert(document.domain)' };
        },
      }),
    });
    const signer = world.harness;
    await signer.chooseCertificate('Романова');
    await signer.waitForStep('review');
    const anchors = [...signer.element.shadowRoot!.querySelectorAll('a')];
    expect(anchors.map((a) => a.getAttribute('href') ?? '').filter((href) => /^\s*javascript:/i.test(href))).toEqual([]);
    expect(signer.text()).toContain('PDF');
  });
});
