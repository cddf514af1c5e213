import { pluginCatalogue, type Lang } from '../sentences.js';

/** Stable codes a caller can `switch` on; one per error class. */
export type CryptoProErrorCode =
  | 'USER_CANCELLED'
  | 'PIN_BLOCKED'
  | 'NO_PRIVATE_KEY'
  | 'TOKEN_NOT_INSERTED'
  | 'CHAIN_NOT_BUILT'
  | 'UNTRUSTED_ROOT'
  | 'CERTIFICATE_EXPIRED'
  | 'CSP_ALGORITHM'
  | 'LICENCE_EXPIRED'
  | 'INVALID_PARAMETER'
  | 'INVALID_BASE64'
  | 'PLUGIN_NOT_INSTALLED'
  | 'CERTIFICATE_NOT_FOUND'
  | 'PLUGIN_ERROR';

export interface CryptoProErrorDetails {
  /** The HRESULT as an unsigned 32-bit number, e.g. 0x8010006e. */
  hresult?: number | undefined;
  /** What the plug-in or loader said, verbatim (often Russian). */
  originalMessage?: string | undefined;
  cause?: unknown;
}

/** Base of every error the adapter throws: a stable `code`, the HRESULT, the plug-in's own text. */
export class CryptoProError extends Error {
  override name = 'CryptoProError';
  readonly code: CryptoProErrorCode;
  readonly hresult: number | undefined;
  readonly originalMessage: string;

  constructor(code: CryptoProErrorCode, details: CryptoProErrorDetails = {}) {
    const original = details.originalMessage ?? '';
    const hex = details.hresult === undefined ? '' : ` ${hresultHex(details.hresult)}`;
    super(`${code}${hex}${original ? `: ${original}` : ''}`, { cause: details.cause });
    this.code = code;
    this.hresult = details.hresult;
    this.originalMessage = original;
  }

  /**
   * What the user should do, in their language (the widget shows this sentence). The sentences come with
   * `ofd-signer/plugin/messages` (or the widget's language); without them, the technical message.
   */
  userMessage(lang: Lang = 'ru'): string {
    return pluginCatalogue(lang)?.errors[this.code] ?? this.message;
  }
}

/** `0x8010006E`: the form CryptoPro prints and support staff search for. */
export function hresultHex(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

export function isCryptoProError(value: unknown): value is CryptoProError {
  return value instanceof CryptoProError;
}
