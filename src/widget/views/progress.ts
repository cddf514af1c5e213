import { html, nothing, type TemplateResult } from 'lit';
import type { ViewContext } from './context.js';
import { panel } from './frame.js';

/** "Signing document k of n" (with the PIN hint) or "sending k of n", with a progress bar. */
export function progressView(ctx: ViewContext, what: 'signing' | 'sending', index: number, total: number, extra: unknown = nothing): TemplateResult {
  const { m } = ctx;
  return panel(
    m.signingTitle,
    html`<p class="busy" id="progress-label">${(what === 'signing' ? m.signingProgress : m.sendingProgress)(index, total)}</p>
      <progress part="progress" aria-labelledby="progress-label" max=${total} value=${index}></progress>
      ${what === 'signing' ? html`<p class="note">${m.pinWindow}</p>` : nothing} ${extra}`,
  );
}
