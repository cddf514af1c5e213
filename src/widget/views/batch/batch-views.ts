/**
 * The batch's screens (several applications in one sitting): the review grouped by cash register, "k of n" with
 * the table under it, and the table of every application. Loaded on demand: a single-application page never needs it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Address } from '../../../api/types.js';
import type { Messages } from '../../i18n/index.js';
import { describeProblem } from '../../i18n/index.js';
import { registerLabel } from '../../journey/controller.js';
import type { AppState } from '../../journey/machine.js';
import type { ApplicationRunner } from '../../journey/runner.js';
import type { OfdClientPort, SignerAdapterPort } from '../../ports.js';
import { ownerName } from '../../signer-identity.js';
import type { ViewContext } from '../context.js';
import { button, field, panel } from '../frame.js';
import { progressView } from '../progress.js';

export type RowState = 'loading' | 'skipped' | 'ready' | 'signing' | 'sending' | 'tracking' | 'unresolved' | 'report' | 'approved' | 'rejected' | 'failed' | 'error';

export interface BatchViewContext extends ViewContext {
  /** The row whose registration report form is open. */
  reportFor: string | undefined;
  openReport(id: string | undefined): void;
  /** What the single-application form of one row is given (the same ticket and ports). */
  nested: { ticket: string; apiBase: string; adapter: SignerAdapterPort | undefined; client: OfdClientPort | undefined; pollInterval: number };
}

export function rowState(s: AppState): RowState {
  switch (s.phase) {
    case 'skipped':
    case 'ready':
    case 'signing':
    case 'sending':
    case 'unresolved':
    case 'approved':
    case 'rejected':
    case 'failed':
    case 'error':
      return s.phase;
    case 'tracking':
      return s.unresolved ? 'unresolved' : 'tracking';
    case 'needs-report':
      return 'report';
    default:
      return 'loading';
  }
}

function rowReason(ctx: BatchViewContext, s: AppState, b: Messages['batch']): string {
  switch (s.phase) {
    case 'skipped':
      return describeProblem(s.problems[0], ctx.lang).message;
    case 'unresolved':
      return b.unresolved;
    case 'tracking':
      return s.unresolved ? b.unresolved : '';
    case 'rejected':
      return s.app?.StatusReason ?? '';
    case 'failed':
      return s.app?.StatusReason || describeProblem('APPLICATION_FAILED', ctx.lang).message;
    case 'error':
      return describeProblem(s.error, ctx.lang).message;
    case 'ready':
      return ctx.journey.screen.name === 'stopped' ? b.notSigned : '';
    default:
      return '';
  }
}

export function batchLoadingView(ctx: BatchViewContext): TemplateResult {
  return panel(ctx.m.batch.loadingTitle(ctx.journey.runners.length), html`<p class="busy" aria-hidden="true"></p>`);
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
  const s = journey.chosen!.info.subject;
  return panel(
    b.reviewTitle(runners.length),
    html`<p>${m.reviewSigner([ownerName(s), s.T].filter(Boolean).join(', '))}</p>
      <p>${b.reviewSummary(pending, ready.length)}</p>
      <p class="note" data-pin=${journey.pinCached ? 'once' : 'each'}>${pinNote(ctx, b, pending)} ${b.pinWindow}</p>
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
    <h3>${b.register(i + 1, n)}: ${registerLabel(s)}</h3>
    <dl>
      ${field(b.fieldModel, kkt?.Model)} ${field(b.fieldSerial, kkt?.SerialNumber)} ${field(b.fieldFn, kkt?.FnNumber)}
      ${field(b.fieldAddress, formatAddress(kkt?.InstallmentAddress))} ${field(m.fieldCompany, s.app?.CompanyDetails?.CompanyName)}
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
              <details>
                <summary>${m.reviewXml}</summary>
                <pre>${xml}</pre>
              </details>
            </li>`,
          )}
        </ul>`
      : nothing}
  </article>`;
}

export function batchSigningView(ctx: BatchViewContext, index: number, total: number, current: string): TemplateResult {
  const b = ctx.m.batch;
  return progressView(ctx, 'signing', index, total, html`<p>${b.signingApplication(current)}</p>
    <p class="note">${pinNote(ctx, b, total)} ${b.pinWindow}</p>
    ${table(ctx, b)}`);
}

export function batchTableView(ctx: BatchViewContext): TemplateResult {
  if (ctx.reportFor) return reportRow(ctx, ctx.reportFor);
  const { journey } = ctx;
  const b = ctx.m.batch;
  const screen = journey.screen;
  const pending = journey.pendingDocuments;
  const retriable = journey.runners.filter((r) => r.state.phase === 'error').length;
  const sentDocs = journey.runners.reduce((n, r) => n + (r.state.phase === 'ready' ? 0 : documentCounts(r.state).signed), 0);
  return panel(
    b.tableTitle,
    html`${screen.name === 'stopped' && screen.cancelled ? html`<p part="error" role="alert">${b.cancelled(sentDocs)}</p>` : nothing}
      ${screen.name === 'stopped' && !screen.cancelled ? html`<p part="error" role="alert">${b.stopped} ${screen.problem.message}</p>` : nothing}
      <p class="note" data-summary>${summary(ctx, b)}</p>
      ${journey.runners.some((r) => r.state.phase === 'needs-report') ? html`<p class="note">${b.reportHint}</p>` : nothing}
      ${pending > 0 ? html`<p class="note">${pinNote(ctx, b, pending)}</p>${button(b.signRemaining(pending), () => journey.signAll(), true)}` : nothing}
      ${retriable > 0 ? button(b.retry(retriable), () => journey.retry(), pending === 0) : nothing} ${table(ctx, b)}`,
  );
}

/** "Одобрено 3 из 12 · Нужен отчёт о регистрации: 8 · Отклонена: 1". */
function summary(ctx: BatchViewContext, b: Messages['batch']): string {
  const counts = new Map<RowState, number>();
  let approved = 0;
  for (const r of ctx.journey.runners) {
    const state = rowState(r.state);
    if (state === 'approved') approved++;
    else counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return [b.approvedAll(approved, ctx.journey.runners.length), ...[...counts].map(([state, n]) => `${b.states[state]}: ${n}`)].join(' · ');
}

/** Counts from OFD's own view: documents it shows signed, of all documents of the current round. */
function documentCounts(s: AppState): { signed: number; total: number } {
  const docs = s.app?.Documents ?? [];
  return { signed: docs.filter((d) => d.Signature === 'Signed').length, total: docs.length };
}

function table(ctx: BatchViewContext, b: Messages['batch']): TemplateResult {
  const { journey } = ctx;
  return html`<table part="table">
    <caption>${b.tableCaption}</caption>
    <thead>
      <tr><th scope="col">${b.columns.register}</th><th scope="col">${b.columns.status}</th><th scope="col">${b.columns.reason}</th><th scope="col">${b.columns.documents}</th></tr>
    </thead>
    <tbody>
      ${journey.runners.map((runner) => {
        const s = runner.state;
        const state = rowState(s);
        const counts = documentCounts(s);
        const atTable = journey.screen.name === 'outcome' || journey.screen.name === 'stopped';
        return html`<tr data-application=${runner.id} data-state=${state}>
          <th scope="row">${registerLabel(s)}<br /><small>${formatAddress(s.app?.KktDetails?.InstallmentAddress) ?? ''}</small></th>
          <td class=${state === 'approved' ? 'ok' : ['rejected', 'failed', 'error', 'skipped'].includes(state) ? 'invalid' : ''}>${b.states[state]}</td>
          <td>${rowReason(ctx, s, b)} ${state === 'report' && atTable ? button(b.openReport, () => ctx.openReport(runner.id)) : nothing}</td>
          <td>${counts.total > 0 ? b.documents(counts.signed, counts.total) : '—'}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** The registration report of one register: the single-application journey, on the same ticket. */
function reportRow(ctx: BatchViewContext, id: string): TemplateResult {
  const b = ctx.m.batch;
  const runner = ctx.journey.runners.find((r) => r.id === id);
  const n = ctx.nested;
  return html`${button(b.closeReport, () => ctx.openReport(undefined))}
    <p>${runner ? registerLabel(runner.state) : id}</p>
    <ofd-signer application-id=${id} ticket=${n.ticket} api-base=${n.apiBase} lang=${ctx.lang} poll-interval=${n.pollInterval}
      .adapter=${n.adapter} .client=${n.client}></ofd-signer>`;
}

export function formatAddress(address: Address | undefined): string | undefined {
  if (!address) return undefined;
  if (address.FullAddress) return address.FullAddress;
  const text = [address.City ?? address.Settlement, address.Street, address.HouseNumber, address.Building, address.Office].filter(Boolean).join(', ');
  return text || undefined;
}
