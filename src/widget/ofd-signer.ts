import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { describeProblem, loadLanguage, messages, resolveLang, shownLanguage, type Lang } from './i18n/index.js';
import type { Application } from '../api/types.js';
import type { JourneyConfig, JourneyController } from './journey/controller.js';
import type { Phase } from './journey/machine.js';
import { styles } from './ofd-signer.styles.js';
import type { ContentMode, OfdClientPort, SignatureMode, SignerAdapterPort } from './ports.js';
import { busy, errorView, frame, panel, type StepName } from './views/frame.js';
import { chunk } from './lazy.js';
import { createOfdErrorEvent } from './events/ofd-error.js';

/** The journey and its views (a chunk beside the embed file), shared by every element on the page. */
const journeyKit = chunk('journey', () => import('./journey-kit.js'));

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
 * @csspart title - The visible title (replace it with the `header` slot).
 * @csspart context - Who asks (the `partner-name` attribute), for which company and cash register.
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
 * @cssprop [--ofd-signer-focus=#0b57d0] - The focus ring (at least 3:1 against the background; blue, not to be taken for an error).
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
    partnerName: { attribute: 'partner-name' },
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
  /**
   * `as-is`: sign the `Content` string itself (default, the only mode OFD verifies, 7.4). `decoded` (the XML bytes) is
   * deprecated: the proxy refuses such signatures, so the element refuses to sign with `CONTENT_MODE_UNSUPPORTED`.
   */
  contentMode: ContentMode = 'as-is';
  /** The partner's name as the client knows it, shown in the line under the title ("… просит подписать заявку"). */
  partnerName = '';
  /** First status poll delay in ms; grows up to 30 s while nothing changes. */
  pollInterval = 2000;
  /** Plug-in adapter; defaults to `createCryptoProAdapter()`. Inject another (e.g. in tests) as a property. */
  adapter: SignerAdapterPort | undefined;
  /** API client; defaults to `createOfdClient({ baseUrl: apiBase, ticket })`. */
  client: OfdClientPort | undefined;
  private filter = '';
  /** A selector to focus once a render shows it (the batch's "sign all" after the last report). */
  private focusPending: string | undefined;
  private defaultClient: OfdClientPort | undefined;
  private journey: JourneyController | undefined;
  private renderedStep: StepName | undefined;
  private renderedPending = false;
  /** Why the journey's chunk could not be fetched (`CHUNK_UNAVAILABLE`). */
  private unloaded: unknown;

  /** The current step's name (for tests and analytics): plugin, certificates, application, identity, review, … */
  get step(): StepName {
    if (this.missing) return 'missing';
    if (this.unloaded) return 'error';
    const kit = journeyKit.module;
    return kit && this.journey ? kit.stepOf(this.journey) : 'application';
  }

  /**
   * Each application as the journey sees it — the batch's table as data: its id, the phase of its machine
   * (`ready`, `tracking`, `needs-report`, `approved`…, see docs/widget.md) and OFD's last answer about it.
   */
  get applications(): readonly { id: string; phase: Phase; application: Application | undefined }[] {
    return this.journey?.runners.map((r) => ({ id: r.id, phase: r.state.phase, application: r.state.app })) ?? [];
  }

  /** What the link lacks (nothing to load then); undefined when there is an application and a way to reach it. */
  private get missing(): 'application' | 'ticket' | undefined {
    if (!this.applicationId && this.ids.length === 0) return 'application';
    if (!this.ticket && !this.client) return 'ticket';
    return undefined;
  }

  private get ids(): string[] {
    return [...new Set(this.applicationIds.split(/[\s,;]+/).map((id) => id.trim()).filter(Boolean))];
  }

  /** Starts over (re-reads attributes). Called automatically when the element is connected or its target changes. */
  restart(): void {
    this.defaultClient = undefined;
    this.focusPending = undefined;
    this.journey?.stop();
    this.requestUpdate();
    if (this.missing) return;
    // The first screen is painted at once; the journey (and another language than Russian) arrive beside it.
    this.unloaded = undefined;
    Promise.all([journeyKit(), loadLanguage(this.asked)]).then(
      ([k]) => {
        if (!this.isConnected || this.missing) return;
        this.journey ??= new k.JourneyController(this, () => this.journeyConfig());
        this.journey.start();
      },
      (error: unknown) => {
        // The chunk did not arrive (offline, a 404, a newer deploy): say so, and "try again" fetches it again.
        this.unloaded = error;
        this.dispatchEvent(createOfdErrorEvent({ ...describeProblem(error, this.language), cause: error }));
        this.requestUpdate();
      },
    );
  }

  private journeyConfig(): JourneyConfig {
    const batch = this.ids.length > 0;
    return {
      applicationIds: batch ? this.ids : this.applicationId ? [this.applicationId] : [],
      batch,
      lang: this.language,
      signatureMode: this.signatureMode === 'detached' ? 'detached' : 'attached',
      contentMode: this.contentMode === 'decoded' ? 'decoded' : 'as-is',
      adapter: () => this.adapter,
      client: () => this.activeClient(),
      pollInitialMs: this.pollInterval,
      pollMaxMs: Math.max(this.pollInterval, 30_000),
    };
  }

  private activeClient(): OfdClientPort | undefined {
    const kit = journeyKit.module;
    if (this.client || !this.ticket || !kit) return this.client;
    return (this.defaultClient ??= kit.createOfdClient({ baseUrl: this.apiBase, ticket: this.ticket }));
  }

  /** The language asked for: the `lang` attribute, else the page's. */
  private get asked(): Lang {
    return resolveLang(this.getAttribute('lang'), this.parentElement ?? undefined);
  }

  /** The language shown: the one asked for, or Russian when its chunk did not arrive. */
  private get language(): Lang {
    return shownLanguage(this.asked) ?? this.asked;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.restart();
  }

  /** Focus was inside the element before this render (a button that a render may remove). */
  private focusInside = false;

  private shadowFocus(): Element | null {
    try {
      return this.isConnected && this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    } catch {
      // happy-dom's ShadowRoot.activeElement throws for an element of a second window; no focus to keep there.
      return null;
    }
  }

  protected override willUpdate(): void {
    this.focusInside = this.hasUpdated && this.shadowFocus() !== null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const restartOn = ['applicationId', 'applicationIds', 'ticket', 'apiBase', 'adapter', 'client'] as const;
    if (this.hasUpdated && this.renderedStep && restartOn.some((p) => changed.has(p) && changed.get(p) !== undefined)) {
      this.restart();
    }
    // Focus follows the journey: when the step changes, its heading takes focus so keyboard and screen reader
    // users land on the new content.
    // A view fetched on demand replaces its placeholder within the same step: its heading takes focus too.
    const step = this.step;
    const pending = this.renderRoot.querySelector('[data-pending]') !== null;
    if (this.renderedStep && (step !== this.renderedStep || (this.renderedPending && !pending))) {
      this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
    }
    if (this.renderedStep && step !== this.renderedStep) this.focusPending = undefined;
    // The focused control went away with the render ("check again" replaced by "checking…"): the heading takes focus
    // rather than leaving keyboard users on <body>.
    else if (this.focusInside && !this.focusPending && this.isConnected && this.shadowFocus() === null) {
      this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
    }
    this.renderedStep = step;
    this.renderedPending = pending;
    if (this.focusPending) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusPending);
      if (target) {
        this.focusPending = undefined;
        target.focus();
      }
    }
  }

  protected override render(): TemplateResult {
    const lang = shownLanguage(this.asked);
    if (!lang) {
      void loadLanguage(this.asked).then(() => this.requestUpdate());
      return html``;
    }
    const m = messages(lang);
    const missing = this.missing;
    if (missing) return frame(m, 'missing', panel(m.errorTitle, html`<p part="error">${m.errors[missing === 'ticket' ? 'MISSING_TICKET' : 'MISSING_APPLICATION']}</p>`), '');
    if (this.unloaded) {
      return frame(m, 'error', errorView({ m }, describeProblem(this.unloaded, lang), () => this.restart()), '');
    }
    const kit = journeyKit.module;
    if (!kit || !this.journey) return frame(m, 'application', busy(m.applicationLoading), '');
    const journey = this.journey;
    return kit.renderView(journey, {
      journey,
      lang,
      m,
      partner: this.partnerName,
      filter: this.filter,
      setFilter: (value) => {
        this.filter = value;
        this.requestUpdate();
      },
      openFile: (event, href, applicationId) => void this.openFile(event, href, applicationId),
      rendered: () => this.updateComplete,
      focusWhenShown: (selector) => {
        this.focusPending = selector;
        this.requestUpdate();
      },
    }, () => this.requestUpdate());
  }

  /** Proxy files need the ticket in a header: fetch them through the client and hand the browser a blob. */
  private async openFile(event: MouseEvent, href: string, applicationId: string): Promise<void> {
    const client = this.activeClient();
    const path = /\/files\/(.+)$/.exec(href)?.[1];
    if (!client?.getFile || !path) return;
    event.preventDefault();
    try {
      const url = URL.createObjectURL(await client.getFile(applicationId, path));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${applicationId}-${path.replace(/\W+/g, '-')}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.journey?.announce(describeProblem(error, this.language).message);
    }
  }
}
