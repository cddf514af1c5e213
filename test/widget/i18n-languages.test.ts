import { describe, expect, it } from 'vitest';
import { UserCancelledError, PluginNotInstalledError } from '../../src/plugin/index.js';
import { describeProblem, loadLanguage } from '../../src/widget/i18n/index.js';

// One catalogue per language: the widget's Russian (built in) carries the adapter's Russian sentences, and loading
// English brings the adapter's English ones in the same chunk. Nothing here imports ofd-signer/plugin/messages.
describe('widget languages carry the adapter sentences of that language', () => {
  it('Russian from the start, English once its chunk is loaded', async () => {
    const cancelled = new UserCancelledError();
    expect(describeProblem(cancelled, 'ru').message).toMatch(/Подписание отменено/);
    expect(describeProblem(new PluginNotInstalledError({ reason: 'csp-blocked' }), 'ru').message).toMatch(/Content-Security-Policy/);

    await loadLanguage('en');
    expect(describeProblem(cancelled, 'en')).toEqual({
      code: 'USER_CANCELLED',
      message: 'Signing was cancelled: the PIN window was closed. Press “Sign” again when you are ready.',
    });
  });
});
