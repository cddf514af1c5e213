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

/** Letters of any script, digits, space and the punctuation names and titles use; no controls, no markup. */
const PRINTABLE_NAME = /^[\p{L}\p{M}\p{N} .,'’«»"()\-–—№/]+$/u;

function checkName(value: unknown, field: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw bodyError(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw bodyError(`${field} must be a string`);
  const trimmed = value.trim();
  if (trimmed.length === 0 && required) throw bodyError(`${field} is required`);
  if (trimmed.length > max) throw bodyError(`${field} is longer than ${max} characters`);
  if (trimmed.length > 0 && !PRINTABLE_NAME.test(trimmed)) throw bodyError(`${field} has characters not allowed in a name`);
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
  const position = checkName(o.Position, 'Position', 200, false);
  if (position !== undefined) names.Position = position;
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

/** `2021-12-09T00:00:00`, optional seconds fraction and zone, as the cash register prints it. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Registration report: accepts `{KktDetails:{FiscalDocumentData:{…}}}` or the bare `{FiscalDocumentData:{…}}`. */
export function checkRegistrationReport(body: unknown): { KktDetails: { FiscalDocumentData: FiscalDocumentData } } {
  const o = asObject(body);
  const kkt = o.KktDetails === undefined ? o : asObject(o.KktDetails);
  const data = asObject(kkt.FiscalDocumentData);
  const { DateTime, DocumentNumber, Signature } = data;
  const dateTime = typeof DateTime === 'string' ? DateTime.trim() : '';
  const match = DATE_TIME.exec(dateTime);
  if (!match || !plausibleDate(match)) throw bodyError('FiscalDocumentData.DateTime is not a date and time');
  const number = typeof DocumentNumber === 'number' ? String(DocumentNumber) : DocumentNumber;
  if (typeof number !== 'string' || !/^\d{1,10}$/.test(number.trim())) {
    throw bodyError('FiscalDocumentData.DocumentNumber must be 1 to 10 digits');
  }
  const sign = typeof Signature === 'number' ? String(Signature) : Signature;
  if (typeof sign !== 'string' || !/^\d{1,10}$/.test(sign.trim())) {
    throw bodyError('FiscalDocumentData.Signature (fiscal sign) must be 1 to 10 digits');
  }
  return { KktDetails: { FiscalDocumentData: { DateTime: dateTime, DocumentNumber: number.trim(), Signature: sign.trim() } } };
}

function plausibleDate(m: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  return (
    year! >= 2000 && year! <= 2100 && month! >= 1 && month! <= 12 && day! >= 1 &&
    day! <= new Date(Date.UTC(year!, month!, 0)).getUTCDate() && hour! <= 23 && minute! <= 59 && second! <= 59
  );
}
