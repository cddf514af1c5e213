/**
 * Where the error classes find their sentences. The sentences themselves (ru + en) live in `messages.ts`, the
 * separate import `ofd-signer/plugin/messages`, so that the adapter entry carries no text: importing that module
 * installs them here (the widget does so with the plug-in chunk). Until then `userMessage()` falls back to the
 * error's technical message.
 */
import type { CryptoProErrorCode } from './errors/crypto-pro-error.js';
import type { PluginLoadFailureReason } from './errors/plugin-not-installed-error.js';

export type Lang = 'ru' | 'en';

export interface PluginSentences {
  error(code: CryptoProErrorCode, lang: Lang): string;
  loadFailure(reason: PluginLoadFailureReason, lang: Lang): string;
}

let installed: PluginSentences | undefined;

/** Called by `messages.ts` when it is imported; a partner may install their own wording instead. */
export function installPluginSentences(sentences: PluginSentences): void {
  installed = sentences;
}

export function pluginSentences(): PluginSentences | undefined {
  return installed;
}
