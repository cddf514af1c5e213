/** Detail of `ofd-signed`. */
export interface OfdSignedDetail {
  applicationId: string;
  documentId: string;
  /** 1-based position and total, for "k of n". */
  index: number;
  total: number;
  /** Base64 CMS SignedData. */
  signature: string;
}

/** One document was signed and its signature checked locally (fired per document, before sending). Bubbles and crosses shadow roots. */
export type OfdSignedEvent = CustomEvent<OfdSignedDetail>;

export function createOfdSignedEvent(detail: OfdSignedDetail): OfdSignedEvent {
  return new CustomEvent('ofd-signed', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ofd-signed': OfdSignedEvent;
  }
}
