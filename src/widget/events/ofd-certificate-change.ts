/** Detail of `ofd-certificate-change`. */
export interface OfdCertificateChangeDetail {
  thumbprint: string;
  /** Subject's common name, for display. */
  owner: string;
}

/** The user picked a certificate. Bubbles and crosses shadow roots. */
export type OfdCertificateChangeEvent = CustomEvent<OfdCertificateChangeDetail>;

export function createOfdCertificateChangeEvent(detail: OfdCertificateChangeDetail): OfdCertificateChangeEvent {
  return new CustomEvent('ofd-certificate-change', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ofd-certificate-change': OfdCertificateChangeEvent;
  }
}
