/** The pieces every screen is made of: the frame (title, stages, live region), a panel with its heading, buttons. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages, Problem } from '../i18n/index.js';
import { safeLink } from '../safe-link.js';

export type StepName =
  | 'missing' | 'plugin' | 'certificates' | 'application' | 'identity' | 'review' | 'signing' | 'sending'
  | 'status' | 'report' | 'approved' | 'rejected' | 'error' | 'table';

/** Stage shown in the progress list for each step (-1: none). */
const STAGE: Record<StepName, number> = {
  missing: -1, plugin: 0, certificates: 1, application: 2, identity: 2, review: 2, signing: 3, sending: 3,
  report: 4, status: 4, approved: 4, rejected: 4, error: -1, table: 4,
};

/** Who asks, for which company and cash register(s): the line under the title, before any step. */
export interface FrameContext {
  partner?: string | undefined;
  company?: string | undefined;
  /** "АТОЛ 30Ф № 00106712345601". */
  register?: string | undefined;
  /** A batch: how many cash registers. */
  registers?: number | undefined;
  rnm?: string | undefined;
  /** The interface language: Russian names in an English interface carry lang="ru". */
  lang: string;
}

/** Russian text (names, titles from documents) inside an interface in another language. */
export function russian(lang: string, text: string | undefined): unknown {
  if (!text) return nothing;
  return lang === 'ru' ? text : html`<span lang="ru">${text}</span>`;
}

function contextLine(m: Messages, c: FrameContext): TemplateResult {
  const parts = [
    c.company ? html`<span>${m.contextCompany}: <strong>${russian(c.lang, c.company)}</strong></span>` : nothing,
    c.register ? html`<span>${m.contextRegister}: <strong>${russian(c.lang, c.register)}</strong></span>` : nothing,
    c.registers ? html`<span>${m.contextRegisters}: <strong>${c.registers}</strong></span>` : nothing,
    c.rnm ? html`<span>${m.reportRnm}: <strong class="number">${c.rnm}</strong></span>` : nothing,
  ];
  return html`<div part="context" class="context">
    <p>${c.partner ? m.contextAsks(c.partner) : m.contextAsksNoPartner}</p>
    ${c.company || c.register || c.registers ? html`<p class="context-facts">${parts}</p>` : nothing}
  </div>`;
}

export function frame(m: Messages, step: StepName, body: unknown, announcement: string, context?: FrameContext): TemplateResult {
  const stage = STAGE[step];
  return html`<div part="base">
    <slot name="header"><h1 part="title">${m.title}</h1></slot>
    ${context ? contextLine(m, context) : nothing}
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

/**
 * What went wrong, in a role=alert, and "try again" where repeating can help: the journey's errors and the shell's
 * "the journey's chunk did not arrive".
 */
export function errorView({ m }: { m: Messages }, problem: Problem, retry?: () => unknown): TemplateResult {
  return panel(m.errorTitle, html`<p part="error" role="alert">${problem.message}</p> ${retry ? button(m.tryAgain, retry, true) : nothing}`);
}

export function button(label: string, action: () => unknown, primary = false): TemplateResult {
  return html`<button part=${primary ? 'button button-primary' : 'button'} class=${primary ? 'primary' : ''} @click=${action}>
    ${label}
  </button>`;
}

export function field(label: string, value: string | null | undefined): TemplateResult | typeof nothing {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing;
}

/**
 * A link that opens in a new tab: CryptoPro's download pages, or a file behind the proxy, which `open` fetches with the
 * ticket (a plain link cannot carry it).
 */
export function link(href: string, label: unknown, open?: (event: MouseEvent, href: string) => void): TemplateResult {
  return html`<a part="link" href=${safeLink(href) ?? nothing} target="_blank" rel="noopener" @click=${open && ((e: MouseEvent) => open(e, href))}>${label}</a>`;
}
