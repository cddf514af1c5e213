import { describe, expect, it } from 'vitest';
import { OfdTimeoutError } from '../../src/api/errors/ofd-timeout-error.js';
import { PluginNotInstalledError, UserCancelledError } from '../../src/plugin/index.js';
import { describeProblem, loadLanguage } from '../../src/widget/i18n/index.js';

// One catalogue per language for the three layers: the widget's Russian (built in) carries the adapter's and the API
// client's Russian sentences, and loading English brings theirs in the same chunk. Nothing here imports
// ofd-signer/plugin/messages or the API's public index (which install both languages).
describe('widget languages carry the adapter and API sentences of that language', () => {
  it('Russian from the start, English once its chunk is loaded', async () => {
    const cancelled = new UserCancelledError();
    const timeout = new OfdTimeoutError(15_000);
    expect(describeProblem(cancelled, 'ru').message).toMatch(/Подписание отменено/);
    expect(describeProblem(new PluginNotInstalledError({ reason: 'csp-blocked' }), 'ru').message).toMatch(/Content-Security-Policy/);
    expect(describeProblem(timeout, 'ru')).toEqual({ code: 'TIMEOUT', message: 'Сервер подписания не ответил вовремя. Попробуйте ещё раз.' });
    // Before English is loaded, the API error has only its technical message in English.
    expect(timeout.userMessage('en')).toBe(timeout.message);

    await loadLanguage('en');
    expect(describeProblem(cancelled, 'en')).toEqual({
      code: 'USER_CANCELLED',
      message: 'Signing was cancelled: the PIN window was closed. Press “Sign” again when you are ready.',
    });
    expect(describeProblem(timeout, 'en')).toEqual({ code: 'TIMEOUT', message: 'The signing server did not answer in time. Please try again.' });
  });
});
