import { describe, expect, it } from 'vitest';
import { openPage, pageOutcome, useStandalonePage } from './standalone-page-harness.js';

const { world } = useStandalonePage();

describe('the standalone page with a batch link', () => {
  it('a link naming several applications opens them all in one sitting, and again after a reload', async () => {
    const ids = [0, 1, 2].map(() => world().backend.control.createDemoApplication().Id);
    const code = world().linkFor(ids);
    await openPage(`#link=${code}`);
    const el = await pageOutcome();
    expect(el!.applicationIds).toBe(ids.join(','));
    expect(el!.applicationId).toBe('');

    document.body.innerHTML = '<main id="app"></main>';
    await openPage(`#link=${code}`);
    expect((await pageOutcome())!.applicationIds).toBe(ids.join(','));
  });
});
