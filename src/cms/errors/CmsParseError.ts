import { DerFault } from '../fault.js';

/**
 * Stable codes a caller can branch on. The proxy turns them into HTTP 400 answers,
 * the widget into a sentence for the user.
 */
export type CmsParseErrorCode =
  /** The input ends before an element it announces (cut-off upload, truncated base64). */
  | 'DER_TRUNCATED'
  /** Bytes that are not valid BER/DER (bad length, wrong tag, nesting too deep, too many elements...). */
  | 'DER_MALFORMED'
  /** Valid DER, but the outer contentType is not SignedData. */
  | 'CMS_NOT_SIGNED_DATA'
  /** Valid BER/DER, but not the SignedData structure RFC 5652 describes. */
  | 'CMS_MALFORMED'
  /** Valid DER, but not an X.509 certificate. */
  | 'CERT_MALFORMED'
  /** Text that is not base64 (or PEM) where base64 was expected. */
  | 'BASE64_INVALID';

const messagesRu: Record<CmsParseErrorCode, string> = {
  DER_TRUNCATED: 'Подпись или сертификат обрезаны: данные закончились раньше времени.',
  DER_MALFORMED: 'Подпись или сертификат повреждены: это не корректная структура ASN.1.',
  CMS_NOT_SIGNED_DATA: 'Это не электронная подпись CMS (SignedData).',
  CMS_MALFORMED: 'Структура подписи CMS повреждена.',
  CERT_MALFORMED: 'Сертификат повреждён или не является сертификатом X.509.',
  BASE64_INVALID: 'Данные не в формате base64.',
};

const messagesEn: Record<CmsParseErrorCode, string> = {
  DER_TRUNCATED: 'The signature or certificate is truncated: the data ends too early.',
  DER_MALFORMED: 'The signature or certificate is damaged: not a valid ASN.1 structure.',
  CMS_NOT_SIGNED_DATA: 'This is not a CMS electronic signature (SignedData).',
  CMS_MALFORMED: 'The CMS signature structure is damaged.',
  CERT_MALFORMED: 'The certificate is damaged or is not an X.509 certificate.',
  BASE64_INVALID: 'The data is not base64.',
};

/** Thrown by every reader in `src/cms` for input it cannot read. Never a RangeError or a hang. */
export class CmsParseError extends Error {
  override name = 'CmsParseError';
  readonly code: CmsParseErrorCode;
  /** Byte offset in the input where the problem was seen, when known. */
  readonly offset: number | undefined;
  /** Sentence for a Russian-speaking user. */
  readonly userMessageRu: string;
  /** Sentence for an English-speaking user. */
  readonly userMessageEn: string;

  constructor(code: CmsParseErrorCode, detail: string, options?: { offset?: number; cause?: unknown }) {
    const at = options?.offset === undefined ? '' : ` (at byte ${options.offset})`;
    super(`${code}: ${detail}${at}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.offset = options?.offset;
    this.userMessageRu = messagesRu[code];
    this.userMessageEn = messagesEn[code];
  }
}

export function isCmsParseError(value: unknown): value is CmsParseError {
  return value instanceof CmsParseError || (value instanceof Error && value.name === 'CmsParseError' && 'code' in value);
}

/** The public form of an internal {@link DerFault}; anything else is returned unchanged. */
export function toCmsParseError(error: unknown): unknown {
  return error instanceof DerFault ? new CmsParseError(error.code, error.message, { offset: error.offset }) : error;
}
