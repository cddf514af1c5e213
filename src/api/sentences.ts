/**
 * Where the API errors find their sentences. The sentences live in one module per language (`sentences-ru.ts`,
 * `sentences-en.ts`); whoever shows them installs the languages it needs: the API's public index installs both,
 * the widget installs each with its own catalogue of that language. Until a language is installed, `userMessage()`
 * returns the error's technical message.
 */

export type Lang = 'ru' | 'en';

/** What OFD's message says, for codes (like `ValidationError`) that cover many different situations. */
export type OfdErrorReason =
  | 'APPLICATION_NOT_FOUND'
  | 'DOCUMENT_NOT_FOUND'
  | 'SIGNATURE_NOT_VERIFIED'
  | 'WRONG_APPLICATION_STATUS'
  | 'NO_ACCESS'
  | 'ACCESS_FORBIDDEN'
  | 'TOKEN_NOT_DETERMINED'
  | 'AUTH_DATA_NOT_FOUND'
  | 'INVALID_AUTH_TOKEN'
  | 'PARTNER_CABINET_NOT_FOUND'
  | 'KKT_MODEL_UNKNOWN'
  | 'KKT_SERIAL_UNKNOWN'
  | 'KKT_NOT_REGISTERED'
  | 'REPORT_FIELD_INVALID';

export type Sentence = string | ((detail: string) => string);

/** Everything the API client says to a user, in one language. */
export interface ApiCatalogue {
  /** Finer reasons recognised from OFD's Russian messages; they win over the code's generic sentence. */
  reasons: Record<OfdErrorReason, Sentence>;
  /** OFD's codes, the client's own, the proxy's. */
  codes: Record<string, Sentence>;
  /** A proxy code with no sentence of its own. */
  proxyFallback: (detail: string) => string;
  /** An OFD code with no sentence of its own. */
  unknown: (detail: string) => string;
}

export interface DescribableError {
  code: string;
  reason?: OfdErrorReason | undefined;
  messages: readonly string[];
}

const installed: Partial<Record<Lang, ApiCatalogue>> = {};

/** Makes the API errors' `userMessage(lang)` say `catalogue`'s sentences. */
export function installApiSentences(lang: Lang, catalogue: ApiCatalogue): void {
  installed[lang] = catalogue;
}

export function apiCatalogue(lang: Lang): ApiCatalogue | undefined {
  return installed[lang];
}

/** One sentence for the user; a recognised reason wins over the generic text of its code. */
export function describeApiError(catalogue: ApiCatalogue, error: DescribableError, origin: 'ofd' | 'proxy' = 'ofd'): string {
  const detail = error.messages.length > 0 ? error.messages.join('; ') : error.code;
  const sentence =
    (error.reason ? catalogue.reasons[error.reason] : undefined) ??
    catalogue.codes[error.code] ??
    (origin === 'proxy' ? catalogue.proxyFallback : catalogue.unknown);
  return typeof sentence === 'function' ? sentence(detail) : sentence;
}
