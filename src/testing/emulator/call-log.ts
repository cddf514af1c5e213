/**
 * Every plug-in call is a round trip browser → extension → native host. The emulator records each one so that
 * tests and benchmarks can count round trips and see whether independent calls were issued concurrently.
 */
export type CallKind = 'create' | 'get' | 'set' | 'call';

export interface CallRecord {
  /** 1-based order in which calls started. */
  seq: number;
  /** Emulated object type, e.g. 'Certificate', 'Store', 'CadesSignedData'; 'cadesplugin' for CreateObjectAsync. */
  target: string;
  /** Property, setter (without `propset_`), method, or the ProgID for 'create'. */
  member: string;
  kind: CallKind;
  /** performance.now() when the call was made and when its promise settled. */
  startedAt: number;
  endedAt?: number;
  /** The HRESULT when the call failed. */
  hresult?: number;
}

export type CallFilter = Partial<Pick<CallRecord, 'target' | 'member' | 'kind'>> | ((call: CallRecord) => boolean);

export class CallLog {
  readonly calls: CallRecord[] = [];
  private inFlight = 0;
  /** Peak number of calls in flight at once since the last reset. */
  maxConcurrency = 0;
  private seq = 0;
  /** The latest answer promised: answers come back in the order the calls were sent, whatever their latency. */
  private lastAnswer: Promise<unknown> = Promise.resolve();

  constructor(private readonly latency: (call: Pick<CallRecord, 'target' | 'member' | 'kind'>) => number) {}

  reset(): void {
    this.calls.length = 0;
    this.maxConcurrency = this.inFlight;
    this.seq = 0;
  }

  count(filter?: CallFilter): number {
    if (!filter) return this.calls.length;
    if (typeof filter === 'function') return this.calls.filter(filter).length;
    return this.calls.filter(
      (c) =>
        (filter.target === undefined || c.target === filter.target) &&
        (filter.member === undefined || c.member === filter.member) &&
        (filter.kind === undefined || c.kind === filter.kind),
    ).length;
  }

  /** Runs one emulated round trip: waits the configured latency, then does the work. */
  async run<T>(target: string, member: string, kind: CallKind, work: () => T | Promise<T>): Promise<T> {
    const record: CallRecord = { seq: ++this.seq, target, member, kind, startedAt: now() };
    this.calls.push(record);
    this.inFlight++;
    this.maxConcurrency = Math.max(this.maxConcurrency, this.inFlight);
    const ms = this.latency(record);
    const previous = this.lastAnswer;
    // One native-messaging channel, one host: a call is answered after the calls sent before it. Even at zero latency
    // the answer comes back asynchronously, as it does from the extension.
    const answer = (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve()).then(() => previous).then(work);
    this.lastAnswer = answer.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await answer;
    } catch (error) {
      const hresult = (error as { hresult?: unknown } | null)?.hresult;
      if (typeof hresult === 'number') record.hresult = hresult;
      throw error;
    } finally {
      this.inFlight--;
      record.endedAt = now();
    }
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
