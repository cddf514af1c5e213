/**
 * The browser-side client of the partner's proxy (which mirrors OFD's names under `/api`). Built on ky:
 * reads retry with backoff, writes never do, and `sign` — which OFD forbids sending twice — turns every
 * ambiguous failure into SignOutcomeUnknownError so the caller reconciles through the application status.
 */
import ky, { HTTPError, TimeoutError, type Options } from 'ky';
import { unwrapEnvelope } from './envelope.js';
import { OfdAccessDeniedError } from './errors/ofd-access-denied-error.js';
import { OfdApiError } from './errors/ofd-api-error.js';
import { OfdValidationError } from './errors/ofd-validation-error.js';
import { OfdBadResponseError } from './errors/ofd-bad-response-error.js';
import { OfdNetworkError } from './errors/ofd-network-error.js';
import { OfdTimeoutError } from './errors/ofd-timeout-error.js';
import { ProxyError } from './errors/proxy-error.js';
import { SignOutcomeUnknownError } from './errors/sign-outcome-unknown-error.js';
import { parseApplication } from './parse.js';
import type { Application, PrepareDocumentsRequest, RegistrationReportRequest } from './types.js';

export interface OfdClientRetryOptions {
  /** Extra attempts for reads after a network error, a timeout or a 5xx. Default 2. */
  limit?: number;
  /** First backoff delay; doubles each attempt. Default 300 ms. */
  baseDelayMs?: number;
  /** Ceiling of one backoff delay. Default 3000 ms. */
  maxDelayMs?: number;
}

export interface OfdClientOptions {
  /** The proxy's API root, e.g. `https://partner.example/api` (no trailing slash needed). */
  baseUrl: string;
  /** The short-lived ticket the partner's back office minted for this application. */
  ticket: string;
  fetch?: typeof globalThis.fetch;
  /** Per attempt. Default 20 000 ms. */
  timeoutMs?: number;
  retry?: OfdClientRetryOptions;
}

/** Data printed on the registration report (section 7.6.1). */
export interface RegistrationReportInput {
  /** When the report was printed, in UTC: `YYYY-MM-DDTHH:mm[:ss]` (already UTC), or a Date (sent as UTC, no offset). */
  dateTime: string | Date;
  /** Fiscal document number (ФД). */
  documentNumber: string | number;
  /** Fiscal sign (ФП). */
  fiscalSign: string | number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface OfdClient {
  getApplication(id: string, options?: RequestOptions): Promise<Application>;
  prepareDocuments(id: string, signer: PrepareDocumentsRequest, options?: RequestOptions): Promise<Application>;
  /** Never retried. Throws SignOutcomeUnknownError when it cannot tell whether OFD took the signature. */
  sign(id: string, documentId: string, signatureBase64: string, options?: RequestOptions): Promise<Application>;
  submitRegistrationReport(id: string, report: RegistrationReportInput, options?: RequestOptions): Promise<Application>;
  /** URL of a file the proxy serves for this application (the application PDF, an FNS answer). */
  fileUrl(id: string, path: string): string;
  /** Fetch such a file with the ticket (a plain link cannot carry the Authorization header). */
  getFile(id: string, path: string, options?: RequestOptions): Promise<Blob>;
}

/** Connection errors that prove the request never left: safe to report as a plain network error. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

function errorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

const PROXY_UNRESOLVED_CODES = new Set(['SIGN_OUTCOME_UNKNOWN', 'SIGN_IN_PROGRESS']);

/** Whether a failed `sign` may nevertheless have been processed. */
function signMayHaveHappened(e: unknown): boolean {
  if (e instanceof OfdTimeoutError) return true;
  if (e instanceof OfdNetworkError) return !NOT_SENT_CODES.has(errorCode(e.cause) ?? '');
  // The proxy's own ledger may know the sign is in flight or unresolved; any 5xx of its own could hide an
  // upstream call it made, so only its 4xx refusals are definite.
  if (e instanceof ProxyError) return PROXY_UNRESOLVED_CODES.has(e.code) || e.status >= 500;
  if (e instanceof OfdBadResponseError) return e.status === 0 || e.status === 408 || e.status < 300 || e.status >= 500;
  // Only the refusals the spec's tables name (by code, or by message under a numeric 6.1 code) are definite;
  // an internal error, an unnamed code or an unreadable success leaves the outcome to the status.
  if (e instanceof OfdValidationError || e instanceof OfdAccessDeniedError) return false;
  return true;
}

/**
 * `YYYY-MM-DDTHH:mm:ss` in UTC, as Table 13.2 (l.970) asks for `FiscalDocumentData.DateTime`. A Date is converted;
 * a string is taken as already UTC and only completed (seconds, `T`) — converting the time printed on the
 * report is the form's job (`src/widget/registration-report-form.ts`).
 */
export function formatReportDateTime(value: string | Date): string {
  if (typeof value !== 'string') return value.toISOString().slice(0, 19);
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  return match ? `${match[1]}T${match[2]}${match[3] ?? ':00'}` : value.trim();
}

export function createOfdClient(options: OfdClientOptions): OfdClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  const retryLimit = options.retry?.limit ?? 2;
  const baseDelay = options.retry?.baseDelayMs ?? 300;
  const maxDelay = options.retry?.maxDelayMs ?? 3000;

  const http = ky.create({
    headers: { Authorization: `Bearer ${options.ticket}`, Accept: 'application/json' },
    timeout: timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const appUrl = (id: string, path = '') => `${base}/registration/${encodeURIComponent(id)}${path}`;
  const fileUrl = (id: string, path: string) => appUrl(id, `/files/${path.replace(/^\/+/, '')}`);

  async function send(url: string, retry: boolean, signal: AbortSignal | undefined, init?: Options): Promise<Response> {
    try {
      return await http(url, {
        ...init,
        signal,
        retry: retry
          ? {
              limit: retryLimit,
              methods: ['get'],
              statusCodes: [408, 429, 500, 502, 503, 504],
              retryOnTimeout: true,
              backoffLimit: maxDelay,
              maxRetryAfter: maxDelay,
              delay: (attempt) => baseDelay * 2 ** (attempt - 1),
            }
          : 0,
      });
    } catch (e) {
      if (e instanceof HTTPError) return e.response;
      if (e instanceof TimeoutError) throw new OfdTimeoutError(timeoutMs, e);
      if (signal?.aborted) throw e;
      throw new OfdNetworkError(e);
    }
  }

  /** Reads are retried; a write (`json`: its body) never is. */
  async function call(id: string, path: string, signal: AbortSignal | undefined, write?: { method: 'post' | 'put'; json: unknown }): Promise<Application> {
    const response = await send(appUrl(id, path), !write, signal, write);
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      // The connection broke in the middle of the body.
      throw new OfdNetworkError(e);
    }
    const data = unwrapEnvelope(response.status, text);
    // A success without `Data` (6.1 and the examples always carry it, nothing promises it is never empty): the
    // call succeeded, so read the application it changed (with the retries of a read) instead of failing on the shape.
    if ((data === null || data === undefined) && write) return call(id, '', undefined);
    return parseApplication(data);
  }

  return {
    getApplication: (id, o) => call(id, '', o?.signal),

    prepareDocuments: (id, signer, o) =>
      call(id, '/prepareDocuments', o?.signal, {
        method: 'post',
        json: { LastName: signer.LastName, GivenName: signer.GivenName, Position: signer.Position },
      }),

    async sign(id, documentId, signatureBase64, o) {
      try {
        return await call(id, '/sign', o?.signal, { method: 'post', json: { DocumentId: documentId, Signature: signatureBase64 } });
      } catch (e) {
        if ((o?.signal?.aborted && !(e instanceof OfdApiError)) || signMayHaveHappened(e)) {
          throw new SignOutcomeUnknownError(id, documentId, e);
        }
        throw e;
      }
    },

    submitRegistrationReport(id, report, o) {
      const json: RegistrationReportRequest = {
        KktDetails: {
          FiscalDocumentData: {
            DateTime: formatReportDateTime(report.dateTime),
            DocumentNumber: String(report.documentNumber).trim(),
            Signature: String(report.fiscalSign).trim(),
          },
        },
      };
      return call(id, '/registration-report', o?.signal, { method: 'put', json });
    },

    fileUrl,

    async getFile(id, path, o) {
      const response = await send(fileUrl(id, path), true, o?.signal);
      if (response.ok) return response.blob();
      const text = await response.text().catch(() => '');
      unwrapEnvelope(response.status, text);
      throw new OfdBadResponseError(response.status, text, 'file request failed');
    },
  };
}
