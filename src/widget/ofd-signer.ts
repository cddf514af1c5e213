import { formatUtcOffset, localUtcOffsetMinutes } from './registration-report-form.js';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createOfdClient } from '../api/index.js';
import { createCryptoProAdapter } from '../plugin/index.js';
import { BatchFlow, type BatchConfig, type BatchStep } from './batch/batch-flow.js';
import { renderBatch } from './batch/batch-view.js';
import { SigningFlow, type FlowConfig, type FlowStep } from './controllers/signing-flow.js';
import { describeProblem, formatDate, messages, resolveLang, unusableReason, type Lang, type Messages } from './i18n/index.js';
import { installLinks } from './install-links.js';
import { styles } from './ofd-signer.styles.js';
import type { CertificateChoice, ContentMode, OfdClientPort, SignatureMode, SignerAdapterPort } from './ports.js';
import { checkSignerIdentity, ownerName } from './signer-identity.js';

/** Stage shown in the progress list for each step. */
const STAGE: Record<FlowStep['name'], number> = {
  missing: 0, plugin: 0, certificates: 1, application: 2, identity: 2, review: 2, signing: 3, sending: 3,
  report: 4, status: 4, approved: 4, rejected: 4, error: -1,
};
const BATCH_STAGE: Record<BatchStep['name'], number> = {
  missing: 0, plugin: 0, certificates: 1, application: 2, review: 2, signing: 3, table: 4,
};
/** Show the filter when the list is longer than this. */
const FILTER_FROM = 5;

/**
 * Signs an OFD.ru cash register registration application with the user's qualified signature (КЭП) through
 * the CryptoPro plug-in, and follows it to the tax service's answer.
 *
 * @tag ofd-signer
 * @customElement ofd-signer
 * @summary The whole signing journey: plug-in check, certificate, review, signing, status.
 *
 * @event ofd-ready - The plug-in answered and the certificates are listed. `detail: { pluginVersion, usableCertificates }`
 * @event ofd-certificate-change - The user chose a certificate. `detail: { thumbprint, owner }`
 * @event ofd-signed - One document was signed and checked locally (per document). `detail: { applicationId, documentId, index, total, signature }`
 * @event ofd-sent - The signatures of a round reached OFD. `detail: { applicationId, documentIds }`
 * @event ofd-status - The application's status or stage changed. `detail: { applicationId, status, stage }`
 * @event ofd-approved - The cash register is registered. `detail: { applicationId, documents: [{ type, url }] }`
 * @event ofd-rejected - The tax service rejected the application. `detail: { applicationId, reason }`
 * @event ofd-error - Something stopped the journey. `detail: { code, message, cause }`
 *
 * @slot header - Replaces the title above the steps (a partner's logo and heading).
 * @slot footer - Content under the steps (support contacts).
 *
 * @csspart base - The wrapper of everything.
 * @csspart stages - The list of stages at the top.
 * @csspart step - The current step's section.
 * @csspart heading - The current step's heading.
 * @csspart button - Every button.
 * @csspart button-primary - The main action of a step.
 * @csspart certificate-list - The list of certificates that can sign.
 * @csspart certificate - One certificate that can sign.
 * @csspart filter - The certificate filter field.
 * @csspart document - One document in the review.
 * @csspart progress - The signing progress bar.
 * @csspart error - An error message.
 * @csspart form - The registration report form.
 * @csspart link - Links to documents (PDF, FNS documents).
 * @csspart table - The batch's table of applications (register, status, reason, documents).
 *
 * @cssprop [--ofd-signer-accent=#1f5fbf] - Buttons, links, the current stage.
 * @cssprop [--ofd-signer-accent-contrast=#fff] - Text on the accent colour.
 * @cssprop [--ofd-signer-background=#fff] - Background.
 * @cssprop [--ofd-signer-foreground=#1b1f24] - Text.
 * @cssprop [--ofd-signer-muted=#5b6470] - Secondary text.
 * @cssprop [--ofd-signer-border=#d0d5dc] - Borders of cards and fields.
 * @cssprop [--ofd-signer-danger=#b3261e] - Errors.
 * @cssprop [--ofd-signer-success=#1e7b34] - Success.
 * @cssprop [--ofd-signer-focus=#f5a623] - The focus ring.
 * @cssprop [--ofd-signer-radius=8px] - Corner radius.
 * @cssprop [--ofd-signer-font=16px/1.5 system-ui] - The font shorthand.
 */
export class OfdSignerElement extends LitElement {
  static override styles = styles;
  static override properties = {
    applicationId: { attribute: 'application-id' },
    applicationIds: { attribute: 'application-ids' },
    ticket: {},
    apiBase: { attribute: 'api-base' },
    lang: {},
    signatureMode: { attribute: 'signature-mode' },
    contentMode: { attribute: 'content-mode' },
    pollInterval: { attribute: 'poll-interval', type: Number },
    adapter: { attribute: false },
    client: { attribute: false },
  };

  /** The application to sign (OFD's id, a UUID). */
  applicationId = '';
  /**
   * Several applications signed in one sitting, comma-separated (`id1,id2,…`); the ticket must cover exactly these.
   * One certificate, one review grouped by cash register, "sign all", then a table of every application.
   */
  applicationIds = '';
  /** The short-lived ticket the partner's back office minted for this application; sent as a Bearer token. */
  ticket = '';
  /** Where the partner's ofd-signer proxy answers. */
  apiBase = '/api';
  /** `attached` (default, as the OFD spec's sample) or `detached`. */
  signatureMode: SignatureMode = 'attached';
  /** `as-is`: sign the `Content` string itself (default, per the spec); `decoded`: sign the XML bytes. */
  contentMode: ContentMode = 'as-is';
  /** First status poll delay in ms; grows up to 30 s while nothing changes. */
  pollInterval = 2000;
  /** Plug-in adapter; defaults to `createCryptoProAdapter()`. Inject another (e.g. in tests) as a property. */
  adapter: SignerAdapterPort | undefined;
  /** API client; defaults to `createOfdClient({ baseUrl: apiBase, ticket })`. */
  client: OfdClientPort | undefined;
  private filter = '';
  private defaultAdapter: SignerAdapterPort | undefined;
  private defaultClient: OfdClientPort | undefined;
  private readonly flow = new SigningFlow(this, () => this.flowConfig());
  private readonly batch = new BatchFlow(this, () => this.batchConfig());
  private batchReportFor: string | undefined;
  private renderedStep: FlowStep | BatchStep | undefined;

  /** The current step's name (for tests and analytics): plugin, certificates, application, identity, review, … */
  get step(): FlowStep['name'] | BatchStep['name'] {
    return this.batchMode ? this.batch.step.name : this.flow.step.name;
  }

  /** The batch flow (for tests and the standalone page): its rows are the table. */
  get batchFlow(): BatchFlow {
    return this.batch;
  }

  private get ids(): string[] {
    return [...new Set(this.applicationIds.split(/[\s,;]+/).map((id) => id.trim()).filter(Boolean))];
  }

  private get batchMode(): boolean {
    return this.ids.length > 0;
  }

  /** Starts over (re-reads attributes). Called automatically when the element is connected or its target changes. */
  restart(): void {
    this.defaultClient = undefined;
    this.batchReportFor = undefined;
    if (this.batchMode) this.batch.start();
    else this.flow.start();
  }

  private flowConfig(): FlowConfig {
    return {
      applicationId: this.applicationId,
      ticket: this.ticket,
      lang: this.language,
      signatureMode: this.signatureMode === 'detached' ? 'detached' : 'attached',
      contentMode: this.contentMode === 'decoded' ? 'decoded' : 'as-is',
      adapter: () => this.adapter ?? (this.defaultAdapter ??= createCryptoProAdapter()),
      client: () =>
        this.client ??
        (this.ticket ? (this.defaultClient ??= createOfdClient({ baseUrl: this.apiBase, ticket: this.ticket })) : undefined),
      pollInitialMs: this.pollInterval,
      pollMaxMs: Math.max(this.pollInterval, 30_000),
    };
  }

  private batchConfig(): BatchConfig {
    const { applicationId: _single, ...rest } = this.flowConfig();
    return { ...rest, applicationIds: this.ids };
  }

  private get language(): Lang {
    return resolveLang(this.getAttribute('lang'), this.parentElement ?? undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.restart();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const restartOn = ['applicationId', 'applicationIds', 'ticket', 'apiBase', 'adapter', 'client'] as const;
    if (this.hasUpdated && this.renderedStep && restartOn.some((p) => changed.has(p) && changed.get(p) !== undefined)) {
      this.restart();
    }
    // Focus follows the journey: when the step changes, its heading takes focus so keyboard and screen reader
    // users land on the new content.
    const step = this.batchMode ? this.batch.step : this.flow.step;
    if (this.renderedStep && step !== this.renderedStep && step.name !== this.renderedStep.name) {
      this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
    }
    this.renderedStep = step;
  }

  protected override render(): TemplateResult {
    const m = messages(this.language);
    if (this.batchMode) return this.renderBatchMode(m);
    const step = this.flow.step;
    const stage = STAGE[step.name];
    return html`<div part="base">
      <slot name="header"><h1 class="sr-only">${m.title}</h1></slot>
      <ol part="stages">
        ${m.stages.map((s, i) => html`<li aria-current=${i === stage ? 'step' : nothing}>${s}</li>`)}
      </ol>
      <section part="step" data-step=${step.name}>${this.renderStep(step, m)}</section>
      <div class="sr-only" role="status" aria-live="polite">${this.flow.announcement}</div>
      <slot name="footer"></slot>
    </div>`;
  }

  private renderBatchMode(m: Messages): TemplateResult {
    const step = this.batch.step;
    const stage = BATCH_STAGE[step.name];
    return html`<div part="base">
      <slot name="header"><h1 class="sr-only">${m.title}</h1></slot>
      <ol part="stages">
        ${m.stages.map((s, i) => html`<li aria-current=${i === stage ? 'step' : nothing}>${s}</li>`)}
      </ol>
      <section part="step" data-step=${step.name}>
        ${renderBatch({
          flow: this.batch,
          lang: this.language,
          ticket: this.ticket,
          apiBase: this.apiBase,
          adapter: this.adapter,
          client: this.client,
          pollInterval: this.pollInterval,
          reportFor: this.batchReportFor,
          openReport: (id) => {
            this.batchReportFor = id;
            // Back at the table: statuses may have moved while the form was open.
            if (!id) void this.batch.refreshAll();
            this.requestUpdate();
          },
          panel: (title, body) => this.panel(title, body),
          button: (label, action, primary) => this.button(label, action, primary),
        })}
      </section>
      <div class="sr-only" role="status" aria-live="polite">${this.batch.announcement}</div>
      <slot name="footer"></slot>
    </div>`;
  }

  private renderStep(step: FlowStep, m: Messages): TemplateResult {
    switch (step.name) {
      case 'missing':
        return this.panel(m.errorTitle, html`<p part="error">${step.what === 'application' ? m.missingApplication : m.missingTicket}</p>`);
      case 'plugin':
        return step.problem ? this.pluginProblem(step.problem.message, m) : this.busy(m.pluginChecking);
      case 'certificates':
        return this.certificates(m);
      case 'application':
        return this.busy(
          { loading: m.applicationLoading, preparing: m.applicationPreparing, 'awaiting-documents': m.applicationAwaitingDocuments, report: m.applicationReport }[step.activity],
        );
      case 'identity':
        return this.identity(step.problems, m);
      case 'review':
        return this.review(m, step.cancelled);
      case 'signing':
      case 'sending':
        return this.panel(
          m.signingTitle,
          html`<p class="busy">${(step.name === 'signing' ? m.signingProgress : m.sendingProgress)(step.index, step.total)}</p>
            <progress part="progress" max=${step.total} value=${step.index - 1}></progress>
            ${step.name === 'signing' ? html`<p class="note">${m.signingPin}</p>` : nothing}`,
        );
      case 'status':
        return this.status(m, step.unresolved);
      case 'report':
        return this.report(m, step);
      case 'approved':
        return this.approved(m);
      case 'rejected':
        return this.rejected(m);
      case 'error':
        return this.panel(
          m.errorTitle,
          html`<p part="error" role="alert">${step.problem.message}</p>
            ${step.retry ? this.button(m.tryAgain, step.retry, true) : nothing}`,
        );
    }
  }

  private panel(title: string, body: unknown): TemplateResult {
    return html`<h2 part="heading" tabindex="-1">${title}</h2>
      ${body}`;
  }

  private busy(text: string): TemplateResult {
    return this.panel(text, html`<p class="busy" aria-hidden="true"></p>`);
  }

  private button(label: string, action: () => unknown, primary = false): TemplateResult {
    return html`<button part=${primary ? 'button button-primary' : 'button'} class=${primary ? 'primary' : ''} @click=${action}>
      ${label}
    </button>`;
  }

  private pluginProblem(message: string, m: Messages): TemplateResult {
    const links = installLinks(globalThis.navigator?.userAgent ?? '');
    return this.panel(
      m.pluginFailedTitle,
      html`<p part="error" role="alert">${message}</p>
        <p>${m.pluginInstallIntro}</p>
        <ul>
          <li><a part="link" href=${links.plugin} target="_blank" rel="noopener">${m.pluginLinkPlugin}</a></li>
          <li><a part="link" href=${links.extension} target="_blank" rel="noopener">${m.pluginLinkExtension(links.browser)}</a></li>
          <li><a part="link" href=${links.csp} target="_blank" rel="noopener">${m.pluginLinkCsp}</a></li>
        </ul>
        <p class="note">${m.pluginAfterInstall}</p>
        ${this.button(m.checkAgain, () => this.flow.checkPlugin(), true)}`,
    );
  }

  private certificates(m: Messages): TemplateResult {
    const all = this.flow.certificates;
    const needle = this.filter.trim().toLocaleLowerCase('ru');
    const matches = (c: CertificateChoice) => !needle || certificateText(c).toLocaleLowerCase('ru').includes(needle);
    const usable = all.filter((c) => c.usable && matches(c));
    const unusable = all.filter((c) => !c.usable && matches(c));
    return this.panel(
      m.certificatesTitle,
      html`<p>${m.certificatesIntro}</p>
        ${this.flow.pluginOutdated
          ? html`<p part="error">${m.pluginOutdated} <a part="link" href=${installLinks('').plugin} target="_blank" rel="noopener">${m.pluginLinkPlugin}</a></p>`
          : nothing}
        ${all.length > FILTER_FROM
          ? html`<label for="filter">${m.certificatesFilter}</label>
              <input id="filter" part="filter" type="search" .value=${this.filter} @input=${(e: Event) => {
                  this.filter = (e.target as HTMLInputElement).value;
                  this.requestUpdate();
                }} />`
          : nothing}
        ${all.every((c) => !c.usable)
          ? html`<p part="error">${m.certificatesNone}</p>
              ${this.button(m.checkAgain, () => this.flow.checkPlugin(), true)}`
          : nothing}
        ${needle && usable.length + unusable.length === 0 ? html`<p>${m.certificatesNoMatch}</p>` : nothing}
        <ul part="certificate-list">
          ${usable.map(
            (c) =>
              html`<li>
                <button part="certificate" ?data-last=${c.thumbprint === this.flow.rememberedThumbprint} data-thumbprint=${c.thumbprint}
                  @click=${() => this.flow.chooseCertificate(c.thumbprint)}>
                  <strong>${ownerName(c.info.subject)}</strong>
                  ${c.thumbprint === this.flow.rememberedThumbprint ? html`<span class="badge">${m.certificateLast}</span>` : nothing}
                  ${this.certificateDetails(c, m)}
                </button>
              </li>`,
          )}
        </ul>
        ${unusable.length > 0
          ? html`<p>${m.certificatesUnusable}</p>
              <ul class="unusable">
                ${unusable.map(
                  (c) =>
                    html`<li part="document">
                      <strong>${ownerName(c.info.subject)}</strong> ${this.certificateDetails(c, m)}
                      <br /><span class="invalid">${c.reasons.map((r) => unusableReason(r, this.language)).join(' ')}</span>
                    </li>`,
                )}
              </ul>`
          : nothing}`,
    );
  }

  private certificateDetails(c: CertificateChoice, m: Messages): TemplateResult {
    const s = c.info.subject;
    const inn = s.INNLE ?? s.INN;
    return html`<br /><small
        >${[s.T, s.O, inn ? `${m.certificateInn} ${inn}` : '', m.certificateValid(formatDate(c.info.notBefore), formatDate(c.info.notAfter)), `${m.certificateIssuer} ${c.info.issuer.CN ?? c.info.issuer.O ?? ''}`]
          .filter(Boolean)
          .join(' · ')}</small
      >`;
  }

  private identity(problems: readonly string[], m: Messages): TemplateResult {
    const subject = this.flow.chosen?.info.subject;
    const company = this.flow.session?.application?.CompanyDetails;
    return this.panel(
      m.identityTitle,
      html`${problems.map((p) => html`<p part="error" role="alert">${describeProblem(p, this.language).message}</p>`)}
        <dl>
          <dt>${m.identityCertificate}</dt>
          <dd>${subject ? [ownerName(subject), subject.O, subject.INNLE ?? subject.INN, subject.OGRN ?? subject.OGRNIP].filter(Boolean).join(', ') : ''}</dd>
          <dt>${m.identityApplication}</dt>
          <dd>
            ${[company?.CompanyName, [company?.Director?.LastName, company?.Director?.FirstName, company?.Director?.MiddleName].filter(Boolean).join(' '), company?.Inn, company?.Ogrn]
              .filter(Boolean)
              .join(', ')}
          </dd>
        </dl>
        ${this.button(m.identityChooseOther, () => this.flow.changeCertificate(), true)}`,
    );
  }

  private review(m: Messages, cancelled: boolean | undefined): TemplateResult {
    const session = this.flow.session!;
    const chosen = this.flow.chosen!;
    const docs = session.documents;
    const app = session.application!;
    const s = chosen.info.subject;
    const representative = checkSignerIdentity(s, app.CompanyDetails).representative;
    return this.panel(
      m.reviewTitle,
      html`${cancelled ? html`<p part="error" role="alert">${m.reviewCancelled}</p>` : nothing}
        <p>${m.reviewSigner([ownerName(s), s.T].filter(Boolean).join(', '))}</p>
        ${representative ? html`<p class="note">${m.reviewRepresentative}</p>` : nothing}
        ${docs.map(
          ({ document, fields, xml }, i) =>
            html`<article part="document">
              <h3>${m.reviewDocument(i + 1, docs.length)}: ${document.Description || document.FileName || document.Kind}</h3>
              <dl>
                ${field(m.fieldCompany, fields.company)} ${field(m.fieldInnKpp, [fields.inn, fields.kpp].filter(Boolean).join(' / '))}
                ${field(m.fieldKkt, [fields.kktModel, fields.kktSerial].filter(Boolean).join(', '))} ${field(m.fieldFn, fields.fnNumber)}
                ${field(m.fieldAddress, fields.address)}
                ${field(m.fieldReport, fields.reportNumber ? m.reportSummary(fields.reportDateTime ?? '', fields.reportNumber, fields.reportSign ?? '') : undefined)}
              </dl>
              <details>
                <summary>${m.reviewXml}</summary>
                <pre>${xml}</pre>
              </details>
            </article>`,
        )}
        ${app.DownloadUri ? html`<p>${this.fileLink(app.DownloadUri, m.reviewPdf)}</p>` : nothing}
        <p class="note">${m.reviewPinNote}</p>
        ${this.button(m.reviewSign(docs.length), () => this.flow.signAll(), true)}
        ${this.button(m.identityChooseOther, () => this.flow.changeCertificate())}`,
    );
  }

  private fileLink(href: string, label: string): TemplateResult {
    return html`<a part="link" href=${href} target="_blank" rel="noopener" @click=${(e: MouseEvent) => this.openFile(e, href)}>${label}</a>`;
  }

  /** Proxy files need the ticket in a header: fetch them through the client and hand the browser a blob. */
  private async openFile(event: MouseEvent, href: string): Promise<void> {
    const client = this.flowConfig().client();
    const path = /\/files\/(.+)$/.exec(href)?.[1];
    const session = this.flow.session;
    if (!client?.getFile || !path || !session) return;
    event.preventDefault();
    try {
      const url = URL.createObjectURL(await client.getFile(session.id, path));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${session.id}-${path.replace(/\W+/g, '-')}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.flow.announce(describeProblem(error, this.language).message);
    }
  }

  private status(m: Messages, unresolved: boolean | undefined): TemplateResult {
    const app = this.flow.session?.application;
    return this.panel(
      m.statusTitle,
      html`<p class="busy" part="status">${m.statusNow}: ${app ? (m.statuses[app.Status] ?? app.Status) : m.loading}</p>
        ${unresolved ? html`<p class="note">${m.statusUnresolved}</p>` : nothing}
        <p class="note">${m.statusLeave}</p>`,
    );
  }

  private report(m: Messages, step: Extract<FlowStep, { name: 'report' }>): TemplateResult {
    const errors = step.validation?.errors ?? {};
    const input = (name: 'dateTime' | 'documentNumber' | 'fiscalSign', label: string, type: string, extra: { inputmode?: string; placeholder?: string }) => {
      const error = errors[name];
      return html`<label for=${name}>${label}</label>
        <input id=${name} name=${name} type=${type} required aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${name}-error` : nothing} inputmode=${extra.inputmode ?? nothing}
          placeholder=${extra.placeholder ?? nothing} autocomplete="off" />
        ${error ? html`<div id=${`${name}-error`} class="invalid">${describeProblem(error, this.language).message}</div>` : nothing}`;
    };
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      void this.flow.submitReport({
        dateTime: String(data.get('dateTime') ?? ''),
        documentNumber: String(data.get('documentNumber') ?? ''),
        fiscalSign: String(data.get('fiscalSign') ?? ''),
      });
    };
    return this.panel(
      m.reportTitle,
      html`<p>${m.reportIntro}</p>
        ${step.problem ? html`<p part="error" role="alert">${step.problem.message}</p>` : nothing}
        <form part="form" novalidate @submit=${submit}>
          ${input('dateTime', m.reportDateTime, 'text', { placeholder: m.reportDateTimeHint })}
          <p class="hint">${m.reportDateTimeUtcNote(formatUtcOffset(localUtcOffsetMinutes()))}</p>
          ${input('documentNumber', m.reportNumber, 'text', { inputmode: 'numeric' })}
          ${input('fiscalSign', m.reportSign, 'text', { inputmode: 'numeric' })}
          <p><button part="button button-primary" class="primary" type="submit">${m.reportSubmit}</button></p>
        </form>`,
    );
  }

  private approved(m: Messages): TemplateResult {
    const app = this.flow.session!.application!;
    const rnm = app.KktDetails?.RegNumber;
    return this.panel(
      m.approvedTitle,
      html`<p class="ok">${m.approvedIntro}</p>
        ${rnm ? html`<p>${m.approvedRnm(rnm)}</p>` : nothing}
        <ul>
          ${app.ResultDocs.filter((d) => d.DownloadUri).map(
            (d) => html`<li>${this.fileLink(d.DownloadUri!, m.docTypes[d.DocType] ?? d.DocType)}</li>`,
          )}
        </ul>`,
    );
  }

  private rejected(m: Messages): TemplateResult {
    const reason = this.flow.session?.application?.StatusReason ?? '';
    const advice = /ЮЛ|ИП|ЕГРЮЛ|ЕГРИП|ИНН|ОГРН/i.test(reason)
      ? m.rejectedAdvice.company
      : /ККТ|ФН|накопител|заводск/i.test(reason)
        ? m.rejectedAdvice.kkt
        : /подпис|ЭП|КЭП|сертификат/i.test(reason)
          ? m.rejectedAdvice.signature
          : m.rejectedAdvice.other;
    return this.panel(
      m.rejectedTitle,
      html`<p>${m.rejectedReason}</p>
        <blockquote part="error">${reason}</blockquote>
        <p><strong>${m.rejectedWhatToDo}</strong> ${advice}</p>`,
    );
  }
}

function field(label: string, value: string | undefined): TemplateResult | typeof nothing {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing;
}

function certificateText(c: CertificateChoice): string {
  const s = c.info.subject;
  return [s.CN, s.SN, s.G, s.O, s.INN, s.INNLE, s.OGRN, s.T, c.info.issuer.CN].filter(Boolean).join(' ');
}
