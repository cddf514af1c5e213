import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/index.js';
import type { CertificateInfo } from '../../cms/types.js';
import type { ApplicationRunner } from '../journey/runner.js';
import { ownerName } from '../signer-identity.js';
import type { ViewContext } from './context.js';
import { button, field, link, panel } from './frame.js';

/** What the director is about to sign: who signs, each document's key fields and full XML, the PDF, the button. */
export function reviewView(ctx: ViewContext, runner: ApplicationRunner, cancelled: boolean): TemplateResult {
  const { journey, m } = ctx;
  const s = runner.state;
  if (s.phase !== 'ready' || !journey.chosen) return html``;
  const subject = journey.chosen.info.subject;
  const docs = s.documents;
  // The report's round has its own title: the user sees that this is the second signature, not the first again.
  const reportRound = docs.some(({ fields }) => fields.reportNumber);
  return panel(
    reportRound ? m.reviewReportTitle : m.reviewTitle,
    html`${cancelled ? html`<p part="error" role="alert">${m.reviewCancelled}</p>` : nothing}
      ${signerLine(m, subject)}
      ${s.representative ? html`<p class="note">${m.reviewRepresentative}</p>` : nothing}
      ${docs.map(
        ({ document, fields, xml }, i) =>
          html`<article part="document">
            <h3>${m.reviewDocument(i + 1, docs.length)}: ${document.Description || document.FileName || document.Kind}</h3>
            <dl>
              ${field(m.fieldCompany, fields.company)} ${field(m.fieldInnKpp, [fields.inn, fields.kpp].filter(Boolean).join(' / '))}
              ${field(m.fieldKkt, [fields.kktModel, fields.kktSerial].filter(Boolean).join(', '))} ${field(m.fieldFn, fields.fnNumber)}
              ${field(m.fieldAddress, fields.address)}
              ${field(m.fieldReport, fields.reportNumber ? m.reportSummary(asPrinted(fields.reportDateTime ?? ''), fields.reportNumber, fields.reportSign ?? '') : undefined)}
            </dl>
            ${xmlDetails(m, xml)}
          </article>`,
      )}
      ${s.app?.DownloadUri ? html`<p>${link(s.app.DownloadUri, m.reviewPdf, (e, href) => ctx.openFile(e, href, runner.id))}</p>` : nothing}
      <p class="note">${m.pinWindow}</p>
      ${button(m.reviewSign(docs.length), () => journey.signAll(), true)} ${button(m.identityChooseOther, () => journey.changeCertificate())}`,
  );
}

/** "Подписывает: name, position" above a review. */
export function signerLine(m: Messages, subject: CertificateInfo['subject']): TemplateResult {
  return html`<p>${m.reviewSigner([ownerName(subject), subject.T].filter(Boolean).join(', '))}</p>`;
}

/** A document's whole XML, folded. */
export function xmlDetails(m: Messages, xml: string): TemplateResult {
  return html`<details><summary>${m.reviewXml}</summary><pre>${xml}</pre></details>`;
}

/**
 * The report's date and time as the cash register prints it and the user typed it (`15.01.2026 10:30`), for a local
 * `YYYY-MM-DDTHH:mm[:ss]`; anything else (a moment with a zone) is shown as the document holds it.
 */
function asPrinted(at: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(at);
  return m ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}` : at;
}
