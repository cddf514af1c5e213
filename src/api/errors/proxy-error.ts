import { apiCatalogue, describeApiError, type Lang } from '../sentences.js';
import { OfdApiError } from './ofd-api-error.js';

/**
 * An error the partner's proxy produced itself (ticket expired, rate limited, invalid signature caught before
 * it could burn the one allowed `sign`, …): the section 6.1 `Status/Error` form extended with `Messages`,
 * `Retryable` and `RequestId`. The proxy's own sentences win over ours.
 */
export class ProxyError extends OfdApiError {
  override name = 'ProxyError';
  /** Sentences the proxy sent, per language. */
  readonly localizedMessages: Partial<Record<Lang, string>>;
  constructor(init: {
    code: string;
    status: number;
    message: string;
    localizedMessages: Partial<Record<Lang, string>>;
    retryable: boolean;
    requestId?: string | undefined;
  }) {
    super({
      code: init.code,
      status: init.status,
      retryable: init.retryable,
      requestId: init.requestId,
      message: `${init.code}: ${init.message}`,
      messages: [init.message],
    });
    this.localizedMessages = init.localizedMessages;
  }

  override userMessage(lang: Lang = 'ru'): string {
    const catalogue = apiCatalogue(lang);
    return this.localizedMessages[lang] ?? (catalogue ? describeApiError(catalogue, this, 'proxy') : this.message);
  }
}
