/** The registration report form (loaded on demand: most visits never see it). */
import { html, nothing, type TemplateResult } from 'lit';
import { describeProblem } from '../i18n/index.js';
import type { AppState } from '../journey/machine.js';
import { formatUtcOffset, localUtcOffsetMinutes, validateRegistrationReport, type ReportInput, type ReportValidation } from '../registration-report-form.js';
import type { ViewContext } from './context.js';
import { panel } from './frame.js';

export function reportView(ctx: ViewContext, s: Extract<AppState, { phase: 'needs-report' }>, submit: (validation: ReportValidation) => void): TemplateResult {
  const { m } = ctx;
  const errors = s.validation?.errors ?? {};
  const problem = s.error === undefined ? undefined : describeProblem(s.error, ctx.lang);
  const input = (name: keyof ReportInput, label: string, extra: { inputmode?: string; placeholder?: string }) => {
    const error = errors[name];
    return html`<label for=${name}>${label}</label>
      <input id=${name} name=${name} type="text" required aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${name}-error` : nothing}
        inputmode=${extra.inputmode ?? nothing} placeholder=${extra.placeholder ?? nothing} autocomplete="off" />
      ${error ? html`<div id=${`${name}-error`} class="invalid">${describeProblem(error, ctx.lang).message}</div>` : nothing}`;
  };
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const input: ReportInput = { dateTime: String(data.get('dateTime') ?? ''), documentNumber: String(data.get('documentNumber') ?? ''), fiscalSign: String(data.get('fiscalSign') ?? '') };
    submit(validateRegistrationReport(input));
  };
  return panel(
    m.reportTitle,
    html`<p>${m.reportIntro}</p>
      ${problem ? html`<p part="error" role="alert">${problem.message}</p>` : nothing}
      <form part="form" novalidate @submit=${onSubmit}>
        ${input('dateTime', m.reportDateTime, { placeholder: m.reportDateTimeHint })}
        <p class="hint">${m.reportDateTimeUtcNote(formatUtcOffset(localUtcOffsetMinutes()))}</p>
        ${input('documentNumber', m.reportNumber, { inputmode: 'numeric' })}
        ${input('fiscalSign', m.reportSign, { inputmode: 'numeric' })}
        <p><button part="button button-primary" class="primary" type="submit">${m.reportSubmit}</button></p>
      </form>`,
  );
}

