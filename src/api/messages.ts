/**
 * Sentences a user may read when a call to OFD (or to the partner's proxy) fails, in Russian and English.
 * Keys are error codes (OFD's, the client's own, the proxy's) and the finer `reason`s recognised from
 * OFD's Russian messages, so the widget can say what happened and what to do.
 */

export type Lang = 'ru' | 'en';

/** What OFD's message says, for codes (like `ValidationError`) that cover many different situations. */
export type OfdErrorReason =
  | 'APPLICATION_NOT_FOUND'
  | 'DOCUMENT_NOT_FOUND'
  | 'SIGNATURE_NOT_VERIFIED'
  | 'WRONG_APPLICATION_STATUS'
  | 'NO_ACCESS'
  | 'ACCESS_FORBIDDEN'
  | 'TOKEN_NOT_DETERMINED'
  | 'AUTH_DATA_NOT_FOUND'
  | 'INVALID_AUTH_TOKEN'
  | 'PARTNER_CABINET_NOT_FOUND'
  | 'KKT_MODEL_UNKNOWN'
  | 'KKT_SERIAL_UNKNOWN'
  | 'KKT_NOT_REGISTERED'
  | 'REPORT_FIELD_INVALID';

type Sentence = string | ((detail: string) => string);
interface Texts {
  ru: Sentence;
  en: Sentence;
}

const CONTACT_PARTNER_RU = 'Обратитесь к организации, которая прислала вам ссылку на подписание.';
const CONTACT_PARTNER_EN = 'Please contact the company that sent you the signing link.';

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

const REASON_TEXTS: Record<OfdErrorReason, Texts> = {
  APPLICATION_NOT_FOUND: {
    ru: `Заявка не найдена в ОФД. Возможно, ссылка устарела. ${CONTACT_PARTNER_RU}`,
    en: `OFD cannot find this application. The link may be out of date. ${CONTACT_PARTNER_EN}`,
  },
  DOCUMENT_NOT_FOUND: {
    ru: 'ОФД не нашёл подписываемый документ: возможно, документы сформированы заново. Обновите страницу и подпишите ещё раз.',
    en: 'OFD cannot find the document being signed; the documents may have been generated again. Reload the page and sign again.',
  },
  SIGNATURE_NOT_VERIFIED: {
    ru: 'ОФД не смог проверить электронную подпись. Убедитесь, что выбран действующий квалифицированный сертификат руководителя организации, и подпишите ещё раз.',
    en: "OFD could not verify the electronic signature. Make sure you chose a valid qualified certificate of the company's director and sign again.",
  },
  WRONG_APPLICATION_STATUS: {
    ru: 'Заявка сейчас не ждёт подписи: возможно, она уже подписана (например, в другой вкладке). Обновите страницу, чтобы увидеть её состояние.',
    en: 'The application is not waiting for a signature right now; it may have been signed already (in another tab, for example). Reload the page to see where it stands.',
  },
  NO_ACCESS: {
    ru: `Нет доступа к этой заявке. ${CONTACT_PARTNER_RU}`,
    en: `No access to this application. ${CONTACT_PARTNER_EN}`,
  },
  ACCESS_FORBIDDEN: {
    ru: `ОФД запретил доступ. ${CONTACT_PARTNER_RU}`,
    en: `OFD denied access. ${CONTACT_PARTNER_EN}`,
  },
  TOKEN_NOT_DETERMINED: {
    ru: `Сервис подписания настроен неверно (ОФД не получил ключ партнёра). ${CONTACT_PARTNER_RU}`,
    en: `The signing service is misconfigured (OFD did not receive the partner key). ${CONTACT_PARTNER_EN}`,
  },
  AUTH_DATA_NOT_FOUND: {
    ru: `Сервис подписания настроен неверно (ключ партнёра не найден в ОФД). ${CONTACT_PARTNER_RU}`,
    en: `The signing service is misconfigured (OFD does not know the partner key). ${CONTACT_PARTNER_EN}`,
  },
  INVALID_AUTH_TOKEN: {
    ru: `Сервис подписания настроен неверно (некорректный ключ партнёра). ${CONTACT_PARTNER_RU}`,
    en: `The signing service is misconfigured (invalid partner key). ${CONTACT_PARTNER_EN}`,
  },
  PARTNER_CABINET_NOT_FOUND: {
    ru: `Кабинет партнёра в ОФД не найден. ${CONTACT_PARTNER_RU}`,
    en: `OFD cannot find the partner's account. ${CONTACT_PARTNER_EN}`,
  },
  KKT_MODEL_UNKNOWN: {
    ru: `ОФД не смог определить модель кассы в заявке. ${CONTACT_PARTNER_RU}`,
    en: `OFD could not identify the cash register model in the application. ${CONTACT_PARTNER_EN}`,
  },
  KKT_SERIAL_UNKNOWN: {
    ru: `ОФД не смог определить заводской номер кассы в заявке. ${CONTACT_PARTNER_RU}`,
    en: `OFD could not identify the cash register serial number in the application. ${CONTACT_PARTNER_EN}`,
  },
  KKT_NOT_REGISTERED: {
    ru: `Касса не зарегистрирована в ФНС. ${CONTACT_PARTNER_RU}`,
    en: `The cash register is not registered with the tax service. ${CONTACT_PARTNER_EN}`,
  },
  REPORT_FIELD_INVALID: {
    ru: (d) => `Данные отчёта о регистрации не приняты: ${d}. Проверьте их по напечатанному кассой отчёту.`,
    en: (d) => `The registration report data were not accepted: ${d}. Check them against the report the cash register printed.`,
  },
};

const CODE_TEXTS: Record<string, Texts> = {
  ValidationError: {
    ru: (d) => `ОФД не принял запрос: ${d}`,
    en: (d) => `OFD did not accept the request: ${d}`,
  },
  DataNotFound: REASON_TEXTS.APPLICATION_NOT_FOUND,
  AccessDenied: REASON_TEXTS.ACCESS_FORBIDDEN,
  B2bAgreementNotFound: REASON_TEXTS.PARTNER_CABINET_NOT_FOUND,
  InternalServerError: {
    ru: 'В ОФД произошла ошибка. Попробуйте ещё раз через несколько минут.',
    en: 'OFD had an internal error. Please try again in a few minutes.',
  },
  InternalError: {
    ru: 'В ОФД произошла ошибка. Попробуйте ещё раз через несколько минут.',
    en: 'OFD had an internal error. Please try again in a few minutes.',
  },
  NETWORK_ERROR: {
    ru: 'Нет связи с сервером подписания. Проверьте подключение к интернету и попробуйте ещё раз.',
    en: 'Cannot reach the signing server. Check your internet connection and try again.',
  },
  TIMEOUT: {
    ru: 'Сервер подписания не ответил вовремя. Попробуйте ещё раз.',
    en: 'The signing server did not answer in time. Please try again.',
  },
  BAD_RESPONSE: {
    ru: 'Сервер подписания ответил непонятно (возможно, он перегружен или настроен неверно). Попробуйте ещё раз позже.',
    en: 'The signing server gave an answer that could not be read (it may be overloaded or misconfigured). Please try again later.',
  },
  BAD_SHAPE: {
    ru: 'Сервер подписания вернул данные заявки в неожиданном виде. Попробуйте ещё раз позже.',
    en: 'The signing server returned the application in an unexpected form. Please try again later.',
  },
  SIGN_OUTCOME_UNKNOWN: {
    ru: 'Связь прервалась во время отправки подписи, и неизвестно, дошла ли она. Не подписывайте заново: проверяем состояние заявки.',
    en: 'The connection broke while the signature was being sent, and it is not known whether it arrived. Do not sign again: checking the application status.',
  },
};

const PROXY_FALLBACK: Texts = {
  ru: (d) => `Сервер подписания отказал (${d}). ${CONTACT_PARTNER_RU}`,
  en: (d) => `The signing server refused (${d}). ${CONTACT_PARTNER_EN}`,
};

const UNKNOWN: Texts = {
  ru: (d) => `Ошибка при обращении к ОФД: ${d}`,
  en: (d) => `Error while talking to OFD: ${d}`,
};

function render(sentence: Sentence, detail: string): string {
  return typeof sentence === 'function' ? sentence(detail) : sentence;
}

export interface DescribableError {
  code: string;
  reason?: OfdErrorReason | undefined;
  messages: readonly string[];
}

/** One sentence for the user; a recognised reason wins over the generic text of its code. */
export function userMessageFor(error: DescribableError, lang: Lang, origin: 'ofd' | 'proxy' = 'ofd'): string {
  const detail = error.messages.length > 0 ? error.messages.join('; ') : error.code;
  const texts =
    (error.reason ? REASON_TEXTS[error.reason] : undefined) ??
    CODE_TEXTS[error.code] ??
    (origin === 'proxy' ? PROXY_FALLBACK : UNKNOWN);
  return render(texts[lang], detail);
}

/** Every code and reason that has its own sentence (for tests and docs). */
export const KNOWN_MESSAGE_KEYS: readonly string[] = [...Object.keys(CODE_TEXTS), ...Object.keys(REASON_TEXTS)];
