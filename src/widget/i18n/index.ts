import { isWidgetError } from '../errors/widget-error.js';
import { chunk } from '../lazy.js';
import type { Messages } from './messages.js';
import { ru } from './ru.js';
import { installApiSentences } from '../../api/sentences.js';
import { apiRu } from '../../api/sentences-ru.js';
import { installPluginSentences } from '../../plugin/sentences.js';
import { pluginRu } from '../../plugin/sentences-ru.js';

export type Lang = 'ru' | 'en';
export type { Messages };

/**
 * Russian is built in (the default); English is fetched on demand, in its own chunk. Each language comes with the
 * plug-in adapter's and the API client's sentences of that language (installed for their errors' `userMessage`),
 * so a page loads one language of all three layers.
 */
const catalogues: Partial<Record<Lang, Messages>> = { ru };
installPluginSentences('ru', pluginRu);
installApiSentences('ru', apiRu);

export function messages(lang: Lang): Messages {
  return catalogues[lang] ?? ru;
}

const english = chunk('english', () => import('./english.js'));

/**
 * The language the element shows when `lang` is asked for: itself once its catalogue is here, Russian when its chunk
 * did not arrive, undefined while it is being fetched.
 */
export function shownLanguage(lang: Lang): Lang | undefined {
  return catalogues[lang] ? lang : english.error ? 'ru' : undefined;
}

/**
 * Fetches a language's catalogue (English; Russian is built in). Never fails: when the chunk does not arrive the
 * element and the page go on in Russian, and the next start fetches it again.
 */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'en' && !catalogues.en) {
    try {
      const { en, pluginEn, apiEn } = await english();
      installPluginSentences('en', pluginEn);
      installApiSentences('en', apiEn);
      catalogues.en = en;
    } catch {
      // Russian stands in (`messages` falls back to it).
    }
  }
}

/** `lang` attribute, else the page's, else Russian. */
export function resolveLang(attribute: string | null | undefined, element?: Element): Lang {
  const value = attribute || element?.closest('[lang]')?.getAttribute('lang') || '';
  return value.toLowerCase().startsWith('en') ? 'en' : 'ru';
}

/** A code any part of ofd-signer produced, and the sentence the user reads. */
export interface Problem {
  code: string;
  message: string;
}

/**
 * One sentence for anything that went wrong: the element's own codes from its catalogue, the plug-in's and the
 * API's errors from their own sentences (`userMessage(lang)`: they know their codes best), anything else as
 * "unexpected".
 */
export function describeProblem(error: unknown, lang: Lang): Problem {
  const own = messages(lang).errors as Record<string, string>;
  const code = typeof error === 'string' ? error : isWidgetError(error) ? error.code : undefined;
  if (code) return { code, message: own[code] ?? own.UNEXPECTED! };
  const e = error as { code?: unknown; userMessage?: (lang: Lang) => string } | null;
  if (e && typeof e.code === 'string') {
    if (typeof e.userMessage === 'function') return { code: e.code, message: e.userMessage(lang) };
    if (e.code in own) return { code: e.code, message: own[e.code]! };
  }
  return { code: 'UNEXPECTED', message: own.UNEXPECTED! };
}


/** dd.mm.yyyy in both languages: what Russian documents and certificates print. */
export function formatDate(date: Date): string {
  return date.toLocaleDateString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
}
