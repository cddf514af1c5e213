/**
 * `ofd-signer/plugin/messages`: what to tell the user for every adapter error code, load failure and certificate
 * problem, in Russian and English. Each sentence says what happened and what to do next; the widget's i18n reuses
 * these tables. A separate import so that the adapter entry stays small: importing it installs the sentences that
 * the error classes' `userMessage(lang)` returns (`sentences.ts`).
 */
import type { CryptoProErrorCode } from './errors/crypto-pro-error.js';
import type { PluginLoadFailureReason } from './errors/plugin-not-installed-error.js';
import { installPluginSentences, type Lang } from './sentences.js';

export type { Lang } from './sentences.js';

const DOWNLOAD = 'https://www.cryptopro.ru/products/cades/plugin';

type Table<K extends string> = Record<Lang, Record<K, string>>;

export const pluginMessages: Table<CryptoProErrorCode> = {
  ru: {
    USER_CANCELLED: 'Подписание отменено: окно ввода PIN-кода было закрыто. Когда будете готовы, нажмите «Подписать» ещё раз.',
    PIN_BLOCKED:
      'PIN-код носителя заблокирован после нескольких неверных попыток. Разблокируйте носитель (PUK-код или программа производителя токена) или обратитесь в удостоверяющий центр.',
    NO_PRIVATE_KEY:
      'Закрытый ключ этого сертификата не найден. Вставьте носитель (токен) с ключом или выберите другой сертификат.',
    TOKEN_NOT_INSERTED: 'Носитель с ключом не вставлен или не отвечает. Вставьте токен, подождите несколько секунд и повторите.',
    CHAIN_NOT_BUILT:
      'Не удаётся построить цепочку сертификатов. Установите сертификаты удостоверяющего центра, выдавшего подпись (они есть на его сайте), и повторите.',
    UNTRUSTED_ROOT:
      'Корневой сертификат удостоверяющего центра не является доверенным. Установите его в «Доверенные корневые центры сертификации» и повторите.',
    CERTIFICATE_EXPIRED:
      'Срок действия сертификата истёк. Выберите действующий сертификат или получите новый в удостоверяющем центре.',
    CSP_ALGORITHM:
      'КриптоПро CSP не поддерживает алгоритм этого ключа: он не установлен, устарел или повреждён. Установите КриптоПро CSP 4.0 или новее и повторите.',
    LICENCE_EXPIRED:
      'Истёк срок лицензии КриптоПро CSP. Введите серийный номер лицензии (КриптоПро PKI → Управление лицензиями) или обратитесь к администратору.',
    INVALID_PARAMETER:
      'Плагин отклонил запрос — так бывает с устаревшей версией КриптоПро ЭЦП Browser plug-in. Установите последнюю версию (' +
      DOWNLOAD +
      ') и перезапустите браузер.',
    INVALID_BASE64: 'Документ для подписи повреждён (не base64). Обновите страницу; если ошибка повторится, сообщите в поддержку.',
    PLUGIN_NOT_INSTALLED:
      'КриптоПро ЭЦП Browser plug-in не отвечает: расширение не установлено, выключено или устарело. Установите плагин (' +
      DOWNLOAD +
      '), включите расширение в браузере и повторите проверку.',
    CERTIFICATE_NOT_FOUND:
      'Выбранный сертификат больше не найден. Вставьте носитель с ним или выберите сертификат из списка заново.',
    PLUGIN_ERROR:
      'Плагин КриптоПро сообщил об ошибке. Повторите попытку; если не поможет, перезапустите браузер и сообщите в поддержку код ошибки.',
  },
  en: {
    USER_CANCELLED: 'Signing was cancelled: the PIN window was closed. Press “Sign” again when you are ready.',
    PIN_BLOCKED:
      "The token's PIN is blocked after too many wrong attempts. Unblock the token (PUK code or the token maker's utility) or contact your certification authority.",
    NO_PRIVATE_KEY:
      'The private key for this certificate was not found. Insert the token that holds the key or choose another certificate.',
    TOKEN_NOT_INSERTED: 'The key token is not inserted or does not respond. Insert the token, wait a few seconds and try again.',
    CHAIN_NOT_BUILT:
      'The certificate chain cannot be built. Install the certificates of the authority that issued your signature (on its website) and try again.',
    UNTRUSTED_ROOT:
      "The certification authority's root certificate is not trusted. Install it into “Trusted Root Certification Authorities” and try again.",
    CERTIFICATE_EXPIRED: 'The certificate has expired. Choose a valid certificate or get a new one from your certification authority.',
    CSP_ALGORITHM:
      "CryptoPro CSP cannot use this key's algorithm: it is missing, outdated or damaged. Install CryptoPro CSP 4.0 or newer and try again.",
    LICENCE_EXPIRED:
      'The CryptoPro CSP licence has expired. Enter a licence serial number (CryptoPro PKI → Licence management) or contact your administrator.',
    INVALID_PARAMETER:
      'The plug-in rejected the request, which usually means an outdated CryptoPro CAdES Browser plug-in. Install the latest one (' +
      DOWNLOAD +
      ') and restart the browser.',
    INVALID_BASE64: 'The document to sign is damaged (not base64). Reload the page; if it happens again, contact support.',
    PLUGIN_NOT_INSTALLED:
      'The CryptoPro CAdES Browser plug-in does not respond: the extension is missing, disabled or too old. Install the plug-in (' +
      DOWNLOAD +
      '), enable the browser extension and check again.',
    CERTIFICATE_NOT_FOUND: 'The chosen certificate is no longer found. Insert the token that holds it or choose a certificate from the list again.',
    PLUGIN_ERROR:
      'The CryptoPro plug-in reported an error. Try again; if that does not help, restart the browser and give support the error code.',
  },
};

/**
 * Load failures where the page itself, not the user's computer, is the problem get their own sentence; the others
 * (`no-extension`, `no-host`, `timeout`) share PLUGIN_NOT_INSTALLED's, which names all three causes.
 */
const pageProblems: Table<'insecure-context' | 'file-protocol' | 'loader-failed' | 'csp-blocked'> = {
  ru: {
    'csp-blocked':
      'Настройки безопасности этой страницы (Content-Security-Policy) не дают подключить расширение КриптоПро. Сообщите владельцу сайта: в script-src нужны источники chrome-extension: и moz-extension:.',

    'insecure-context': 'Страница открыта по незащищённому адресу (http://), а плагин КриптоПро работает только по https://. Откройте страницу по https://.',
    'file-protocol': 'Страница открыта как файл (file://), а плагин КриптоПро так не работает. Откройте её с веб-сервера по https://.',
    'loader-failed': 'Не удалось загрузить скрипт подключения плагина КриптоПро. Проверьте подключение к интернету и обновите страницу.',
  },
  en: {
    'csp-blocked':
      "This page's security settings (Content-Security-Policy) do not let the CryptoPro extension connect. Tell the site's owner: script-src needs the chrome-extension: and moz-extension: sources.",

    'insecure-context': 'The page was opened over plain http://, and the CryptoPro plug-in only works over https://. Open the page over https://.',
    'file-protocol': 'The page was opened as a file (file://), where the CryptoPro plug-in does not work. Open it from a web server over https://.',
    'loader-failed': "The CryptoPro plug-in's loader script could not be loaded. Check the internet connection and reload the page.",
  },
};

/** Why a listed certificate cannot sign now (`SigningCertificate.reasons`). */
export type UnusableReason = 'expired' | 'not-yet-valid' | 'no-private-key' | 'not-gost' | 'obsolete-gost';

export const unusableReasonMessages: Table<UnusableReason> = {
  ru: {
    expired: 'Срок действия сертификата истёк.',
    'not-yet-valid': 'Сертификат ещё не начал действовать.',
    'no-private-key': 'Нет закрытого ключа: вставьте носитель с ключом.',
    'not-gost': 'Ключ не ГОСТ: такой сертификат не подходит для квалифицированной подписи.',
    'obsolete-gost': 'Ключ ГОСТ Р 34.10-2001: подписывать им с 2019 года нельзя, нужен сертификат ГОСТ 2012.',
  },
  en: {
    expired: 'The certificate has expired.',
    'not-yet-valid': 'The certificate is not valid yet.',
    'no-private-key': 'No private key: insert the token holding the key.',
    'not-gost': 'Not a GOST key: this certificate cannot make a qualified signature.',
    'obsolete-gost': 'A GOST R 34.10-2001 key: it may not sign since 2019, a GOST 2012 certificate is needed.',
  },
};

export function pluginMessage(code: CryptoProErrorCode, lang: Lang = 'ru'): string {
  return (pluginMessages[lang] ?? pluginMessages.ru)[code];
}

export function loadFailureMessage(reason: PluginLoadFailureReason, lang: Lang = 'ru'): string {
  const table = pageProblems[lang] ?? pageProblems.ru;
  return reason in table ? table[reason as keyof typeof table] : pluginMessage('PLUGIN_NOT_INSTALLED', lang);
}

/** What to tell the user before a batch, depending on `cachePin()`'s answer. */
export const pinCachingMessages: Record<'cached' | 'perDocument', Record<Lang, string>> = {
  cached: {
    ru: 'CryptoPro запросит PIN-код один раз для всех документов.',
    en: 'CryptoPro will ask for the PIN once for all documents.',
  },
  perDocument: {
    ru: 'CryptoPro будет запрашивать PIN-код для каждого документа.',
    en: 'CryptoPro will ask for the PIN for each document.',
  },
};

installPluginSentences({ error: pluginMessage, loadFailure: loadFailureMessage });
