import { OfdApiError } from './ofd-api-error.js';

/**
 * `sign` was (or may have been) delivered but no definite answer came back: timeout, connection reset, 5xx,
 * an unreadable 200. OFD forbids sending `sign` twice, so the caller must not retry: read the application's
 * status and see whether the document is `Signed`.
 */
export class SignOutcomeUnknownError extends OfdApiError {
  override name = 'SignOutcomeUnknownError';
  readonly applicationId: string;
  readonly documentId: string;
  constructor(applicationId: string, documentId: string, cause: unknown) {
    super({
      code: 'SIGN_OUTCOME_UNKNOWN',
      status: cause instanceof OfdApiError ? cause.status : 0,
      retryable: false,
      cause,
      message: `Outcome of sign for document ${documentId} of application ${applicationId} is unknown`,
    });
    this.applicationId = applicationId;
    this.documentId = documentId;
  }
}
