import { describe, expect, it } from 'vitest';
import { KNOWN_MESSAGE_KEYS, reasonFromMessages, userMessageFor } from '../../src/api/index.js';

describe('user messages', () => {
  it('has a Russian and an English sentence for every code and reason', () => {
    for (const key of KNOWN_MESSAGE_KEYS) {
      const asCode = { code: key, messages: ['деталь'] };
      const asReason = { code: 'ValidationError', reason: key as never, messages: ['деталь'] };
      for (const error of [asCode, asReason]) {
        const ru = userMessageFor(error, 'ru');
        const en = userMessageFor(error, 'en');
        expect(ru).toMatch(/[А-Яа-яЁё]/);
        expect(en).toMatch(/^[\x20-\x7e«»—’]*[A-Za-z][\s\S]*$/);
        expect(ru).not.toBe(en);
      }
    }
  });

  it.each([
    ['Заявка не найдена', 'APPLICATION_NOT_FOUND'],
    ['Файл не найден', 'DOCUMENT_NOT_FOUND'],
    ['Не удалось проверить КЭП', 'SIGNATURE_NOT_VERIFIED'],
    ['Некорректный статус заявки', 'WRONG_APPLICATION_STATUS'],
    ['Доступ запрещен', 'ACCESS_FORBIDDEN'],
    ['Доступ запрещён', 'ACCESS_FORBIDDEN'],
    ['Кабинет партнера не найден', 'PARTNER_CABINET_NOT_FOUND'],
    ['Номер ФД не может превышать 10 символов', 'REPORT_FIELD_INVALID'],
  ])('recognises %s', (message, reason) => {
    expect(reasonFromMessages([message])).toBe(reason);
  });

  it('recognises nothing in unrelated text', () => {
    expect(reasonFromMessages(['Что-то иное'])).toBeUndefined();
  });

  it('says what to do for the four sign errors, in both languages', () => {
    const say = (reason: string, lang: 'ru' | 'en') => userMessageFor({ code: 'ValidationError', reason: reason as never, messages: [] }, lang);
    expect(say('SIGNATURE_NOT_VERIFIED', 'ru')).toMatch(/сертификат/);
    expect(say('WRONG_APPLICATION_STATUS', 'en')).toMatch(/Reload/);
    expect(say('DOCUMENT_NOT_FOUND', 'ru')).toMatch(/Обновите страницу/);
    expect(say('APPLICATION_NOT_FOUND', 'en')).toMatch(/contact/);
  });

  it('quotes OFD text for an unrecognised validation error', () => {
    expect(userMessageFor({ code: 'ValidationError', messages: ['Договор не найден'] }, 'ru')).toContain('Договор не найден');
  });
});
