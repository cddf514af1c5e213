/** Detail of `ofd-rejected`. */
export interface OfdRejectedDetail {
  applicationId: string;
  /** OFD's StatusReason as it came. */
  reason: string;
}

/** The tax service rejected the application. Bubbles and crosses shadow roots. */
export type OfdRejectedEvent = CustomEvent<OfdRejectedDetail>;

export function createOfdRejectedEvent(detail: OfdRejectedDetail): OfdRejectedEvent {
  return new CustomEvent('ofd-rejected', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ofd-rejected': OfdRejectedEvent;
  }
}
