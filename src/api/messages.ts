/**
 * Sentences a user may read when a call to OFD (or to the partner's proxy) fails, in Russian and English.
 * Keys are error codes (OFD's, the client's own, the proxy's) and the finer `reason`s recognised from
 * OFD's Russian messages, so the widget can say what happened and what to do. The sentences are one module per
 * language (`sentences-ru.ts`, `sentences-en.ts`); `userMessageFor` reads both, the errors read what is installed.
 */
import { describeApiError, type ApiCatalogue, type DescribableError, type Lang, type OfdErrorReason } from './sentences.js';
import { apiEn } from './sentences-en.js';
import { apiRu } from './sentences-ru.js';

export type { ApiCatalogue, DescribableError, Lang, OfdErrorReason } from './sentences.js';
export { installApiSentences } from './sentences.js';
export { apiRu, apiEn };

/** Recognised OFD messages (Tables 17, 23, 25, 27, 28), matched case-insensitively as substrings. */
const REASON_PATTERNS: ReadonlyArray<[string, OfdErrorReason]> = [
  ['заявка не найдена', 'APPLICATION_NOT_FOUND'],
  ['файл не найден', 'DOCUMENT_NOT_FOUND'],
  ['не удалось проверить кэп', 'SIGNATURE_NOT_VERIFIED'],
  ['некорректный статус заявки', 'WRONG_APPLICATION_STATUS'],
  ['нет доступа', 'NO_ACCESS'],
  ['доступ запрещен', 'ACCESS_FORBIDDEN'],
  ['не удалось определить токен', 'TOKEN_NOT_DETERMINED'],
  ['не найдены авторизационные данные', 'AUTH_DATA_NOT_FOUND'],
  ['некорректный авторизационный токен', 'INVALID_AUTH_TOKEN'],
  ['кабинет партнера не найден', 'PARTNER_CABINET_NOT_FOUND'],
  ['не удалось определить модель ккт', 'KKT_MODEL_UNKNOWN'],
  ['не удалось определить зн ккт', 'KKT_SERIAL_UNKNOWN'],
  ['касса не зарегистрирована в фнс', 'KKT_NOT_REGISTERED'],
  ['номер фд не может превышать', 'REPORT_FIELD_INVALID'],
  ['признак фд не может превышать', 'REPORT_FIELD_INVALID'],
  ['дата фискализации не может быть позже', 'REPORT_FIELD_INVALID'],
];

/** Recognise what an OFD message is about; `ё` and case do not matter. */
export function reasonFromMessages(messages: readonly string[]): OfdErrorReason | undefined {
  for (const message of messages) {
    const normalised = message.toLowerCase().replaceAll('ё', 'е');
    for (const [pattern, reason] of REASON_PATTERNS) {
      if (normalised.includes(pattern)) return reason;
    }
  }
  return undefined;
}

const catalogues: Record<Lang, ApiCatalogue> = { ru: apiRu, en: apiEn };

/** One sentence for the user; a recognised reason wins over the generic text of its code. */
export function userMessageFor(error: DescribableError, lang: Lang, origin: 'ofd' | 'proxy' = 'ofd'): string {
  return describeApiError(catalogues[lang] ?? apiRu, error, origin);
}

/** Every code and reason that has its own sentence (for tests and docs). */
export const KNOWN_MESSAGE_KEYS: readonly string[] = /* @__PURE__ */ (() => [...Object.keys(apiRu.codes), ...Object.keys(apiRu.reasons)])();
