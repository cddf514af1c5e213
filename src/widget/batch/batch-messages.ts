/**
 * Sentences of the batch journey (several applications in one sitting), Russian and English. Kept beside the
 * batch code rather than in the element's catalogues so the single-application bundle text stays as it was.
 */
import type { Lang } from '../i18n/index.js';

const plural = (n: number, one: string, few: string, many: string) => {
  const d = n % 10;
  const dd = n % 100;
  return d === 1 && dd !== 11 ? one : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? few : many;
};

export const batchRu = {
  loadingTitle: (n: number) => `Загружаем заявки (${n})…`,
  reviewTitle: (n: number) => `Проверьте, что подписываете: ${n} ${plural(n, 'касса', 'кассы', 'касс')}`,
  reviewSummary: (docs: number, apps: number) =>
    `К подписи ${docs} ${plural(docs, 'документ', 'документа', 'документов')} в ${apps} ${plural(apps, 'заявке', 'заявках', 'заявках')}.`,
  register: (k: number, n: number) => `Касса ${k} из ${n}`,
  fieldModel: 'Модель ККТ',
  fieldSerial: 'Заводской номер',
  fieldFn: 'Фискальный накопитель',
  fieldAddress: 'Адрес установки',
  skipped: 'Пропущена:',
  notReady: 'Подписывать сейчас не нужно:',
  pinOnce: (n: number) => `КриптоПро спросит PIN-код один раз — для всех ${n} ${plural(n, 'документа', 'документов', 'документов')} (PIN запоминается до закрытия браузера).`,
  pinEach: (n: number) => `КриптоПро спросит PIN-код для каждого документа (${n} раз): плагин или носитель не разрешают запомнить PIN.`,
  pinWindow: 'PIN-код вводится в окне КриптоПро — оно может открыться позади браузера.',
  signAll: (n: number) => `Подписать все (${n} ${plural(n, 'документ', 'документа', 'документов')})`,
  signRemaining: (n: number) => `Подписать оставшиеся (${n} ${plural(n, 'документ', 'документа', 'документов')})`,
  retry: (n: number) => `Повторить для ${n} ${plural(n, 'заявки', 'заявок', 'заявок')}`,
  signingTitle: 'Подписываем заявки',
  signingProgress: (k: number, n: number) => `Подписываем документ ${k} из ${n}`,
  signingApplication: (register: string) => `Сейчас: ${register}`,
  cancelled: (sent: number) =>
    `Подписание остановлено: PIN-код не введён. Уже отправленные подписи (${sent}) остаются в силе, больше ничего не отправлено. Оставшиеся можно подписать сейчас или позже по той же ссылке.`,
  stopped: 'Подписание остановлено, больше ничего не отправлено:',
  tableTitle: 'Заявки',
  tableCaption: 'Статус каждой заявки обновляется сам.',
  columns: { register: 'Касса', status: 'Статус', reason: 'Причина', documents: 'Документы' },
  documents: (signed: number, total: number) => `подписано ${signed} из ${total}`,
  openReport: 'Ввести отчёт о регистрации',
  closeReport: 'Вернуться к таблице',
  reportHint: 'Каждая касса печатает свой отчёт о регистрации: откройте строку кассы и перенесите три значения из её отчёта.',
  states: {
    loading: 'Загружается',
    skipped: 'Пропущена',
    ready: 'Ждёт подписи',
    signing: 'Подписывается',
    sending: 'Отправляется',
    tracking: 'Отправлена, ждём ответа',
    unresolved: 'Отправка не подтверждена',
    report: 'Нужен отчёт о регистрации',
    approved: 'Одобрена',
    rejected: 'Отклонена',
    failed: 'Ошибка ОФД',
    error: 'Не удалось',
  },
  unresolved: 'Связь прервалась во время отправки: подпись повторно не отправляется, ждём статус.',
  notSigned: 'Не подписана: подписание было остановлено.',
  approvedAll: (k: number, n: number) => `Одобрено ${k} из ${n}.`,
  announceRow: (register: string, state: string) => `${register}: ${state}`,
  missingIds: 'В ссылке нет номеров заявок. Попросите у партнёра новую ссылку для подписания.',
  documentsNotReady: 'ОФД ещё формирует документы этой заявки. Нажмите «Повторить» чуть позже.',
};

export type BatchMessages = {
  [K in keyof typeof batchRu]: (typeof batchRu)[K] extends (...a: infer A) => string
    ? (...a: A) => string
    : (typeof batchRu)[K] extends string
      ? string
      : { [J in keyof (typeof batchRu)[K]]: string };
};

const pluralEn = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const batchEn: BatchMessages = {
  loadingTitle: (n) => `Loading the applications (${n})…`,
  reviewTitle: (n) => `Check what you are signing: ${n} cash ${pluralEn(n, 'register', 'registers')}`,
  reviewSummary: (docs, apps) => `${docs} ${pluralEn(docs, 'document', 'documents')} to sign in ${apps} ${pluralEn(apps, 'application', 'applications')}.`,
  register: (k, n) => `Cash register ${k} of ${n}`,
  fieldModel: 'Model',
  fieldSerial: 'Serial number',
  fieldFn: 'Fiscal drive',
  fieldAddress: 'Installation address',
  skipped: 'Skipped:',
  notReady: 'Nothing to sign now:',
  pinOnce: (n) => `CryptoPro will ask for the PIN once for all ${n} ${pluralEn(n, 'document', 'documents')} (it is remembered until the browser is closed).`,
  pinEach: (n) => `CryptoPro will ask for the PIN for each document (${n} times): the plug-in or the token does not allow remembering it.`,
  pinWindow: 'The PIN is entered in CryptoPro’s own window, which may open behind the browser.',
  signAll: (n) => `Sign all (${n} ${pluralEn(n, 'document', 'documents')})`,
  signRemaining: (n) => `Sign the remaining (${n} ${pluralEn(n, 'document', 'documents')})`,
  retry: (n) => `Retry for ${n} ${pluralEn(n, 'application', 'applications')}`,
  signingTitle: 'Signing the applications',
  signingProgress: (k, n) => `Signing document ${k} of ${n}`,
  signingApplication: (register) => `Now: ${register}`,
  cancelled: (sent) =>
    `Signing stopped: the PIN was not entered. Signatures already sent (${sent}) stand; nothing else was sent. Sign the remaining now or later with the same link.`,
  stopped: 'Signing stopped; nothing else was sent:',
  tableTitle: 'Applications',
  tableCaption: 'Each application’s status updates by itself.',
  columns: { register: 'Cash register', status: 'Status', reason: 'Reason', documents: 'Documents' },
  documents: (signed, total) => `${signed} of ${total} signed`,
  openReport: 'Enter the registration report',
  closeReport: 'Back to the table',
  reportHint: 'Each cash register prints its own registration report: open the register’s row and copy the three values from its report.',
  states: {
    loading: 'Loading',
    skipped: 'Skipped',
    ready: 'Waiting for signature',
    signing: 'Signing',
    sending: 'Sending',
    tracking: 'Sent, waiting for the answer',
    unresolved: 'Sending not confirmed',
    report: 'Registration report needed',
    approved: 'Approved',
    rejected: 'Rejected',
    failed: 'OFD error',
    error: 'Failed',
  },
  unresolved: 'The connection dropped while sending: the signature is not sent again; waiting for the status.',
  notSigned: 'Not signed: signing was stopped.',
  approvedAll: (k, n) => `${k} of ${n} approved.`,
  announceRow: (register, state) => `${register}: ${state}`,
  missingIds: 'The link has no application numbers. Ask the partner for a new signing link.',
  documentsNotReady: 'OFD is still generating this application’s documents. Press “Retry” a little later.',
};

export function batchMessages(lang: Lang): BatchMessages {
  return lang === 'en' ? batchEn : batchRu;
}
