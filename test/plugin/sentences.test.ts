import { describe, expect, it } from 'vitest';
import { PluginNotInstalledError, UserCancelledError } from '../../src/plugin/index.js';

// This file imports the adapter entry alone, as a partner who wants the smallest bundle would: the error classes
// carry no sentences until `ofd-signer/plugin/messages` is imported.
describe('the adapter sentences are their own import', () => {
  it('without it, userMessage() is the technical message; importing it installs the ru and en sentences', async () => {
    const cancelled = new UserCancelledError({ hresult: 0x800704c7 });
    const timeout = new PluginNotInstalledError({ reason: 'file-protocol' });
    expect(cancelled.userMessage('ru')).toBe(cancelled.message);
    expect(cancelled.userMessage('ru')).toContain('USER_CANCELLED 0x800704C7');
    expect(timeout.userMessage('en')).toBe(timeout.message);

    const { pluginMessages, loadFailureMessage } = await import('../../src/plugin/messages.js');
    expect(cancelled.userMessage('ru')).toBe(pluginMessages.ru.USER_CANCELLED);
    expect(cancelled.userMessage('en')).toBe(pluginMessages.en.USER_CANCELLED);
    expect(timeout.userMessage('ru')).toBe(loadFailureMessage('file-protocol', 'ru'));
    expect(timeout.userMessage('ru')).toContain('file://');
  });
});
