/** The element's own error codes; each has a sentence in both catalogues (src/widget/i18n). */
export type WidgetErrorCode =
  | 'MISSING_APPLICATION'
  | 'MISSING_TICKET'
  | 'SIGNATURE_NOT_CMS'
  | 'SIGNATURE_SIGNER_COUNT'
  | 'SIGNATURE_WRONG_CERTIFICATE'
  | 'SIGNATURE_WRONG_CONTENT'
  | 'NO_DOCUMENTS'
  /** OFD lists other documents than the ones signed: nothing was sent. */
  | 'DOCUMENTS_CHANGED'
  /** `content-mode="decoded"`: a signature over the decoded XML, which OFD does not verify (7.4); never signed. */
  | 'CONTENT_MODE_UNSUPPORTED'
  | 'SIGN_OUTCOME_UNRESOLVED'
  /** A part of the widget (a chunk beside the embed file) did not arrive: offline, a 404, a newer deploy. */
  | 'CHUNK_UNAVAILABLE'
  | 'UNEXPECTED';

export class WidgetError extends Error {
  override name = 'WidgetError';
  constructor(
    readonly code: WidgetErrorCode,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(options?.detail ? `${code}: ${options.detail}` : code, options);
  }
}

export const isWidgetError = (e: unknown): e is WidgetError => e instanceof WidgetError;
