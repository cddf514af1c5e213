/** The pieces every screen is made of: the frame (title, stages, live region), a panel with its heading, buttons. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/index.js';
import { safeLink } from '../safe-link.js';

export type StepName =
  | 'missing' | 'plugin' | 'certificates' | 'application' | 'identity' | 'review' | 'signing' | 'sending'
  | 'status' | 'report' | 'approved' | 'rejected' | 'error' | 'table';

/** Stage shown in the progress list for each step (-1: none). */
const STAGE: Record<StepName, number> = {
  missing: 0, plugin: 0, certificates: 1, application: 2, identity: 2, review: 2, signing: 3, sending: 3,
  report: 4, status: 4, approved: 4, rejected: 4, error: -1, table: 4,
};

export function frame(m: Messages, step: StepName, body: unknown, announcement: string): TemplateResult {
  const stage = STAGE[step];
  return html`<div part="base">
    <slot name="header"><h1 class="sr-only">${m.title}</h1></slot>
    <ol part="stages">
      ${m.stages.map((s, i) => html`<li aria-current=${i === stage ? 'step' : nothing}>${s}</li>`)}
    </ol>
    <section part="step" data-step=${step}>${body}</section>
    <div class="sr-only" role="status" aria-live="polite">${announcement}</div>
    <slot name="footer"></slot>
  </div>`;
}

/** A step's heading (focused when the step changes) and its content. */
export function panel(title: string, body: unknown): TemplateResult {
  return html`<h2 part="heading" tabindex="-1">${title}</h2>
    ${body}`;
}

export function busy(text: string): TemplateResult {
  return panel(text, html`<p class="busy" aria-hidden="true"></p>`);
}

/** Stands in for a view whose chunk is still on its way (a moment, once per page). */
export function pending(text: string): TemplateResult {
  return html`<div data-pending>${busy(text)}</div>`;
}

export function button(label: string, action: () => unknown, primary = false): TemplateResult {
  return html`<button part=${primary ? 'button button-primary' : 'button'} class=${primary ? 'primary' : ''} @click=${action}>
    ${label}
  </button>`;
}

export function field(label: string, value: string | null | undefined): TemplateResult | typeof nothing {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing;
}

/** A link to a file behind the proxy; `open` fetches it with the ticket (a plain link cannot carry it). */
export function fileLink(href: string, label: unknown, open: (event: MouseEvent, href: string) => void): TemplateResult {
  return html`<a part="link" href=${safeLink(href) ?? nothing} target="_blank" rel="noopener" @click=${(e: MouseEvent) => open(e, href)}>${label}</a>`;
}
