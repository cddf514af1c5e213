/** Detail of `ofd-approved`. */
export interface OfdApprovedDetail {
  applicationId: string;
  /** FNS documents (RNM report, registration card), as links through the proxy. */
  documents: { type: string; url: string }[];
}

/** The tax service registered the cash register. Bubbles and crosses shadow roots. */
export type OfdApprovedEvent = CustomEvent<OfdApprovedDetail>;

export function createOfdApprovedEvent(detail: OfdApprovedDetail): OfdApprovedEvent {
  return new CustomEvent('ofd-approved', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ofd-approved': OfdApprovedEvent;
  }
}
