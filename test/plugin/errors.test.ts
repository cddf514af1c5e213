import { describe, expect, it } from 'vitest';
import {
  CertificateExpiredError,
  ChainNotBuiltError,
  CryptoProError,
  CspAlgorithmError,
  InvalidBase64Error,
  InvalidParameterError,
  isCryptoProError,
  LicenceExpiredError,
  mapPluginError,
  NoPrivateKeyError,
  PinBlockedError,
  PluginError,
  PluginNotInstalledError,
  TokenNotInsertedError,
  UntrustedRootError,
  UserCancelledError,
  type CryptoProErrorCode,
} from '../../src/plugin/index.js';
import { pluginMessages } from '../../src/plugin/messages.js';

/** DESIGN.md's table: every HRESULT family, the class and the code it must become. */
const table: [number, new (...args: never[]) => CryptoProError, CryptoProErrorCode][] = [
  [0x8010006e, UserCancelledError, 'USER_CANCELLED'],
  [0x800704c7, UserCancelledError, 'USER_CANCELLED'],
  [0x8010006c, PinBlockedError, 'PIN_BLOCKED'],
  [0x80090016, NoPrivateKeyError, 'NO_PRIVATE_KEY'],
  [0x8009000d, NoPrivateKeyError, 'NO_PRIVATE_KEY'],
  [0x80092004, NoPrivateKeyError, 'NO_PRIVATE_KEY'],
  [0x8009200b, NoPrivateKeyError, 'NO_PRIVATE_KEY'],
  [0x8000ffff, TokenNotInsertedError, 'TOKEN_NOT_INSERTED'],
  [0x800b010a, ChainNotBuiltError, 'CHAIN_NOT_BUILT'],
  [0x800b0109, UntrustedRootError, 'UNTRUSTED_ROOT'],
  [0x800b0101, CertificateExpiredError, 'CERTIFICATE_EXPIRED'],
  [0x80090008, CspAlgorithmError, 'CSP_ALGORITHM'],
  [0x80090017, CspAlgorithmError, 'CSP_ALGORITHM'],
  [0x80090019, CspAlgorithmError, 'CSP_ALGORITHM'],
  [0x8007065b, LicenceExpiredError, 'LICENCE_EXPIRED'],
  [0x80070057, InvalidParameterError, 'INVALID_PARAMETER'],
  [0x80092002, InvalidBase64Error, 'INVALID_BASE64'],
];

const hex = (h: number) => `0x${h.toString(16).toUpperCase().padStart(8, '0')}`;

describe('mapPluginError', () => {
  it.each(table)('maps %s from the message "... (0x…)" to its class and code', (hresult, Class, code) => {
    const thrown = new Error(`Ошибка при выполнении операции. (${hex(hresult)})`);
    const mapped = mapPluginError(thrown);
    expect(mapped).toBeInstanceOf(Class);
    expect(mapped).toBeInstanceOf(CryptoProError);
    expect(mapped.code).toBe(code);
    expect(mapped.hresult).toBe(hresult);
    expect(mapped.originalMessage).toBe(thrown.message);
    expect(mapped.cause).toBe(thrown);
    expect(mapped.userMessage('ru')).toBe(pluginMessages.ru[code]);
    expect(mapped.userMessage('en')).toBe(pluginMessages.en[code]);
  });

  it('reads lower-case hex and takes the last code in the text', () => {
    const mapped = mapPluginError(new Error('Internal error 0x80070057 while handling (0x8010006e)'));
    expect(mapped.code).toBe('USER_CANCELLED');
  });

  it('reads a COM-style negative `number` when the message has none', () => {
    const mapped = mapPluginError({ message: 'Действие было отменено пользователем.', number: 0x8010006e | 0 });
    expect(mapped).toBeInstanceOf(UserCancelledError);
    expect(mapped.hresult).toBe(0x8010006e);
  });

  it('asks getLastError when the loader has it and the thrown text carries no code', () => {
    const thrown = new Error('Unknown error');
    const plugin = { getLastError: (e: unknown) => (e === thrown ? 'Нет прав доступа к ключу. (0x8009200B)' : '') };
    const mapped = mapPluginError(thrown, plugin);
    expect(mapped).toBeInstanceOf(NoPrivateKeyError);
    expect(mapped.originalMessage).toContain('Нет прав доступа');
  });

  it('accepts getLastError returning an object with a message (some loaders do)', () => {
    const plugin = { getLastError: () => ({ message: 'Срок действия лицензии истек. (0x8007065B)' }) as unknown as string };
    expect(mapPluginError(new Error('boom'), plugin)).toBeInstanceOf(LicenceExpiredError);
  });

  it('survives a getLastError that throws', () => {
    const plugin = {
      getLastError: () => {
        throw new Error('not a plugin error');
      },
    };
    expect(mapPluginError(new Error('x (0x800B0109)'), plugin)).toBeInstanceOf(UntrustedRootError);
  });

  it('turns unknown failures, strings and non-errors into PluginError with the text kept', () => {
    const unknown = mapPluginError(new Error('Something odd (0x80004005)'));
    expect(unknown).toBeInstanceOf(PluginError);
    expect(unknown.code).toBe('PLUGIN_ERROR');
    expect(unknown.hresult).toBe(0x80004005);
    expect(unknown.message).toContain('0x80004005');
    expect(mapPluginError('Плагин недоступен').originalMessage).toBe('Плагин недоступен');
    expect(mapPluginError(undefined)).toBeInstanceOf(PluginError);
  });

  it('passes CryptoProErrors through untouched', () => {
    const error = new PinBlockedError({ hresult: 0x8010006c });
    expect(mapPluginError(error)).toBe(error);
  });
});

describe('error classes', () => {
  it('carry a stable name and code, and the type guard recognises them', () => {
    const error = new UserCancelledError({ hresult: 0x8010006e, originalMessage: 'cancelled' });
    expect(error.name).toBe('UserCancelledError');
    expect(error.code).toBe('USER_CANCELLED');
    expect(error).toBeInstanceOf(Error);
    expect(isCryptoProError(error)).toBe(true);
    expect(isCryptoProError(new Error('x'))).toBe(false);
    expect(isCryptoProError({ code: 'USER_CANCELLED' })).toBe(false);
    expect(error.message).toBe('USER_CANCELLED 0x8010006E: cancelled');
  });

  it('PluginNotInstalledError names the download page and gives page problems their own sentence', () => {
    const timeout = new PluginNotInstalledError({ reason: 'timeout' });
    expect(timeout.code).toBe('PLUGIN_NOT_INSTALLED');
    expect(timeout.downloadUrl).toBe('https://www.cryptopro.ru/products/cades/plugin');
    expect(timeout.userMessage('ru')).toContain('https://www.cryptopro.ru/products/cades/plugin');
    expect(timeout.userMessage('ru')).toMatch(/не установлено, выключено или устарело/);
    expect(timeout.userMessage('en')).toMatch(/missing, disabled or too old/);
    const file = new PluginNotInstalledError({ reason: 'file-protocol' });
    expect(file.userMessage('ru')).toContain('file://');
    expect(file.userMessage('en')).toContain('file://');
    expect(new PluginNotInstalledError({ reason: 'insecure-context' }).userMessage('en')).toContain('https://');
  });
});

describe('messages', () => {
  it('has a Russian and an English sentence for every code, each different and ending with a full stop', () => {
    const codes = Object.keys(pluginMessages.ru).sort();
    expect(Object.keys(pluginMessages.en).sort()).toEqual(codes);
    for (const code of codes as CryptoProErrorCode[]) {
      const ru = pluginMessages.ru[code];
      const en = pluginMessages.en[code];
      expect(ru).toMatch(/[а-яё]/i);
      expect(en).not.toMatch(/[а-яё]/i);
      expect(ru).toMatch(/\.$/);
      expect(en).toMatch(/\.$/);
    }
    expect(new Set(Object.values(pluginMessages.ru)).size).toBe(codes.length);
  });
});
