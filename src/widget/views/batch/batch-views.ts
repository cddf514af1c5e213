/**
 * The batch's screens (several applications in one sitting): the review grouped by cash register, "k of n" with
 * the table under it, and the table of every application. Loaded on demand: a single-application page never needs it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Address } from '../../../api/types.js';
import type { Messages } from '../../i18n/index.js';
import { describeProblem } from '../../i18n/index.js';
import { registerLabel } from '../../journey/controller.js';
import type { AppState } from '../../journey/machine.js';
import type { ApplicationRunner } from '../../journey/runner.js';
import type { ViewContext } from '../context.js';
import { busy, button, field, panel, russian } from '../frame.js';
import { documentLink, rejectionAdvice } from '../outcome.js';
import { progressView } from '../progress.js';
import { signerLine, xmlDetails } from '../review.js';
import { focusFirstInvalid, readReportForm, reportFields, rnmBlock } from '../report.js';
import { rowState, tableSummary, type RowState } from './rows.js';

export { rowState, type RowState };

/** The batch's views read what every view reads. */
export type BatchViewContext = ViewContext;

function rowReason(ctx: BatchViewContext, s: AppState, b: Messages['batch']): string {
  switch (s.phase) {
    case 'skipped':
      return describeProblem(s.problems[0], ctx.lang).message;
    case 'unresolved':
      return ctx.m.statusUnresolved;
    case 'tracking':
      return s.unresolved ? ctx.m.statusUnresolved : '';
    case 'rejected':
      return s.app?.StatusReason ?? '';
    case 'error':
      return describeProblem(s.error, ctx.lang).message;
    case 'ready':
      return ctx.journey.screen.name === 'stopped' ? b.notSigned : '';
    default:
      return '';
  }
}

export function batchLoadingView(ctx: BatchViewContext): TemplateResult {
  return busy(ctx.m.batch.loadingTitle(ctx.journey.runners.length));
}

function pinNote(ctx: BatchViewContext, b: Messages['batch'], n: number): string {
  return ctx.journey.pinCached ? b.pinOnce(n) : b.pinEach(n);
}

export function batchReviewView(ctx: BatchViewContext): TemplateResult {
  const { journey, m } = ctx;
  const b = ctx.m.batch;
  const runners = journey.runners;
  const ready = runners.filter((r) => r.state.phase === 'ready');
  const pending = journey.pendingDocuments;
  return panel(
    b.reviewTitle(runners.length),
    html`${signerLine(m, journey.chosen!.info.subject)}
      <p>${b.reviewSummary(pending, ready.length)}</p>
      <p class="note" data-pin=${journey.pinCached ? 'once' : 'each'}>${pinNote(ctx, b, pending)} ${m.pinWindow}</p>
      ${button(b.signAll(pending), () => journey.signAll(), true)} ${button(m.identityChooseOther, () => journey.changeCertificate())}
      ${runners.map((runner, i) => registerCard(ctx, runner, i, runners.length, b))} ${button(b.signAll(pending), () => journey.signAll(), true)}`,
  );
}

function registerCard(ctx: BatchViewContext, runner: ApplicationRunner, i: number, n: number, b: Messages['batch']): TemplateResult {
  const { m } = ctx;
  const s = runner.state;
  const kkt = s.app?.KktDetails;
  const state = rowState(s);
  const reason = rowReason(ctx, s, b);
  return html`<article part="document" data-application=${runner.id} data-state=${state}>
    <h3>${b.register(i + 1, n)}: ${russian(ctx.lang, registerLabel(s))}</h3>
    <dl>
      ${field(b.fieldModel, kkt?.Model)} ${field(b.fieldSerial, kkt?.SerialNumber)} ${field(m.fieldFn, kkt?.FnNumber)}
      ${field(m.fieldAddress, formatAddress(kkt?.InstallmentAddress))} ${field(m.fieldCompany, s.app?.CompanyDetails?.CompanyName)}
    </dl>
    ${state === 'skipped'
      ? html`<p part="error"><strong>${b.skipped}</strong> ${reason}</p>`
      : state !== 'ready'
        ? html`<p class="note"><strong>${b.notReady}</strong> ${b.states[state]}${reason ? html` — ${reason}` : nothing}</p>`
        : nothing}
    ${s.phase === 'ready'
      ? html`<ul>
          ${s.documents.map(
            ({ document, xml }) => html`<li>
              ${document.Description || document.FileName || document.Kind}
              ${xmlDetails(m, xml)}
            </li>`,
          )}
        </ul>`
      : nothing}
  </article>`;
}

export function batchSigningView(ctx: BatchViewContext, index: number, total: number, current: string): TemplateResult {
  const b = ctx.m.batch;
  return progressView(ctx, 'signing', index, total, html`<p>${b.signingApplication(current)}</p>
    <p class="note">${pinNote(ctx, b, total)}</p>
    ${table(ctx, b)}`);
}

export function batchTableView(ctx: BatchViewContext): TemplateResult {
  const { journey } = ctx;
  const b = ctx.m.batch;
  const screen = journey.screen;
  const pending = journey.pendingDocuments;
  const retriable = journey.runners.filter((r) => r.state.phase === 'error').length;
  const reporting = journey.runners.filter((r) => r.state.phase === 'needs-report');
  const sentDocs = journey.runners.reduce((n, r) => n + (r.state.phase === 'ready' ? 0 : documentCounts(r.state).signed), 0);
  const stopped = screen.name === 'stopped';
  // Reports saved, documents still being made: "sign all" waits until every register that can be signed is ready.
  const preparing = journey.runners.some((r) => rowState(r.state) === 'preparing');
  return panel(
    b.tableTitle,
    html`${stopped && screen.cancelled ? html`<p part="error" role="alert">${b.cancelled(sentDocs)}</p>` : nothing}
      ${stopped && !screen.cancelled ? html`<p part="error" role="alert">${b.stopped} ${screen.problem.message}</p>` : nothing}
      <p class="note" data-summary>${tableSummary(journey.runners.map((r) => r.state), b)}</p>
      ${retriable > 0 ? button(b.retry(retriable), () => journey.retry(), pending === 0) : nothing} ${table(ctx, b)}
      ${reporting.length > 0 ? reportRound(ctx, b, reporting) : nothing}
      ${preparing ? html`<p class="busy">${b.reportAccepted}</p>` : nothing}
      ${pending > 0 && !preparing
        ? html`<p class="note">${pinNote(ctx, b, pending)}</p>
            <button part="button button-primary" class="primary" data-sign-all @click=${() => journey.signAll()}>
              ${stopped ? b.signRemaining(pending) : b.signAll(pending)}
            </button>`
        : nothing}`,
  );
}

/** Counts from OFD's own view: documents it shows signed, of all documents of the current round. */
function documentCounts(s: AppState): { signed: number; total: number } {
  const docs = s.app?.Documents ?? [];
  return { signed: docs.filter((d) => d.Signature === 'Signed').length, total: docs.length };
}

/** What the user does about a row: the reason (FNS's, OFD's, ours) and the advice for its state. */
function rowAction(ctx: BatchViewContext, s: AppState, state: RowState, b: Messages['batch']): TemplateResult {
  const reason = rowReason(ctx, s, b);
  const advice = state === 'rejected' ? rejectionAdvice(ctx, reason) : b.advice[state];
  return html`${reason ? html`<span data-reason>${reason}</span> ` : nothing}<span data-advice>${advice}</span>`;
}

/** FNS's documents of the row (each link named with its register: twelve "PDF" links are told apart), or the counts. */
function rowDocuments(ctx: BatchViewContext, runnerId: string, s: AppState, label: string, b: Messages['batch']): TemplateResult | string {
  const docs = (s.app?.ResultDocs ?? []).filter((d) => d.DownloadUri);
  const counts = documentCounts(s);
  const signed = counts.total > 0 && s.phase !== 'approved' ? b.documents(counts.signed, counts.total) : '';
  if (docs.length === 0) return signed || '—';
  return html`<ul class="plain">
      ${docs.map((d) => html`<li>${documentLink(ctx, d, runnerId, html`<span class="sr-only">, ${label}</span>`)}</li>`)}
    </ul>
    ${signed ? html`<small>${signed}</small>` : nothing}`;
}

/** The table a shop chain prints: register, РНМ, status, FNS documents, what to do. */
function table(ctx: BatchViewContext, b: Messages['batch']): TemplateResult {
  const { journey } = ctx;
  return html`<div class="table-scroll"><table part="table">
    <caption>${b.tableCaption}</caption>
    <thead>
      <tr>
        <th scope="col">${b.columns.register}</th><th scope="col">${b.columns.rnm}</th><th scope="col">${b.columns.status}</th>
        <th scope="col">${b.columns.documents}</th><th scope="col">${b.columns.action}</th>
      </tr>
    </thead>
    <tbody>
      ${journey.runners.map((runner) => {
        const s = runner.state;
        const state = rowState(s);
        const label = registerLabel(s);
        return html`<tr data-application=${runner.id} data-state=${state}>
          <th scope="row">${russian(ctx.lang, label)}<br /><small>${russian(ctx.lang, formatAddress(s.app?.KktDetails?.InstallmentAddress))}</small></th>
          <td class="number">${s.app?.KktDetails?.RegNumber ?? '—'}</td>
          <td class=${state === 'approved' ? 'ok' : ['rejected', 'error', 'skipped'].includes(state) ? 'invalid' : ''}>${b.states[state]}</td>
          <td>${rowDocuments(ctx, runner.id, s, label, b)}</td>
          <td>${rowAction(ctx, s, state, b)}</td>
        </tr>`;
      })}
    </tbody>
  </table></div>`;
}

/**
 * The report round of the batch: one form per register awaiting its report, on this screen, with the certificate
 * already chosen. Saving a form sends that register's report; focus moves to the next register still waiting, and
 * after the last one to "Подписать все" (when the documents are ready).
 */
function reportRound(ctx: BatchViewContext, b: Messages['batch'], reporting: readonly ApplicationRunner[]): TemplateResult {
  const all = ctx.journey.runners;
  return html`<section class="report-round" aria-labelledby="report-round">
    <h3 id="report-round">${b.reportRoundTitle(reporting.length)}</h3>
    <p class="note">${b.reportRoundIntro}</p>
    ${repeat(reporting, (runner) => runner.id, (runner) => reportForm(ctx, b, runner, all.indexOf(runner)))}
  </section>`;
}

function reportForm(ctx: BatchViewContext, b: Messages['batch'], runner: ApplicationRunner, index: number): TemplateResult {
  const s = runner.state;
  if (s.phase !== 'needs-report') return html``;
  const label = registerLabel(s);
  const problem = s.error === undefined ? undefined : describeProblem(s.error, ctx.lang);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const root = form.getRootNode() as ParentNode;
    const validation = readReportForm(form);
    ctx.journey.submitReport(validation, runner);
    await ctx.rendered();
    if (!validation.report) return focusFirstInvalid(form, validation);
    focusNextPending(root, index, ctx);
  };
  return html`<form part="form" class="report-form" data-report-for=${runner.id} novalidate @submit=${onSubmit}>
    <fieldset>
      <legend>${b.register(index + 1, ctx.journey.runners.length)}: ${russian(ctx.lang, label)}</legend>
      ${rnmBlock(ctx, s, runner.id)} ${problem ? html`<p part="error" role="alert">${problem.message}</p>` : nothing}
      <div class="fields">${reportFields(ctx, s, `r${index + 1}-`)}</div>
      <button part="button" type="submit" aria-label=${b.reportSaveFor(label)}>${b.reportSave}</button>
    </fieldset>
  </form>`;
}

/** The next register still waiting for its report (after `index`, then from the top); none left: "Подписать все". */
function focusNextPending(root: ParentNode, index: number, ctx: BatchViewContext): void {
  const runners = ctx.journey.runners;
  const order = [...runners.slice(index + 1), ...runners.slice(0, index)];
  const next = order.find((r) => r.state.phase === 'needs-report');
  if (next) {
    root.querySelector<HTMLInputElement>(`form[data-report-for="${next.id}"] input`)?.focus();
  } else {
    ctx.focusWhenShown('[data-sign-all]');
  }
}

export function formatAddress(address: Address | undefined): string | undefined {
  if (!address) return undefined;
  if (address.FullAddress) return address.FullAddress;
  const text = [address.City ?? address.Settlement, address.Street, address.HouseNumber, address.Building, address.Office].filter(Boolean).join(', ');
  return text || undefined;
}
