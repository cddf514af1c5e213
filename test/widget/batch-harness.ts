/**
 * The batch, driven the way a director does it: choose the certificate once, read the review by cash register,
 * "Sign all", then read the table — `await batch.signAll(); const table = await batch.waitForTable(...)`.
 */
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import { SignerHarness } from './signer-harness.js';

export interface TableRow {
  applicationId: string;
  register: string;
  /** The registration number the tax service assigned (РНМ), or "—". */
  rnm: string;
  status: string;
  /** data-state: loading, skipped, ready, tracking, unresolved, report, approved, rejected, failed, error… */
  state: string;
  /** Why the row is where it is (FNS's reason, OFD's, ours), empty when nothing is wrong. */
  reason: string;
  /** The "what to do" column: the reason and the advice. */
  action: string;
  documents: string;
}

/** States in which an application needs nothing more from this sitting. */
const SETTLED = new Set(['skipped', 'report', 'approved', 'rejected', 'error', 'ready']);

export class BatchHarness extends SignerHarness {
  constructor(element: OfdSignerElement, tick: () => void) {
    super(element, tick);
  }

  private get shadow(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  /** The review's cards, one per cash register: heading, key fields, state and note. */
  async reviewedRegisters(): Promise<{ heading: string; fields: Record<string, string>; state: string; text: string }[]> {
    await this.waitForStep('review');
    return [...this.shadow.querySelectorAll('article[data-application]')].map((article) => {
      const fields: Record<string, string> = {};
      for (const dt of article.querySelectorAll('dt')) fields[dt.textContent!.trim()] = dt.nextElementSibling!.textContent!.trim();
      return {
        heading: article.querySelector('h3')!.textContent!.replace(/\s+/g, ' ').trim(),
        fields,
        state: article.getAttribute('data-state')!,
        text: article.textContent!.replace(/\s+/g, ' ').trim(),
      };
    });
  }

  /** The PIN sentence of the review: "once" or "each". */
  pinNote(): string {
    return this.shadow.querySelector('[data-pin]')?.getAttribute('data-pin') ?? '';
  }

  /** From the review (or the table's "sign the remaining"): press the button and wait until signing stops. */
  override async signAll(): Promise<void> {
    await this.waitForStep('review', 'table');
    await this.press(/Подписать все|Подписать оставшиеся|Sign all|Sign the remaining/);
    await this.waitFor(() => this.step !== 'signing', 'signing to stop');
  }

  async signRemaining(): Promise<void> {
    await this.waitForStep('table');
    await this.press(/Подписать оставшиеся|Sign the remaining/);
    await this.waitFor(() => this.step !== 'signing', 'signing to stop');
  }

  async retry(): Promise<void> {
    await this.waitForStep('table');
    await this.press(/Повторить для|Retry for/);
    await this.waitFor(() => this.step === 'table', 'retry to finish');
  }

  /** The table as it is on screen now. */
  table(): TableRow[] {
    return [...this.shadow.querySelectorAll('tbody tr')].map((tr) => {
      const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const cells = [...tr.children];
      return {
        applicationId: tr.getAttribute('data-application')!,
        register: text(cells[0]),
        rnm: text(cells[1]),
        status: text(cells[2]),
        state: tr.getAttribute('data-state')!,
        documents: text(cells[3]),
        reason: text(tr.querySelector('[data-reason]')),
        action: text(cells[4]),
      };
    });
  }

  /** Waits (moving OFD's clock on) until the table shows every application settled, or `until` holds. */
  async waitForTable(until: (rows: TableRow[]) => boolean = (rows) => rows.every((r) => SETTLED.has(r.state)), timeoutMs = 20_000): Promise<TableRow[]> {
    return this.waitFor(
      () => {
        if (this.step !== 'table') return undefined;
        const rows = this.table();
        return rows.length > 0 && until(rows) ? rows : undefined;
      },
      'the table to settle',
      timeoutMs,
    );
  }

  /** The report round's forms: which registers still wait for their report, in order. */
  reportForms(): string[] {
    return [...this.shadow.querySelectorAll('form[data-report-for]')].map((f) => f.getAttribute('data-report-for')!);
  }

  /**
   * Fills the report form of one register and submits it as Enter does (no nested flow, no certificate asked);
   * resolves once the form has been handled (focus moved).
   */
  async fillRowReport(applicationId: string, values: { dateTime: string; documentNumber: string; fiscalSign: string }): Promise<void> {
    const form = this.shadow.querySelector<HTMLFormElement>(`form[data-report-for="${applicationId}"]`);
    if (!form) throw new Error(`no report form for ${applicationId}`);
    for (const [name, value] of Object.entries(values)) form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.value = value;
    form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await this.element.updateComplete;
    await this.element.updateComplete;
  }

  /** The alert above the table (cancelled PIN, stopped batch). */
  alert(): string {
    return this.shadow.querySelector('[part="step"] [role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }
}
