/**
 * The batch, driven the way a director does it: choose the certificate once, read the review by cash register,
 * "Sign all", then read the table — `await batch.signAll(); const table = await batch.waitForTable(...)`.
 */
import type { OfdSignerElement } from '../../src/widget/ofd-signer.js';
import { SignerHarness } from './signer-harness.js';

export interface TableRow {
  applicationId: string;
  register: string;
  status: string;
  /** data-state: loading, skipped, ready, tracking, unresolved, report, approved, rejected, failed, error… */
  state: string;
  reason: string;
  documents: string;
}

/** States in which an application needs nothing more from this sitting. */
const SETTLED = new Set(['skipped', 'report', 'approved', 'rejected', 'failed', 'error', 'ready']);

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
      const cells = [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
      return {
        applicationId: tr.getAttribute('data-application')!,
        register: cells[0]!,
        status: cells[1]!,
        state: tr.getAttribute('data-state')!,
        reason: cells[2]!,
        documents: cells[3]!,
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

  /** The alert above the table (cancelled PIN, stopped batch). */
  alert(): string {
    return this.shadow.querySelector('[part="step"] [role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }
}
