/** Counts plug-in round trips for one operation: every object creation, property read, setter and method call. */
export class CallMeter {
  calls = 0;

  /** Wrap each plug-in promise at the point it is created: `await m.t(store.Open(...))`. */
  readonly t = <T>(call: Promise<T>): Promise<T> => {
    this.calls++;
    return call;
  };
}
