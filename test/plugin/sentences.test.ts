import { describe, expect, it } from 'vitest';
import { installPluginSentences, PluginNotInstalledError, UserCancelledError } from '../../src/plugin/index.js';
import { pluginRu } from '../../src/plugin/sentences-ru.js';

// This file imports the adapter entry alone, as a partner who wants the smallest bundle would: the error classes
// carry no sentences until a language is installed (`ofd-signer/plugin/messages` installs both).
describe('the adapter sentences are their own import', () => {
  it('without them, userMessage() is the technical message; each installed language then speaks', async () => {
    const cancelled = new UserCancelledError({ hresult: 0x800704c7 });
    const fileProtocol = new PluginNotInstalledError({ reason: 'file-protocol' });
    expect(cancelled.userMessage('ru')).toBe(cancelled.message);
    expect(cancelled.userMessage('ru')).toContain('USER_CANCELLED 0x800704C7');
    expect(fileProtocol.userMessage('en')).toBe(fileProtocol.message);

    installPluginSentences('ru', pluginRu);
    expect(cancelled.userMessage('ru')).toBe(pluginRu.errors.USER_CANCELLED);
    expect(fileProtocol.userMessage('ru')).toBe(pluginRu.pageProblems['file-protocol']);
    expect(cancelled.userMessage('en')).toBe(cancelled.message); // English is not installed yet

    const { pluginMessages, loadFailureMessage } = await import('../../src/plugin/messages.js');
    expect(cancelled.userMessage('en')).toBe(pluginMessages.en.USER_CANCELLED);
    expect(fileProtocol.userMessage('en')).toBe(loadFailureMessage('file-protocol', 'en'));
    expect(fileProtocol.userMessage('en')).toContain('file://');
    // Failures that are not the page's own share PLUGIN_NOT_INSTALLED's sentence.
    expect(new PluginNotInstalledError({ reason: 'no-extension' }).userMessage('en')).toBe(pluginMessages.en.PLUGIN_NOT_INSTALLED);
  });
});
