import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--ofd-signer-accent, #1f5fbf);
    --_accent-contrast: var(--ofd-signer-accent-contrast, #fff);
    --_bg: var(--ofd-signer-background, #fff);
    --_fg: var(--ofd-signer-foreground, #1b1f24);
    --_muted: var(--ofd-signer-muted, #5b6470);
    --_border: var(--ofd-signer-border, #d0d5dc);
    --_danger: var(--ofd-signer-danger, #b3261e);
    --_success: var(--ofd-signer-success, #1e7b34);
    --_focus: var(--ofd-signer-focus, #0b57d0);
    --_radius: var(--ofd-signer-radius, 8px);
    display: block;
    font: var(--ofd-signer-font, 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_fg);
    background: var(--_bg);
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--ofd-signer-accent, #7fb0ff);
      --_accent-contrast: var(--ofd-signer-accent-contrast, #0b1220);
      --_bg: var(--ofd-signer-background, #15181d);
      --_fg: var(--ofd-signer-foreground, #e8eaed);
      --_muted: var(--ofd-signer-muted, #a6adb8);
      --_border: var(--ofd-signer-border, #3a414b);
      --_danger: var(--ofd-signer-danger, #ff8a80);
      --_success: var(--ofd-signer-success, #7ddc8f);
      --_focus: var(--ofd-signer-focus, #8ab4f8);
    }
  }
  *,
  *::before {
    box-sizing: border-box;
  }
  [part='base'] {
    max-width: 46rem;
    margin: 0 auto;
    padding: 1rem;
  }
  ol[part='stages'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  ol[part='stages'] [aria-current] {
    color: var(--_fg);
    font-weight: 600;
    border-bottom: 2px solid var(--_accent);
  }
  h1 {
    font-size: 1.15em;
    margin: 0 0 0.25rem;
  }
  .context {
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_accent);
    background: color-mix(in srgb, var(--_accent) 7%, transparent);
  }
  .context p {
    margin: 0;
  }
  .context-facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
  }
  h2 {
    font-size: 1.3em;
    margin: 0 0 0.5rem;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--_focus);
  }
  button,
  a,
  input,
  summary {
    font: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    background: transparent;
    color: inherit;
    border-radius: var(--_radius);
    padding: 0.55rem 1rem;
    margin: 0.25rem 0.5rem 0.25rem 0;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-contrast);
    border-color: var(--_accent);
    font-weight: 600;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_accent);
  }
  ul {
    padding: 0;
    list-style: none;
  }
  [part~='certificate'],
  [part~='document'] {
    display: block;
    width: 100%;
    text-align: start;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 0 0 0.5rem;
  }
  [part~='certificate'][data-last] {
    border-color: var(--_accent);
  }
  .badge {
    font-size: 0.8em;
    color: var(--_accent);
    margin-inline-start: 0.5rem;
  }
  small,
  .note,
  .unusable,
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: 0.25rem 1rem;
    margin: 0.5rem 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  pre {
    max-height: 20rem;
    overflow: auto;
    font-size: 0.8em;
    white-space: pre-wrap;
    word-break: break-all;
    background: color-mix(in srgb, var(--_fg) 6%, transparent);
    padding: 0.5rem;
  }
  [part~='error'],
  .invalid {
    color: var(--_danger);
  }
  [part~='error'] {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.75rem;
  }
  .ok {
    color: var(--_success);
  }
  label {
    display: block;
    margin: 0.75rem 0 0.25rem;
  }
  input {
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    min-width: min(18rem, 100%);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  progress {
    width: 100%;
    accent-color: var(--_accent);
  }
  .busy::before {
    content: '';
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 0.5rem;
    border: 2px solid var(--_accent);
    border-right-color: transparent;
    border-radius: 50%;
    vertical-align: -0.1em;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .busy::before {
      animation: none;
      border-right-color: var(--_accent);
      opacity: 0.6;
    }
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  /* The batch's table of applications: one row per cash register. */
  table {
    width: 100%;
    border-collapse: collapse;
    margin-block: 0.75em;
    font-size: 0.92em;
  }
  caption {
    text-align: start;
    color: var(--_muted);
    padding-block-end: 0.25em;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.4em 0.5em;
    border-block-end: 1px solid var(--_border);
  }
  td.ok,
  td.invalid {
    font-weight: 600;
  }
  /* A wide table scrolls inside its own box on a phone instead of widening the page. */
  .table-scroll {
    overflow-x: auto;
    position: relative;
  }
  ul.plain li + li {
    margin-block-start: 0.25em;
  }
  /* Long numbers (РНМ, fiscal drive, serial) break rather than overflow a narrow card. */
  .number,
  dd,
  ol.checklist {
    padding-inline-start: 1.25rem;
  }
  ol.checklist > li {
    margin-block-end: 0.5rem;
  }
  .fix ul {
    list-style: disc;
    padding-inline-start: 1.25rem;
    margin: 0.25rem 0;
  }
  td.number {
    white-space: nowrap;
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
  }
  .fields .field {
    flex: 1 1 12rem;
  }
  .fields input {
    width: 100%;
    min-width: 0;
  }
  .rnm .number {
    font-size: 1.15em;
    letter-spacing: 0.03em;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
    margin-block-end: 0.25rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 0.75rem;
    padding: 0.5rem 1rem 0.75rem;
  }
  legend {
    font-weight: 600;
    padding-inline: 0.25rem;
  }
  [part~='error'] {
    overflow-wrap: anywhere;
  }
`;
