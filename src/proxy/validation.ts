/**
 * Format checks on everything the browser sends, done before any byte goes upstream.
 * Each returns the checked value or throws ProxyError(INVALID_ID / INVALID_BODY).
 */
import { ProxyError } from './errors/proxy-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function checkUuid(value: unknown, what = 'id'): string {
  if (!isUuid(value)) throw new ProxyError('INVALID_ID', { detail: `${what} is not a UUID` });
  return value.toLowerCase();
}

function bodyError(detail: string): ProxyError {
  return new ProxyError('INVALID_BODY', { detail });
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bodyError('body is not a JSON object');
  return body as Record<string, unknown>;
}

/**
 * Names come from the signer's certificate, which the signer cannot edit, so any printable text a CA may write
 * passes (hyphens of every kind, «», „“, &, :, №, +, #); what is refused is markup and what cannot be seen:
 * control, format (bidi overrides, zero-width) and unassigned characters. Unicode spaces become plain ones.
 */
const NOT_PRINTABLE = /[\p{C}<>]/u;

function checkName(value: unknown, field: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw bodyError(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw bodyError(`${field} must be a string`);
  if (NOT_PRINTABLE.test(value.replace(/\p{Zs}/gu, ' '))) throw bodyError(`${field} has characters not allowed in a name`);
  const trimmed = value.replace(/\p{Zs}+/gu, ' ').trim();
  if (trimmed.length === 0 && required) throw bodyError(`${field} is required`);
  if (trimmed.length > max) throw bodyError(`${field} is longer than ${max} characters`);
  return trimmed;
}

export interface SignerNames {
  LastName: string;
  GivenName: string;
  Position?: string;
}

/** Body of prepareDocuments: only these three fields are forwarded. */
export function checkSignerNames(body: unknown): SignerNames {
  const o = asObject(body);
  const names: SignerNames = {
    LastName: checkName(o.LastName, 'LastName', 100, true)!,
    GivenName: checkName(o.GivenName, 'GivenName', 200, true)!,
  };
  // Always sent, '' when the certificate has no title (T): the request's contract has Position as a string, and
  // entrepreneurs' and employees' personal certificates often carry no T.
  names.Position = checkName(o.Position, 'Position', 200, false) ?? '';
  return names;
}

export interface SignRequest {
  DocumentId: string;
  Signature: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Body of sign: a document id and a base64 signature of bounded size (whitespace such as CryptoPro's line breaks removed). */
export function checkSignRequest(body: unknown, maxSignatureBytes: number): SignRequest {
  const o = asObject(body);
  const DocumentId = checkUuid(o.DocumentId, 'DocumentId');
  if (typeof o.Signature !== 'string' || o.Signature.length === 0) throw bodyError('Signature is required');
  const signature = o.Signature.replace(/[\r\n\t ]/g, '');
  if (Math.floor((signature.length * 3) / 4) > maxSignatureBytes) {
    throw new ProxyError('BODY_TOO_LARGE', { detail: 'signature too large' });
  }
  if (signature.length % 4 !== 0 || !BASE64.test(signature)) throw bodyError('Signature is not base64');
  return { DocumentId, Signature: signature };
}

export interface FiscalDocumentData {
  DateTime: string;
  DocumentNumber: string;
  Signature: string;
}

/**
 * The date and time as typed (`2021-12-09T13:45`, a space instead of T, seconds and a fraction optional). OFD's
 * format is ISO 8601 without a zone offset (spec 7.6.1 and its footnote on dates), so an offset is refused rather
 * than guessed at, and what goes upstream is always `YYYY-MM-DDTHH:mm:ss`.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;
/** FD numbers and printed fiscal signs are unsigned 32-bit numbers. */
const MAX_UINT32 = 4_294_967_295;

/** Registration report: accepts `{KktDetails:{FiscalDocumentData:{…}}}` or the bare `{FiscalDocumentData:{…}}`. */
export function checkRegistrationReport(body: unknown): { KktDetails: { FiscalDocumentData: FiscalDocumentData } } {
  const o = asObject(body);
  const kkt = o.KktDetails === undefined ? o : asObject(o.KktDetails);
  const data = asObject(kkt.FiscalDocumentData);
  const { DateTime, DocumentNumber, Signature } = data;
  const match = DATE_TIME.exec(typeof DateTime === 'string' ? DateTime.trim() : '');
  if (!match || !plausibleDate(match)) throw bodyError('FiscalDocumentData.DateTime is not a date and time (YYYY-MM-DDTHH:mm:ss, no zone)');
  const dateTime = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}`;
  const number = digitString(DocumentNumber);
  if (number === undefined || Number(number) < 1 || Number(number) > MAX_UINT32) {
    throw bodyError('FiscalDocumentData.DocumentNumber must be a number from 1 to 4294967295');
  }
  const sign = digitString(Signature);
  if (sign === undefined || Number(sign) > MAX_UINT32) {
    throw bodyError('FiscalDocumentData.Signature (fiscal sign) must be a number of at most 10 digits, up to 4294967295');
  }
  // The FD number is a count (leading zeros dropped); the fiscal sign goes on as printed.
  return { KktDetails: { FiscalDocumentData: { DateTime: dateTime, DocumentNumber: String(Number(number)), Signature: sign } } };
}

function digitString(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  return text !== undefined && /^\d{1,10}$/.test(text) ? text : undefined;
}

function plausibleDate(m: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  return (
    year! >= 2000 && year! <= 2100 && month! >= 1 && month! <= 12 && day! >= 1 &&
    day! <= new Date(Date.UTC(year!, month!, 0)).getUTCDate() && hour! <= 23 && minute! <= 59 && second! <= 59
  );
}
