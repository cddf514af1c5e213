/**
 * Where the error classes find their sentences. The sentences live in one module per language (`sentences-ru.ts`,
 * `sentences-en.ts`); whoever shows them installs the languages it needs: `ofd-signer/plugin/messages` (`messages.ts`)
 * installs both when imported, the widget installs each with its own catalogue of that language. The adapter entry
 * itself carries no text; until a language is installed, `userMessage()` returns the error's technical message.
 */
import type { CryptoProErrorCode } from './errors/crypto-pro-error.js';
import type { PluginLoadFailureReason } from './errors/plugin-not-installed-error.js';
import type { UnusableReason } from './types.js';

export type Lang = 'ru' | 'en';

/** CryptoPro's page where users download the plug-in (and find links to the browser extension). */
export const PLUGIN_DOWNLOAD_URL = 'https://www.cryptopro.ru/products/cades/plugin';

/**
 * Load failures where the page itself, not the user's computer, is the problem, have their own sentence; the others
 * (`no-extension`, `no-host`, `timeout`) share PLUGIN_NOT_INSTALLED's, which names all three causes.
 */
export type PageProblem = Extract<PluginLoadFailureReason, 'insecure-context' | 'file-protocol' | 'loader-failed' | 'csp-blocked'>;

/** Everything the adapter says to a user, in one language. */
export interface PluginCatalogue {
  errors: Record<CryptoProErrorCode, string>;
  pageProblems: Record<PageProblem, string>;
  /** Why a listed certificate cannot sign now (`SigningCertificate.reasons`). */
  unusable: Record<UnusableReason, string>;
  /** Before a batch, depending on `cachePin()`'s answer. */
  pinCaching: Record<'cached' | 'perDocument', string>;
}

const installed: Partial<Record<Lang, PluginCatalogue>> = {};

/** Makes `userMessage(lang)` say `catalogue`'s sentences; a partner may install their own wording. */
export function installPluginSentences(lang: Lang, catalogue: PluginCatalogue): void {
  installed[lang] = catalogue;
}

export function pluginCatalogue(lang: Lang): PluginCatalogue | undefined {
  return installed[lang];
}

/** The sentence for a load failure: the page's own problem, else PLUGIN_NOT_INSTALLED's. */
export function loadFailureSentence(catalogue: PluginCatalogue, reason: PluginLoadFailureReason): string {
  return reason in catalogue.pageProblems ? catalogue.pageProblems[reason as PageProblem] : catalogue.errors.PLUGIN_NOT_INSTALLED;
}
