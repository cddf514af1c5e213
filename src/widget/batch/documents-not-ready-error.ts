import type { Lang } from '../i18n/index.js';
import { batchMessages } from './batch-messages.js';

/** OFD was still generating an application's documents after the batch had waited for them; retrying is safe. */
export class DocumentsNotReadyError extends Error {
  override name = 'DocumentsNotReadyError';
  readonly code = 'DOCUMENTS_NOT_READY';
  constructor(readonly applicationId: string) {
    super(`DOCUMENTS_NOT_READY: ${applicationId}`);
  }

  /** The sentence the table shows (picked up by `describeProblem`). */
  userMessage(lang: Lang): string {
    return batchMessages(lang).documentsNotReady;
  }
}
