/**
 * Every error the proxy itself answers with: HTTP status, whether repeating the same request is safe,
 * and the sentence shown to people in Russian and English. Codes are stable: clients branch on them.
 */
export interface ProxyErrorSpec {
  status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 422 | 429 | 500 | 502 | 503 | 504;
  retryable: boolean;
  en: string;
  ru: string;
}

export const PROXY_ERRORS = {
  TICKET_MISSING: {
    status: 401,
    retryable: false,
    en: 'The signing link is incomplete. Open the link the company sent you again.',
    ru: 'Ссылка для подписи неполная. Откройте ссылку, которую прислала компания, ещё раз.',
  },
  TICKET_INVALID: {
    status: 401,
    retryable: false,
    en: 'The signing link is not valid or was damaged. Ask the company for a new signing link.',
    ru: 'Ссылка для подписи недействительна или повреждена. Попросите у компании новую ссылку для подписи.',
  },
  TICKET_EXPIRED: {
    status: 401,
    retryable: false,
    en: 'The signing link has expired. Ask the company for a new one.',
    ru: 'Срок действия ссылки для подписи истёк. Попросите у компании новую.',
  },
  TICKET_WRONG_APPLICATION: {
    status: 403,
    retryable: false,
    en: 'This signing link was made for another application. Ask the company for the link to this one.',
    ru: 'Эта ссылка для подписи выдана для другой заявки. Попросите у компании ссылку для этой.',
  },
  LINK_INVALID: {
    status: 401,
    retryable: false,
    en: 'This signing link is not valid. Open the link exactly as the company sent it, or ask for a new one.',
    ru: 'Ссылка для подписи недействительна. Откройте ссылку точно так, как её прислала компания, или попросите новую.',
  },
  LINK_EXPIRED: {
    status: 410,
    retryable: false,
    en: 'This signing link has expired. Ask the company for a new one.',
    ru: 'Срок действия ссылки для подписи истёк. Попросите у компании новую.',
  },
  LINK_REVOKED: {
    status: 410,
    retryable: false,
    en: 'The company has withdrawn this signing link. Ask it for a new one if you still need to sign.',
    ru: 'Компания отозвала эту ссылку для подписи. Если подписать всё ещё нужно, попросите новую.',
  },
  LINK_ENDED: {
    status: 410,
    retryable: false,
    en: 'The registration this link was for is finished, so the link no longer opens it. The company has the result.',
    ru: 'Регистрация, для которой была эта ссылка, завершена, и ссылка больше не открывает её. Результат есть у компании.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    retryable: false,
    en: 'This site is not allowed to use the signing service.',
    ru: 'Этому сайту не разрешено обращаться к сервису подписи.',
  },
  NOT_FOUND: {
    status: 404,
    retryable: false,
    en: 'Not found.',
    ru: 'Не найдено.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    retryable: false,
    en: 'This method is not allowed here.',
    ru: 'Этот метод здесь не поддерживается.',
  },
  INVALID_ID: {
    status: 400,
    retryable: false,
    en: 'The application or document identifier is not a valid UUID.',
    ru: 'Идентификатор заявки или документа не является корректным UUID.',
  },
  INVALID_BODY: {
    status: 400,
    retryable: false,
    en: 'The request body is not valid.',
    ru: 'Тело запроса некорректно.',
  },
  BODY_TOO_LARGE: {
    status: 413,
    retryable: false,
    en: 'The request is too large.',
    ru: 'Запрос слишком большой.',
  },
  SIGNATURE_INVALID: {
    status: 422,
    retryable: false,
    en: 'The signature is not a valid CMS signature with one signer and their certificate.',
    ru: 'Подпись не является корректной подписью CMS с одним подписантом и его сертификатом.',
  },
  SIGNATURE_CONTENT_MISMATCH: {
    status: 422,
    retryable: false,
    en: 'The signature covers other data than the document prepared for signing.',
    ru: 'Подписаны не те данные, что были подготовлены для подписи.',
  },
  DOCUMENT_NOT_FOUND: {
    status: 404,
    retryable: false,
    en: 'The application has no such document. Reload the application and sign again.',
    ru: 'В заявке нет такого документа. Обновите заявку и подпишите снова.',
  },
  NOT_AWAITING_SIGNATURE: {
    status: 409,
    retryable: false,
    en: 'The application is not waiting for this signature now.',
    ru: 'Заявка сейчас не ожидает этой подписи.',
  },
  NOT_AWAITING_REPORT: {
    status: 409,
    retryable: false,
    en: 'The application is not waiting for the registration report now.',
    ru: 'Заявка сейчас не ожидает данных отчёта о регистрации.',
  },
  SIGN_IN_PROGRESS: {
    status: 409,
    retryable: true,
    en: 'This document is being sent right now. Check the application status in a moment.',
    ru: 'Этот документ отправляется прямо сейчас. Проверьте статус заявки через минуту.',
  },
  SIGN_OUTCOME_UNKNOWN: {
    status: 503,
    retryable: true,
    en: 'It is not yet known whether OFD received the signature. Check the application status; do not sign again.',
    ru: 'Пока неизвестно, получил ли ОФД подпись. Проверьте статус заявки; подписывать повторно не нужно.',
  },
  RATE_LIMITED: {
    status: 429,
    retryable: true,
    en: 'Too many requests. Wait a little and try again.',
    ru: 'Слишком много запросов. Подождите немного и повторите.',
  },
  UPSTREAM_TIMEOUT: {
    status: 504,
    retryable: true,
    en: 'OFD did not answer in time. Try again in a minute.',
    ru: 'ОФД не ответил вовремя. Повторите через минуту.',
  },
  UPSTREAM_UNAVAILABLE: {
    status: 502,
    retryable: true,
    en: 'OFD is unavailable right now. Try again later.',
    ru: 'ОФД сейчас недоступен. Повторите позже.',
  },
  UPSTREAM_BAD_RESPONSE: {
    status: 502,
    retryable: true,
    en: 'OFD answered with something unexpected. Try again later.',
    ru: 'ОФД ответил неожиданным образом. Повторите позже.',
  },
  NOT_READY: {
    status: 503,
    retryable: true,
    en: 'The signing service is starting or cannot reach its storage. Try again in a minute.',
    ru: 'Сервис подписи запускается или не может связаться со своим хранилищем. Повторите через минуту.',
  },
  INTERNAL: {
    status: 500,
    retryable: true,
    en: 'Internal error of the signing service.',
    ru: 'Внутренняя ошибка сервиса подписи.',
  },
} as const satisfies Record<string, ProxyErrorSpec>;

export type ProxyErrorCode = keyof typeof PROXY_ERRORS;

export function isProxyErrorCode(code: string): code is ProxyErrorCode {
  return Object.hasOwn(PROXY_ERRORS, code);
}
