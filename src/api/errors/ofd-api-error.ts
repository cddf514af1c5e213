import { apiCatalogue, describeApiError, type Lang, type OfdErrorReason } from '../sentences.js';

export interface OfdApiErrorInit {
  /** OFD's code (`ValidationError`, `AccessDenied`, …), the proxy's code, or the client's own. */
  code: string;
  /** HTTP status, 0 when no response arrived. */
  status?: number;
  /** OFD's own messages, in Russian, as sent. */
  messages?: readonly string[];
  /** Whether the same request may be sent again safely and has a chance to succeed. */
  retryable?: boolean;
  reason?: OfdErrorReason | undefined;
  requestId?: string | undefined;
  message?: string;
  cause?: unknown;
}

/** Base of every error the API client (and the boundary parsers) throws: switch on `code`, not on text. */
export class OfdApiError extends Error {
  override name = 'OfdApiError';
  readonly code: string;
  readonly status: number;
  readonly messages: readonly string[];
  readonly retryable: boolean;
  /** What OFD's message was about, when recognised (Table 25's four sign errors, Table 28, …). */
  readonly reason: OfdErrorReason | undefined;
  /** The proxy's request id, to quote to support. */
  readonly requestId: string | undefined;

  constructor(init: OfdApiErrorInit) {
    const messages = init.messages ?? [];
    super(init.message ?? (messages.length > 0 ? `${init.code}: ${messages.join('; ')}` : init.code), {
      cause: init.cause,
    });
    this.code = init.code;
    this.status = init.status ?? 0;
    this.messages = messages;
    this.retryable = init.retryable ?? false;
    this.reason = init.reason;
    this.requestId = init.requestId;
  }

  /** A sentence for the person in front of the widget. */
  userMessage(lang: Lang = 'ru'): string {
    const catalogue = apiCatalogue(lang);
    return catalogue ? describeApiError(catalogue, this) : this.message;
  }
}
