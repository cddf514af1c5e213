/**
 * Reading (and, for the mock, writing) OFD's envelopes. The spec has two (section 6.1 vs the section 7
 * examples), failures can arrive on HTTP 200, gateways answer HTML or nothing, and the proxy adds its own
 * error form. `unwrapEnvelope` turns all of that into `Data` or one typed error.
 */
import { OfdAccessDeniedError } from './errors/ofd-access-denied-error.js';
import { OfdApiError } from './errors/ofd-api-error.js';
import { OfdBadResponseError } from './errors/ofd-bad-response-error.js';
import { OfdValidationError } from './errors/ofd-validation-error.js';
import { ProxyError } from './errors/proxy-error.js';
import { reasonFromMessages } from './messages.js';
import type { OfdErrorItem } from './types.js';

/** `status`: `{Status:"Success",Data}` (section 6.1); `success`: `{Data,Success:true}` (section 7 examples). */
export type EnvelopeStyle = 'status' | 'success';

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const OFD_SERVER_CODES = new Set(['InternalServerError', 'InternalError']);
/** The named codes of Tables 17–28 that mean a definite refusal. */
const ACCESS_CODES = new Set(['AccessDenied', 'B2bAgreementNotFound']);
const VALIDATION_CODES = new Set(['ValidationError', 'DataNotFound']);
const ACCESS_REASONS = new Set(['NO_ACCESS', 'ACCESS_FORBIDDEN', 'TOKEN_NOT_DETERMINED', 'AUTH_DATA_NOT_FOUND', 'INVALID_AUTH_TOKEN', 'PARTNER_CABINET_NOT_FOUND']);

/**
 * The typed error for OFD's `{Code, Message}` items. Section 6.1 gives `Code` as a number ("не равно 0") while
 * the tables name codes (`ValidationError` …): with a code that is not one of the named ones, only a message the
 * tables list makes it a definite refusal; anything else (an internal error under a number included) stays an
 * `OfdApiError`, which `sign` treats as an unknown outcome.
 */
export function errorFromOfdItems(httpStatus: number, items: readonly OfdErrorItem[]): OfdApiError {
  const code = items[0]?.Code || 'UnknownError';
  const messages = items.map((i) => i.Message).filter((m) => m !== '');
  const reason = reasonFromMessages(messages);
  const init = { code, status: httpStatus, messages, reason };
  const named = ACCESS_CODES.has(code) || VALIDATION_CODES.has(code) || OFD_SERVER_CODES.has(code);
  if (httpStatus < 500 && (ACCESS_CODES.has(code) || (reason !== undefined && ACCESS_REASONS.has(reason)))) {
    return new OfdAccessDeniedError(init);
  }
  if (httpStatus < 500 && (VALIDATION_CODES.has(code) || (!named && reason !== undefined))) return new OfdValidationError(init);
  return new OfdApiError({ ...init, retryable: httpStatus >= 500 || OFD_SERVER_CODES.has(code) });
}

function item(v: unknown): OfdErrorItem {
  if (!isObject(v)) return { Code: 'UnknownError', Message: typeof v === 'string' ? v : '' };
  const code = typeof v.Code === 'string' || typeof v.Code === 'number' ? String(v.Code) : 'UnknownError';
  return { Code: code, Message: text(v.Message) ?? text(v.message) ?? '' };
}

function proxyError(httpStatus: number, error: JsonObject): ProxyError {
  const messages = isObject(error.Messages) ? error.Messages : {};
  const localized: { ru?: string; en?: string } = {};
  for (const lang of ['ru', 'en'] as const) if (text(messages[lang]) !== undefined) localized[lang] = text(messages[lang]);
  return new ProxyError({
    code: String(error.Code ?? 'PROXY_ERROR'),
    status: httpStatus,
    message: text(error.Message) ?? '',
    localizedMessages: localized,
    retryable: error.Retryable === true,
    requestId: text(error.RequestId),
  });
}

/** The proxy extends `Error` with these; OFD never sends them. */
function isProxyErrorObject(error: JsonObject): boolean {
  return 'Messages' in error || 'Retryable' in error || 'RequestId' in error;
}

/**
 * Return `Data` of a successful answer (null when OFD sent none); throw an OfdApiError subclass otherwise.
 * A success-shaped body on a non-2xx status is not trusted.
 */
export function unwrapEnvelope(httpStatus: number, bodyText: string): unknown {
  const text = bodyText.trim();
  if (text === '') throw new OfdBadResponseError(httpStatus, bodyText, 'empty body');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const what = text.startsWith('<') ? 'HTML instead of JSON' : 'invalid JSON';
    throw new OfdBadResponseError(httpStatus, bodyText, what, cause);
  }
  if (!isObject(json)) throw new OfdBadResponseError(httpStatus, bodyText, 'JSON is not an envelope object');

  if (json.Status === 'Failed' || json.Success === false) {
    if (isObject(json.Error) && isProxyErrorObject(json.Error)) throw proxyError(httpStatus, json.Error);
    const raw = Array.isArray(json.Errors) ? json.Errors : json.Error !== undefined ? [json.Error] : [];
    throw errorFromOfdItems(httpStatus, raw.map(item));
  }
  const succeeded = json.Status === 'Success' || json.Success === true;
  if (!succeeded) throw new OfdBadResponseError(httpStatus, bodyText, 'neither Status nor Success in the body');
  if (httpStatus < 200 || httpStatus > 299) {
    throw new OfdBadResponseError(httpStatus, bodyText, `success body on HTTP ${httpStatus}`);
  }
  return json.Data ?? null;
}

/** A success body in the given style. */
export function successEnvelope(style: EnvelopeStyle, data: unknown): JsonObject {
  return style === 'status' ? { Status: 'Success', Data: data } : { Data: data, Success: true };
}

/**
 * A failure body in the given style. Section 6.1's form carries one error, so several messages are joined.
 */
export function failureEnvelope(style: EnvelopeStyle, errors: readonly OfdErrorItem[]): JsonObject {
  if (style === 'success') return { Data: null, Success: false, Errors: errors.map((e) => ({ ...e })) };
  return {
    Status: 'Failed',
    Error: { Code: errors[0]?.Code ?? 'UnknownError', Message: errors.map((e) => e.Message).join('; ') },
  };
}
