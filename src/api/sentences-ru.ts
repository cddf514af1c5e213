/**
 * The API client's sentences in Russian: one language's part of the catalogue, so that a page loads only the language
 * it shows (the widget installs it with its own Russian sentences). `messages.ts` joins both languages.
 */
import type { ApiCatalogue, OfdErrorReason, Sentence } from './sentences.js';

const CONTACT_PARTNER_RU = 'Обратитесь в компанию, которая прислала ссылку.';

const reasons: Record<OfdErrorReason, Sentence> = {
  APPLICATION_NOT_FOUND: `Заявка не найдена в ОФД. Возможно, ссылка устарела. ${CONTACT_PARTNER_RU}`,
  DOCUMENT_NOT_FOUND: 'ОФД не нашёл подписываемый документ: возможно, документы сформированы заново. Обновите страницу и подпишите ещё раз.',
  SIGNATURE_NOT_VERIFIED: 'ОФД не смог проверить электронную подпись. Убедитесь, что выбран действующий квалифицированный сертификат руководителя организации, и подпишите ещё раз.',
  WRONG_APPLICATION_STATUS: 'Заявка сейчас не ждёт подписи: возможно, она уже подписана (например, в другой вкладке). Обновите страницу, чтобы увидеть её состояние.',
  NO_ACCESS: `Нет доступа к этой заявке. ${CONTACT_PARTNER_RU}`,
  ACCESS_FORBIDDEN: `ОФД запретил доступ. ${CONTACT_PARTNER_RU}`,
  TOKEN_NOT_DETERMINED: `Сервис подписания настроен неверно (ОФД не получил ключ партнёра). ${CONTACT_PARTNER_RU}`,
  AUTH_DATA_NOT_FOUND: `Сервис подписания настроен неверно (ключ партнёра не найден в ОФД). ${CONTACT_PARTNER_RU}`,
  INVALID_AUTH_TOKEN: `Сервис подписания настроен неверно (некорректный ключ партнёра). ${CONTACT_PARTNER_RU}`,
  PARTNER_CABINET_NOT_FOUND: `Кабинет партнёра в ОФД не найден. ${CONTACT_PARTNER_RU}`,
  KKT_MODEL_UNKNOWN: `ОФД не смог определить модель кассы в заявке. ${CONTACT_PARTNER_RU}`,
  KKT_SERIAL_UNKNOWN: `ОФД не смог определить заводской номер кассы в заявке. ${CONTACT_PARTNER_RU}`,
  KKT_NOT_REGISTERED: `Касса не зарегистрирована в ФНС. ${CONTACT_PARTNER_RU}`,
  REPORT_FIELD_INVALID: (d) => `Данные отчёта о регистрации не приняты: ${d}. Проверьте их по напечатанному кассой отчёту.`,
};

export const apiRu: ApiCatalogue = {
  reasons,
  codes: {
    ValidationError: (d) => `ОФД не принял запрос: ${d}`,
    DataNotFound: reasons.APPLICATION_NOT_FOUND,
    AccessDenied: reasons.ACCESS_FORBIDDEN,
    B2bAgreementNotFound: reasons.PARTNER_CABINET_NOT_FOUND,
    InternalServerError: 'В ОФД произошла ошибка. Попробуйте ещё раз через несколько минут.',
    InternalError: 'В ОФД произошла ошибка. Попробуйте ещё раз через несколько минут.',
    NETWORK_ERROR: 'Нет связи с сервером подписания. Проверьте подключение к интернету и попробуйте ещё раз.',
    TIMEOUT: 'Сервер подписания не ответил вовремя. Попробуйте ещё раз.',
    BAD_RESPONSE: 'Сервер подписания ответил непонятно (возможно, он перегружен или настроен неверно). Попробуйте ещё раз позже.',
    BAD_SHAPE: 'Сервер подписания вернул данные заявки в неожиданном виде. Попробуйте ещё раз позже.',
    SIGN_OUTCOME_UNKNOWN: 'Связь прервалась во время отправки подписи, и неизвестно, дошла ли она. Не подписывайте заново: проверяем состояние заявки.',
  },
  proxyFallback: (d) => `Сервер подписания отказал (${d}). ${CONTACT_PARTNER_RU}`,
  unknown: (d) => `Ошибка при обращении к ОФД: ${d}`,
};
