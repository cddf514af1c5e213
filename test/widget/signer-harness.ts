/**
 * Drives `<ofd-signer>` the way a person does — by what is written on the screen — so the tests read like the
 * journey: `await signer.chooseCertificate('Романова'); await signer.signAll(); await signer.waitForStatus('Approved')`.
 */
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import type { StepName } from '../../src/widget/views/switch.js';

export class SignerHarness {
  /** Every ofd-* event the element dispatched, in order. */
  readonly events: CustomEvent[] = [];

  constructor(
    readonly element: OfdSignerElement,
    /** Moves the world's clocks on while waiting for OFD and FNS. */
    private readonly tick: () => void = () => undefined,
  ) {
    for (const type of ['ofd-ready', 'ofd-certificate-change', 'ofd-signed', 'ofd-sent', 'ofd-status', 'ofd-approved', 'ofd-rejected', 'ofd-error']) {
      // Listen on the document: the events bubble and are composed.
      element.ownerDocument.addEventListener(type, (e) => {
        if (e.target === element) this.events.push(e as CustomEvent);
      });
    }
  }

  private get root(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  get step(): StepName {
    return this.element.step;
  }

  /** The current step's visible text, whitespace collapsed. */
  text(): string {
    return (this.root.querySelector('[part="step"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  heading(): string {
    return this.root.querySelector('[part~="heading"]')?.textContent?.trim() ?? '';
  }

  /** The screen's alerts (read once by assistive technology when they appear). */
  alertText(): string {
    return [...this.root.querySelectorAll('[part="step"] [role="alert"]')].map((e) => e.textContent!.replace(/\s+/g, ' ').trim()).join(' ');
  }

  /** What the live region last announced. */
  announcement(): string {
    return this.root.querySelector('[role="status"]')?.textContent?.trim() ?? '';
  }

  eventsOf(type: string): CustomEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  /** Waits for a condition while OFD's clock moves on (statuses advance as they would in real time). */
  async waitFor<T>(condition: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastTick = Date.now();
    for (;;) {
      await this.element.updateComplete;
      if (Date.now() - lastTick > 20) {
        lastTick = Date.now();
        this.tick();
      }
      const value = condition();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; step ${this.step}: ${this.text()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Waits until the element shows one of these steps, rendered (a view fetched on demand has arrived). */
  waitForStep(...names: StepName[]): Promise<StepName> {
    return this.waitFor(() => (names.includes(this.step) && !this.root.querySelector('[data-pending]') ? this.step : undefined), `step ${names.join('|')}`);
  }

  /** Names on the certificates that can be chosen. */
  async usableCertificates(): Promise<string[]> {
    await this.waitForStep('certificates');
    return [...this.root.querySelectorAll('[part~="certificate"]')].map((b) => b.querySelector('strong')!.textContent!.trim());
  }

  /** Lines of the "cannot be used" list, with their reasons. */
  unusableCertificates(): string[] {
    return [...this.root.querySelectorAll('.unusable li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
  }

  async filterCertificates(text: string): Promise<void> {
    const input = this.root.querySelector<HTMLInputElement>('[part~="filter"]');
    if (!input) throw new Error('no certificate filter on screen');
    input.value = text;
    input.dispatchEvent(new Event('input'));
    await this.element.updateComplete;
  }

  async chooseCertificate(owner: string): Promise<void> {
    await this.waitForStep('certificates');
    const button = [...this.root.querySelectorAll<HTMLButtonElement>('[part~="certificate"]')].find((b) => b.textContent!.includes(owner));
    if (!button) throw new Error(`no usable certificate of ${owner}: ${this.text()}`);
    button.click();
    await this.element.updateComplete;
  }

  /** Presses the button whose label contains `label`. */
  async press(label: string | RegExp): Promise<void> {
    const buttons = [...this.root.querySelectorAll<HTMLButtonElement>('button')];
    const button = buttons.find((b) => (typeof label === 'string' ? b.textContent!.includes(label) : label.test(b.textContent!)));
    if (!button) throw new Error(`no button "${label}" on screen: ${buttons.map((b) => b.textContent!.trim()).join(' | ')}`);
    button.click();
    await this.element.updateComplete;
  }

  /** The review's key fields of each document, as label → value. */
  async reviewedDocuments(): Promise<Record<string, string>[]> {
    await this.waitForStep('review');
    return [...this.root.querySelectorAll('article[part~="document"]')].map((article) => {
      const out: Record<string, string> = {};
      const dts = [...article.querySelectorAll('dt')];
      for (const dt of dts) out[dt.textContent!.trim()] = dt.nextElementSibling!.textContent!.trim();
      return out;
    });
  }

  fullXml(index = 0): string {
    return this.root.querySelectorAll('article[part~="document"] pre')[index]?.textContent ?? '';
  }

  /** From the review: "Sign and send", then wait until signing and sending are over. */
  async signAll(): Promise<void> {
    await this.waitForStep('review');
    await this.press(/Подписать и отправить|Sign and send/);
    await this.waitFor(() => this.step !== 'signing' && this.step !== 'sending', 'signing to finish');
  }

  /** Waits (moving OFD's clock on) until the application reports `status`. */
  async waitForStatus(status: string): Promise<void> {
    await this.waitFor(() => {
      return this.eventsOf('ofd-status').some((e) => e.detail.status === status) && ['approved', 'rejected', 'report', 'status', 'review', 'error'].includes(this.step);
    }, `status ${status}`);
  }

  async fillReport(values: { dateTime: string; documentNumber: string; fiscalSign: string }): Promise<void> {
    await this.waitForStep('report');
    for (const [name, value] of Object.entries(values)) {
      const input = this.root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
    }
    this.root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await this.element.updateComplete;
  }

  fieldError(name: string): string {
    return this.root.querySelector(`#${name}-error`)?.textContent?.trim() ?? '';
  }

  links(): { text: string; href: string }[] {
    return [...this.root.querySelectorAll<HTMLAnchorElement>('[part="step"] a')].map((a) => ({ text: a.textContent!.trim(), href: a.href }));
  }

  /** The element that has keyboard focus inside the shadow root. */
  focused(): Element | null {
    return this.root.activeElement;
  }
}
