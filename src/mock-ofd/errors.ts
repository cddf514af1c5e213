import type { OfdErrorItem } from '../api/types.js';

/** A failure the mock answers in OFD's envelope, thrown from handlers and caught by the app's onError. */
export class OfdFailure extends Error {
  override name = 'OfdFailure';
  readonly status: number;
  readonly items: OfdErrorItem[];
  constructor(status: number, code: string, ...messages: string[]) {
    super(`${code}: ${messages.join('; ')}`);
    this.status = status;
    this.items = (messages.length > 0 ? messages : ['']).map((Message) => ({ Code: code, Message }));
  }
}

/** Thrown by the drop fault when there is no socket to destroy (app.request): the caller's fetch rejects. */
export class ConnectionDropped extends Error {
  override name = 'ConnectionDropped';
  constructor() {
    super('mock OFD dropped the connection after processing the request');
  }
}

export const validation = (...messages: string[]) => new OfdFailure(400, 'ValidationError', ...messages);
export const accessDenied = (message: string) => new OfdFailure(400, 'AccessDenied', message);

/** Messages of the spec's tables, verbatim. */
export const MSG = {
  applicationNotFound: 'Заявка не найдена',
  fileNotFound: 'Файл не найден',
  cannotVerifySignature: 'Не удалось проверить КЭП',
  wrongStatus: 'Некорректный статус заявки',
  serverError: 'Ошибка на сервере',
  noAccess: 'Нет доступа',
  forbidden: 'Доступ запрещён',
  cannotDetermineToken: 'Не удалось определить токен',
  noAuthData: 'Не найдены авторизационные данные',
  badToken: 'Некорректный авторизационный токен',
  cabinetNotFound: 'Кабинет партнёра не найден',
  noInn: 'Не задан ИНН',
  noKkt: 'Не заданы данные кассы',
  noFnModel: 'Не определена модель ФН',
  noReregReason: 'Не задана причина перерегистрации ККТ',
  noClosedFn: 'Не заданы данные отчёта о закрытии ФН',
  noReregReport: 'Не заданы данные отчёта о перерегистрации',
  noKktModel: 'Не удалось определить модель ККТ',
  noKktSerial: 'Не удалось определить ЗН ККТ',
  kktNotRegistered: 'Касса не зарегистрирована в ФНС',
  fdNumberTooLong: (max: number) => `Номер ФД не может превышать ${max} символов`,
  fpTooLong: (max: number) => `Признак ФД не может превышать ${max} символов`,
  dateInFuture: 'Дата фискализации не может быть позже сегодняшней',
  simplifiedNoRegNumber: 'Регистрационный номер ККТ не заполнен (RegNumber)',
  simplifiedNoFnNumber: 'Серийный номер ФН не заполнен (FnNumber)',
  simplifiedNoDocumentNumber: 'Номер документа не заполнен (DocumentNumber)',
  simplifiedNoInn: 'ИНН не заполнен (Inn)',
  simplifiedNoPurpose: 'Не указано назначение (Purpose)',
  simplifiedNotFound: 'Заявка не найдена (ApplicationNotFound)',
  userNotFound: 'Пользователь не найден',
  agreementNotFound: 'Договор не найден',
  simplifiedStartFailed: 'Не удалось запустить упрощённый процесс регистрации',
  simplifiedStatusCheckFailed: 'Не удалось проверить статус заявки',
  simplifiedStatusGetFailed: 'Не удалось получить статус',
  // Not in the spec's tables: the mock's own wording for cases the spec leaves open.
  badJson: 'Некорректный формат запроса',
  noPurpose: 'Не указано назначение (Purpose)',
  noRepresentative: 'Не заданы данные МЧД (Number, EvaluateDate, DocId)',
  noSignerName: 'Не заданы фамилия и имя подписанта (LastName, GivenName)',
  noDocumentId: 'Не задан идентификатор документа (DocumentId)',
  noSignature: 'Не задана подпись (Signature)',
  noRegistrationReport: 'Не заданы данные отчёта о регистрации',
  badReportDate: 'Некорректная дата фискализации',
  reportDigitsOnly: 'Номер и признак ФД должны состоять из цифр',
} as const;
