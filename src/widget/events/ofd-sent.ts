/** Detail of `ofd-sent`. */
export interface OfdSentDetail {
  applicationId: string;
  documentIds: string[];
}

/** Every signature of this round reached OFD (or was already there). Bubbles and crosses shadow roots. */
export type OfdSentEvent = CustomEvent<OfdSentDetail>;

export function createOfdSentEvent(detail: OfdSentDetail): OfdSentEvent {
  return new CustomEvent('ofd-sent', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ofd-sent': OfdSentEvent;
  }
}
