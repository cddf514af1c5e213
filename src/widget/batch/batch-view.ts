/**
 * What the batch looks like: certificate list, the review grouped by cash register, "k of n" progress and the
 * table of applications. Rendered inside `<ofd-signer>` (same parts and styles) when `application-ids` is set.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Address } from '../../api/types.js';
import { formatDate, messages, unusableReason, type Lang } from '../i18n/index.js';
import type { OfdClientPort, SignerAdapterPort } from '../ports.js';
import { ownerName } from '../signer-identity.js';
import type { BatchFlow, BatchRow } from './batch-flow.js';
import { batchMessages } from './batch-messages.js';

export interface BatchViewContext {
  flow: BatchFlow;
  lang: Lang;
  ticket: string;
  apiBase: string;
  adapter: SignerAdapterPort | undefined;
  client: OfdClientPort | undefined;
  pollInterval: number;
  /** The row whose registration report form is open. */
  reportFor: string | undefined;
  openReport(id: string | undefined): void;
  panel(title: string, body: unknown): TemplateResult;
  button(label: string, action: () => unknown, primary?: boolean): TemplateResult;
}

export function renderBatch(ctx: BatchViewContext): TemplateResult {
  const { flow } = ctx;
  const m = messages(ctx.lang);
  const b = batchMessages(ctx.lang);
  const step = flow.step;
  switch (step.name) {
    case 'missing':
      return ctx.panel(m.errorTitle, html`<p part="error">${step.what === 'application' ? b.missingIds : m.missingTicket}</p>`);
    case 'plugin':
      return step.problem
        ? ctx.panel(
            m.pluginFailedTitle,
            html`<p part="error" role="alert">${step.problem.message}</p>
              ${ctx.button(m.checkAgain, () => flow.checkPlugin(), true)}`,
          )
        : ctx.panel(m.pluginChecking, html`<p class="busy" aria-hidden="true"></p>`);
    case 'certificates':
      return certificates(ctx);
    case 'application':
      return ctx.panel(b.loadingTitle(flow.rows.length), html`<p class="busy" aria-hidden="true"></p>`);
    case 'review':
      return review(ctx);
    case 'signing':
      return ctx.panel(
        b.signingTitle,
        html`<p class="busy">${b.signingProgress(step.index, step.total)}</p>
          <progress part="progress" max=${step.total} value=${step.index - 1}></progress>
          <p>${b.signingApplication(step.current)}</p>
          <p class="note">${pinNote(flow, b, step.total)} ${b.pinWindow}</p>
          ${table(ctx)}`,
      );
    case 'table':
      return ctx.reportFor ? reportRow(ctx, ctx.reportFor) : tableStep(ctx);
  }
}

function pinNote(flow: BatchFlow, b: ReturnType<typeof batchMessages>, n: number): string {
  return flow.pinCached ? b.pinOnce(n) : b.pinEach(n);
}

function certificates(ctx: BatchViewContext): TemplateResult {
  const m = messages(ctx.lang);
  const all = ctx.flow.certificates;
  const usable = all.filter((c) => c.usable);
  const unusable = all.filter((c) => !c.usable);
  return ctx.panel(
    m.certificatesTitle,
    html`<p>${m.certificatesIntro}</p>
      ${usable.length === 0 ? html`<p part="error">${m.certificatesNone}</p>${ctx.button(m.checkAgain, () => ctx.flow.checkPlugin(), true)}` : nothing}
      <ul part="certificate-list">
        ${usable.map(
          (c) => html`<li>
            <button part="certificate" data-thumbprint=${c.thumbprint} @click=${() => ctx.flow.chooseCertificate(c.thumbprint)}>
              <strong>${ownerName(c.info.subject)}</strong><br /><small
                >${[c.info.subject.T, c.info.subject.O, c.info.subject.INNLE ?? c.info.subject.INN, m.certificateValid(formatDate(c.info.notBefore), formatDate(c.info.notAfter))]
                  .filter(Boolean)
                  .join(' · ')}</small
              >
            </button>
          </li>`,
        )}
      </ul>
      ${unusable.length > 0
        ? html`<p>${m.certificatesUnusable}</p>
            <ul class="unusable">
              ${unusable.map((c) => html`<li part="document"><strong>${ownerName(c.info.subject)}</strong> <span class="invalid">${c.reasons.map((r) => unusableReason(r, ctx.lang)).join(' ')}</span></li>`)}
            </ul>`
        : nothing}`,
  );
}

function review(ctx: BatchViewContext): TemplateResult {
  const { flow } = ctx;
  const m = messages(ctx.lang);
  const b = batchMessages(ctx.lang);
  const rows = flow.rows;
  const ready = rows.filter((r) => r.state === 'ready');
  const pending = flow.pendingDocuments;
  const s = flow.chosen!.info.subject;
  return ctx.panel(
    b.reviewTitle(rows.length),
    html`<p>${m.reviewSigner([ownerName(s), s.T].filter(Boolean).join(', '))}</p>
      <p>${b.reviewSummary(pending, ready.length)}</p>
      <p class="note" data-pin=${flow.pinCached ? 'once' : 'each'}>${pinNote(flow, b, pending)} ${b.pinWindow}</p>
      ${ctx.button(b.signAll(pending), () => flow.signAll(), true)} ${ctx.button(m.identityChooseOther, () => flow.changeCertificate())}
      ${rows.map((row, i) => registerCard(ctx, row, i, rows.length))}
      ${ctx.button(b.signAll(pending), () => flow.signAll(), true)}`,
  );
}

function registerCard(ctx: BatchViewContext, row: BatchRow, i: number, n: number): TemplateResult {
  const m = messages(ctx.lang);
  const b = batchMessages(ctx.lang);
  const kkt = row.session.application?.KktDetails;
  const docs = row.state === 'ready' ? ctx.flow.toSign(row) : [];
  const reviewed = row.session.documents.filter((d) => docs.some((x) => x.Id === d.document.Id));
  return html`<article part="document" data-application=${row.id} data-state=${row.state}>
    <h3>${b.register(i + 1, n)}: ${ctx.flow.registerLabel(row)}</h3>
    <dl>
      ${field(b.fieldModel, kkt?.Model)} ${field(b.fieldSerial, kkt?.SerialNumber)} ${field(b.fieldFn, kkt?.FnNumber)}
      ${field(b.fieldAddress, formatAddress(kkt?.InstallmentAddress))}
      ${field(m.fieldCompany, row.session.application?.CompanyDetails?.CompanyName ?? undefined)}
    </dl>
    ${row.state === 'skipped'
      ? html`<p part="error"><strong>${b.skipped}</strong> ${row.reason}</p>`
      : row.state !== 'ready'
        ? html`<p class="note"><strong>${b.notReady}</strong> ${b.states[row.state]}${row.reason ? html` — ${row.reason}` : nothing}</p>`
        : nothing}
    ${reviewed.length > 0
      ? html`<ul>
          ${reviewed.map(
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

function tableStep(ctx: BatchViewContext): TemplateResult {
  const { flow } = ctx;
  const b = batchMessages(ctx.lang);
  const step = flow.step.name === 'table' ? flow.step : { name: 'table' as const };
  const pending = flow.pendingDocuments;
  const retriable = flow.rows.filter((r) => r.retriable && r.state === 'error').length;
  const sentDocs = flow.rows.reduce((n, r) => n + (r.state === 'ready' ? 0 : flow.documentCounts(r).signed), 0);
  return ctx.panel(
    b.tableTitle,
    html`${'cancelled' in step && step.cancelled ? html`<p part="error" role="alert">${b.cancelled(sentDocs)}</p>` : nothing}
      ${'stopped' in step && step.stopped ? html`<p part="error" role="alert">${b.stopped} ${step.stopped.message}</p>` : nothing}
      <p class="note" data-summary>${summary(flow, b)}</p>
      ${flow.rows.some((r) => r.state === 'report') ? html`<p class="note">${b.reportHint}</p>` : nothing}
      ${pending > 0 ? html`<p class="note">${pinNote(flow, b, pending)}</p>${ctx.button(b.signRemaining(pending), () => flow.signAll(), true)}` : nothing}
      ${retriable > 0 ? ctx.button(b.retry(retriable), () => flow.retry(), pending === 0) : nothing}
      ${table(ctx)}`,
  );
}

/** "Одобрено 3 из 12 · Нужен отчёт о регистрации: 8 · Отклонена: 1". */
function summary(flow: BatchFlow, b: ReturnType<typeof batchMessages>): string {
  const counts = new Map<string, number>();
  for (const r of flow.rows) if (r.state !== 'approved') counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  const approved = flow.rows.filter((r) => r.state === 'approved').length;
  return [b.approvedAll(approved, flow.rows.length), ...[...counts].map(([state, n]) => `${b.states[state as BatchRow['state']]}: ${n}`)].join(' · ');
}

function table(ctx: BatchViewContext): TemplateResult {
  const { flow } = ctx;
  const b = batchMessages(ctx.lang);
  return html`<table part="table">
    <caption>${b.tableCaption}</caption>
    <thead>
      <tr><th scope="col">${b.columns.register}</th><th scope="col">${b.columns.status}</th><th scope="col">${b.columns.reason}</th><th scope="col">${b.columns.documents}</th></tr>
    </thead>
    <tbody>
      ${flow.rows.map((row) => {
        const kkt = row.session.application?.KktDetails;
        const counts = flow.documentCounts(row);
        return html`<tr data-application=${row.id} data-state=${row.state}>
          <th scope="row">${flow.registerLabel(row)}<br /><small>${formatAddress(kkt?.InstallmentAddress) ?? ''}</small></th>
          <td class=${row.state === 'approved' ? 'ok' : ['rejected', 'failed', 'error', 'skipped'].includes(row.state) ? 'invalid' : ''}>${b.states[row.state]}</td>
          <td>
            ${row.reason ?? ''}
            ${row.state === 'report' && flow.step.name === 'table' ? ctx.button(b.openReport, () => ctx.openReport(row.id)) : nothing}
          </td>
          <td>${counts.total > 0 ? b.documents(counts.signed, counts.total) : '—'}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** The registration report of one register: the single-application journey, on the same ticket. */
function reportRow(ctx: BatchViewContext, id: string): TemplateResult {
  const b = batchMessages(ctx.lang);
  const row = ctx.flow.rows.find((r) => r.id === id);
  return html`${ctx.button(b.closeReport, () => ctx.openReport(undefined))}
    <p>${row ? ctx.flow.registerLabel(row) : id}</p>
    <ofd-signer application-id=${id} ticket=${ctx.ticket} api-base=${ctx.apiBase} lang=${ctx.lang} poll-interval=${ctx.pollInterval}
      .adapter=${ctx.adapter} .client=${ctx.client}></ofd-signer>`;
}

function field(label: string, value: string | undefined): TemplateResult | typeof nothing {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing;
}

export function formatAddress(address: Address | undefined): string | undefined {
  if (!address) return undefined;
  if (address.FullAddress) return address.FullAddress;
  const text = [address.City ?? address.Settlement, address.Street, address.HouseNumber, address.Building, address.Office].filter(Boolean).join(', ');
  return text || undefined;
}
