/**
 * Errors as the extension rejects them in the asynchronous form: a plain object (not an `Error`, so no stack) whose
 * `message` is the native (Russian) system text followed by the HRESULT in parentheses, e.g. "Операция была
 * отменена пользователем. (0x8010006E)". Consumers read `.message` (crypto-pro's _extractMeaningfulErrorMessage,
 * ruscryptojs' getError, the loaders' getLastError). The emulator also sets a non-standard, non-enumerable
 * `hresult` for its own call log; code under test should read the message, as it must with the real plug-in.
 */
export const HRESULT = {
  E_UNEXPECTED: 0x8000ffff,
  E_INVALIDARG: 0x80070057,
  ERROR_FUNCTION_FAILED: 0x8007065b,
  ERROR_CANCELLED: 0x800704c7,
  /** ERROR_CANCELLED not wrapped as an HRESULT, as the plug-in reports a refused access confirmation. */
  ERROR_CANCELLED_WIN32: 0x000004c7,
  NTE_BAD_ALGID: 0x80090008,
  NTE_BAD_KEYSET: 0x80090016,
  CRYPT_E_BAD_ENCODE: 0x80092002,
  CRYPT_E_NOT_FOUND: 0x80092004,
  CRYPT_E_NO_KEY_PROPERTY: 0x8009200b,
  CERT_E_EXPIRED: 0x800b0101,
  CERT_E_UNTRUSTEDROOT: 0x800b0109,
  CERT_E_CHAINING: 0x800b010a,
  SCARD_W_REMOVED_CARD: 0x80100069,
  SCARD_W_CHV_BLOCKED: 0x8010006c,
  SCARD_W_CANCELLED_BY_USER: 0x8010006e,
  SCARD_E_UNSUPPORTED_FEATURE: 0x80100022,
} as const;

/** The system texts (Russian Windows / CryptoPro CSP wording) the plug-in puts before the code. */
const TEXTS: Record<number, string> = {
  [HRESULT.E_UNEXPECTED]: 'Катастрофический сбой.',
  [HRESULT.E_INVALIDARG]: 'Параметр задан неверно.',
  [HRESULT.ERROR_FUNCTION_FAILED]: 'Сбой при выполнении функции.',
  [HRESULT.ERROR_CANCELLED]: 'Операция была отменена пользователем.',
  [HRESULT.ERROR_CANCELLED_WIN32]: 'Операция была отменена пользователем.',
  [HRESULT.NTE_BAD_ALGID]: 'Указан неправильный алгоритм.',
  [HRESULT.NTE_BAD_KEYSET]: 'Набор ключей не существует.',
  [HRESULT.CRYPT_E_BAD_ENCODE]: 'Ошибка при кодировании или декодировании.',
  [HRESULT.CRYPT_E_NOT_FOUND]: 'Не удается найти объект или свойство.',
  [HRESULT.CRYPT_E_NO_KEY_PROPERTY]: 'Не удается найти сертификат и закрытый ключ для расшифровки.',
  [HRESULT.CERT_E_EXPIRED]:
    'Истек или не наступил срок действия требуемого сертификата при проверке по системным часам или по отметке времени в подписанном файле.',
  [HRESULT.CERT_E_UNTRUSTEDROOT]:
    'Цепочка сертификатов обработана, но прервана на корневом сертификате, у которого отсутствует отношение доверия с поставщиком доверия.',
  [HRESULT.CERT_E_CHAINING]: 'Не удается построить цепочку сертификатов для доверенного корневого центра.',
  [HRESULT.SCARD_W_REMOVED_CARD]: 'Смарт-карта была извлечена, поэтому дальнейший обмен данными с ней невозможен.',
  [HRESULT.SCARD_W_CHV_BLOCKED]: 'Карта не может быть доступна, поскольку превышено максимальное число попыток ввода PIN-кода.',
  [HRESULT.SCARD_W_CANCELLED_BY_USER]: 'Операция была отменена пользователем.',
  [HRESULT.SCARD_E_UNSUPPORTED_FEATURE]: 'Эта смарт-карта не поддерживает запрошенную функцию.',
};

export interface PluginError {
  message: string;
  hresult: number;
}

export function hresultHex(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** An Error like the plug-in's: "<text> (0x…)". `detail` replaces the standard text when given. */
export function pluginError(hresult: number, detail?: string): PluginError {
  const text = detail ?? TEXTS[hresult] ?? 'Неизвестная ошибка.';
  const error = { message: `${text} (${hresultHex(hresult)})` } as PluginError;
  Object.defineProperty(error, 'hresult', { value: hresult >>> 0, enumerable: false });
  return error;
}
