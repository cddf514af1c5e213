/** Detail of `ofd-status`. */
export interface OfdStatusDetail {
  applicationId: string;
  status: string;
  stage?: string;
}

/** The application's status or stage changed. Bubbles and crosses shadow roots. */
export type OfdStatusEvent = CustomEvent<OfdStatusDetail>;

export function createOfdStatusEvent(detail: OfdStatusDetail): OfdStatusEvent {
  return new CustomEvent('ofd-status', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ofd-status': OfdStatusEvent;
  }
}
