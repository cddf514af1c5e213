/** Detail of `ofd-ready`. */
export interface OfdReadyDetail {
  /** CryptoPro plug-in version as reported by the plug-in. */
  pluginVersion?: string;
  /** How many certificates can sign now. */
  usableCertificates: number;
}

/** The plugin answered and the certificate list is shown. Bubbles and crosses shadow roots. */
export type OfdReadyEvent = CustomEvent<OfdReadyDetail>;

export function createOfdReadyEvent(detail: OfdReadyDetail): OfdReadyEvent {
  return new CustomEvent('ofd-ready', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ofd-ready': OfdReadyEvent;
  }
}
