/**
 * `ofd-signer/plugin/messages`: what to tell the user for every adapter error code, load failure and certificate
 * problem, in Russian and English. Each sentence says what happened and what to do next. A separate import so that
 * the adapter entry stays small; importing it installs both languages for the error classes' `userMessage(lang)`
 * (`sentences.ts`). The sentences themselves are one module per language (`sentences-ru.ts`, `sentences-en.ts`).
 */
import type { CryptoProErrorCode } from './errors/crypto-pro-error.js';
import type { PluginLoadFailureReason } from './errors/plugin-not-installed-error.js';
import { installPluginSentences, loadFailureSentence, type Lang, type PluginCatalogue } from './sentences.js';
import { pluginEn } from './sentences-en.js';
import { pluginRu } from './sentences-ru.js';
import type { UnusableReason } from './types.js';

export type { Lang, PluginCatalogue } from './sentences.js';
export type { UnusableReason } from './types.js';
export { pluginRu, pluginEn };

type Table<K extends string> = Record<Lang, Record<K, string>>;

const catalogues: Record<Lang, PluginCatalogue> = { ru: pluginRu, en: pluginEn };

export const pluginMessages: Table<CryptoProErrorCode> = { ru: pluginRu.errors, en: pluginEn.errors };

export const unusableReasonMessages: Table<UnusableReason> = { ru: pluginRu.unusable, en: pluginEn.unusable };

/** What to tell the user before a batch, depending on `cachePin()`'s answer. */
export const pinCachingMessages: Record<'cached' | 'perDocument', Record<Lang, string>> = {
  cached: { ru: pluginRu.pinCaching.cached, en: pluginEn.pinCaching.cached },
  perDocument: { ru: pluginRu.pinCaching.perDocument, en: pluginEn.pinCaching.perDocument },
};

export function pluginMessage(code: CryptoProErrorCode, lang: Lang = 'ru'): string {
  return (catalogues[lang] ?? pluginRu).errors[code];
}

export function loadFailureMessage(reason: PluginLoadFailureReason, lang: Lang = 'ru'): string {
  return loadFailureSentence(catalogues[lang] ?? pluginRu, reason);
}

installPluginSentences('ru', pluginRu);
installPluginSentences('en', pluginEn);
