/** One application's own screens: loading, identity problem, status, approved, rejected, error. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Application } from '../../api/types.js';
import { describeProblem } from '../i18n/index.js';
import { resultDocumentsByType, statusShown } from '../application-phase.js';
import type { AppState } from '../journey/machine.js';
import type { ApplicationRunner } from '../journey/runner.js';
import { ownerName } from '../signer-identity.js';
import type { ViewContext } from './context.js';
import { busy, button, link, panel } from './frame.js';

export function applicationBusyView(ctx: ViewContext, phase: AppState['phase']): TemplateResult {
  const { m } = ctx;
  return busy(phase === 'preparing' ? m.applicationPreparing : phase === 'awaiting-documents' ? m.applicationAwaitingDocuments : phase === 'submitting-report' ? m.applicationReport : m.applicationLoading);
}

export function identityView(ctx: ViewContext, s: Extract<AppState, { phase: 'skipped' }>): TemplateResult {
  const { m, journey } = ctx;
  const subject = journey.chosen?.info.subject;
  const company = s.app?.CompanyDetails;
  const director = company?.Director;
  return panel(
    m.identityTitle,
    html`${s.problems.map((p) => html`<p part="error" role="alert">${describeProblem(p, ctx.lang).message}</p>`)}
      <dl>
        <dt>${m.identityCertificate}</dt>
        <dd>${subject ? [ownerName(subject), subject.O, subject.INNLE ?? subject.INN, subject.OGRN ?? subject.OGRNIP].filter(Boolean).join(', ') : ''}</dd>
        <dt>${m.identityApplication}</dt>
        <dd>${[company?.CompanyName, [director?.LastName, director?.FirstName, director?.MiddleName].filter(Boolean).join(' '), company?.Inn, company?.Ogrn].filter(Boolean).join(', ')}</dd>
      </dl>
      ${button(m.identityChooseOther, () => journey.changeCertificate(), true)}`,
  );
}

export function statusView(ctx: ViewContext, s: AppState): TemplateResult {
  const { m } = ctx;
  const unresolved = s.phase === 'tracking' && s.unresolved;
  return panel(
    m.statusTitle,
    html`<p class="busy" part="status">${m.statusNow}: ${s.app ? (m.statuses[statusShown(s.app)] ?? statusShown(s.app)) : m.loading}</p>
      ${unresolved ? html`<p class="note">${m.statusUnresolved}</p>` : nothing}
      <p class="note">${m.statusLeave}</p>`,
  );
}

export function approvedView(ctx: ViewContext, runner: ApplicationRunner): TemplateResult {
  const { m } = ctx;
  const app = runner.state.app!;
  const rnm = app.KktDetails?.RegNumber;
  return panel(
    m.approvedTitle,
    html`${rnm ? html`<p class="ok">${m.approvedRnm(rnm)}</p>` : nothing}
      <h3>${m.approvedDocuments}</h3>
      <ul>
        ${resultDocumentsByType(app).filter((d) => d.DownloadUri).map(
          (d) => html`<li>${documentLink(ctx, d, runner.id)}</li>`,
        )}
      </ul>
      <p class="note">${m.approvedNext}</p>`,
  );
}

type ResultDoc = NonNullable<Application['ResultDocs']>[number];

/** A tax service document of `applicationId` by its kind ("Карточка регистрации ККТ (PDF)"), `more` after the name. */
export function documentLink(ctx: ViewContext, d: ResultDoc, applicationId: string, more: unknown = nothing): TemplateResult {
  const { m } = ctx;
  return link(d.DownloadUri!, html`${m.pdf(m.docTypes[d.DocType] ?? d.DocType)}${more}`, (e, href) => ctx.openFile(e, href, applicationId));
}

/** FNS's reason as it came, and what to do about it. */
export function rejectedView(ctx: ViewContext, s: AppState): TemplateResult {
  const { m } = ctx;
  const reason = s.app?.StatusReason ?? '';
  return panel(
    m.rejectedTitle,
    html`<p>${m.rejectedReason}</p>
      <blockquote part="error">${reason}</blockquote>
      <p><strong>${m.rejectedWhatToDo}</strong> ${rejectionAdvice(ctx, reason)}</p>`,
  );
}

export function rejectionAdvice(ctx: Pick<ViewContext, 'm'>, reason: string): string {
  const advice = ctx.m.rejectedAdvice;
  if (/ЮЛ|ИП|ЕГРЮЛ|ЕГРИП|ИНН|ОГРН/i.test(reason)) return advice.company;
  if (/ККТ|ФН|накопител|заводск/i.test(reason)) return advice.kkt;
  if (/подпис|ЭП|КЭП|сертификат/i.test(reason)) return advice.signature;
  return advice.other;
}

