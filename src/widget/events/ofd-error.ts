/** Detail of `ofd-error`. */
export interface OfdErrorDetail {
  /** Stable code: the plug-in's, the API's or the widget's own (see docs/widget.md). */
  code: string;
  /** The sentence shown to the user, in the element's language. */
  message: string;
  /** The original error, when there was one. */
  cause?: unknown;
}

/** Something stopped the journey; the element shows the sentence too. Bubbles and crosses shadow roots. */
export type OfdErrorEvent = CustomEvent<OfdErrorDetail>;

export function createOfdErrorEvent(detail: OfdErrorDetail): OfdErrorEvent {
  return new CustomEvent('ofd-error', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'ofd-error': OfdErrorEvent;
  }
}
