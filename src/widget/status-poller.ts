/**
 * Polls with exponential backoff, pauses while the tab is hidden (no point in waking OFD for nobody) and
 * polls at once when the tab becomes visible again. Framework-free so a batch of applications can run one each.
 */
export interface PollerOptions {
  /** First delay; also the delay after something changed. */
  initialMs: number;
  maxMs: number;
  factor?: number;
  /** The document whose visibility pauses polling; none in Node. */
  document?: Document | undefined;
}

export type PollStep = 'changed' | 'same' | 'stop';

export class StatusPoller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private running = false;
  private inFlight = false;
  private readonly onVisibility = () => {
    if (!this.running) return;
    if (this.hidden) this.clearTimer();
    else if (!this.inFlight) {
      this.clearTimer();
      void this.tick();
    }
  };

  constructor(
    private readonly poll: () => Promise<PollStep>,
    private readonly options: PollerOptions,
  ) {
    this.delay = options.initialMs;
  }

  get active(): boolean {
    return this.running;
  }

  start(immediately = false): void {
    if (this.running) return;
    this.running = true;
    this.delay = this.options.initialMs;
    this.options.document?.addEventListener('visibilitychange', this.onVisibility);
    if (immediately) void this.tick();
    else this.schedule();
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
    this.options.document?.removeEventListener('visibilitychange', this.onVisibility);
  }

  private get hidden(): boolean {
    return this.options.document?.visibilityState === 'hidden';
  }

  private schedule(): void {
    this.clearTimer();
    if (!this.running || this.hidden) return;
    this.timer = setTimeout(() => void this.tick(), this.delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (!this.running || this.hidden) return;
    this.inFlight = true;
    let step: PollStep;
    try {
      step = await this.poll();
    } catch {
      step = 'same';
    } finally {
      this.inFlight = false;
    }
    if (step === 'stop') return this.stop();
    this.delay = step === 'changed' ? this.options.initialMs : Math.min(this.options.maxMs, this.delay * (this.options.factor ?? 1.6));
    this.schedule();
  }
}
