/**
 * The registration report form (loaded on demand: most visits never see it): the РНМ the tax service assigned
 * (the number the user must write into the cash register) and the three values of the printed report. The batch's
 * report round uses the same fields, one form per cash register.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describeProblem } from '../i18n/index.js';
import type { AppState } from '../journey/machine.js';
import { formatUtcOffset, localUtcOffsetMinutes, validateRegistrationReport, type ReportInput, type ReportValidation } from '../registration-report-form.js';
import type { ViewContext } from './context.js';
import { panel } from './frame.js';
import { documentLink } from './outcome.js';

type NeedsReport = Extract<AppState, { phase: 'needs-report' }>;

const FIELDS: readonly (keyof ReportInput)[] = ['dateTime', 'documentNumber', 'fiscalSign'];

/** The РНМ of the application, or the link to the tax service's notice that carries it. */
export function rnmBlock(ctx: ViewContext, s: AppState, applicationId: string): TemplateResult {
  const { m } = ctx;
  const rnm = s.app?.KktDetails?.RegNumber;
  if (rnm) {
    return html`<p class="rnm" data-rnm>${m.reportRnm}: <strong class="number">${rnm}</strong></p>`;
  }
  const notice = s.app?.ResultDocs?.find((d) => d.DocType === 'RnmReport' && d.DownloadUri);
  return notice
    ? html`<p data-rnm>${m.reportRnmInDocument} ${documentLink(ctx, notice, applicationId)}</p>`
    : html``;
}

/**
 * The three fields of one report; `prefix` keeps the ids unique when several forms share the screen. The format hint
 * is visible text tied to its field (a placeholder disappears once typing starts).
 */
export function reportFields(ctx: ViewContext, s: NeedsReport, prefix = ''): TemplateResult {
  const { m } = ctx;
  const errors = s.validation?.errors ?? {};
  const input = (name: keyof ReportInput, label: string, extra: { inputmode?: string; hint?: string }) => {
    const error = errors[name];
    const id = `${prefix}${name}`;
    const described = [extra.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${extra.hint ? html`<div id=${`${id}-hint`} class="hint">${extra.hint}</div>` : nothing}
      <input id=${id} name=${name} type="text" required aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}
        inputmode=${extra.inputmode ?? nothing} autocomplete="off" />
      ${error ? html`<div id=${`${id}-error`} class="invalid">${describeProblem(error, ctx.lang).message}</div>` : nothing}
    </div>`;
  };
  return html`${input('dateTime', m.reportDateTime, { hint: m.reportDateTimeHint })} ${input('documentNumber', m.reportNumber, { inputmode: 'numeric' })}
    ${input('fiscalSign', m.reportSign, { inputmode: 'numeric' })}`;
}

/**
 * Reads a submitted report form and checks it field by field; when something is wrong, focus goes to the first
 * field in error once the form shows the errors (`rendered` resolves after the next render).
 */
export function readReportForm(form: HTMLFormElement): ReportValidation {
  const data = new FormData(form);
  const value = (name: keyof ReportInput) => String(data.get(name) ?? '');
  return validateRegistrationReport({ dateTime: value('dateTime'), documentNumber: value('documentNumber'), fiscalSign: value('fiscalSign') });
}

/** After a failed submit: the first field in error takes focus (its label and error are read with it). */
export function focusFirstInvalid(form: HTMLFormElement, validation: ReportValidation): void {
  const first = FIELDS.find((name) => validation.errors[name]);
  if (first) form.querySelector<HTMLInputElement>(`input[name="${first}"]`)?.focus();
}

export function reportView(ctx: ViewContext, s: NeedsReport, submit: (validation: ReportValidation) => Promise<unknown>, applicationId: string): TemplateResult {
  const { m } = ctx;
  const problem = s.error === undefined ? undefined : describeProblem(s.error, ctx.lang);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const validation = readReportForm(form);
    await submit(validation);
    if (!validation.report) focusFirstInvalid(form, validation);
  };
  return panel(
    m.reportTitle,
    html`<p>${m.reportIntro}</p>
      ${rnmBlock(ctx, s, applicationId)}
      ${problem ? html`<p part="error" role="alert">${problem.message}</p>` : nothing}
      <form part="form" novalidate @submit=${onSubmit}>
        ${reportFields(ctx, s)}
        <p class="hint">${m.reportDateTimeUtcNote(formatUtcOffset(localUtcOffsetMinutes()))}</p>
        <p><button part="button button-primary" class="primary" type="submit">${m.reportSubmit}</button></p>
      </form>`,
  );
}
