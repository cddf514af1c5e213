// node-gost-crypto reads the Node-only free variable `global` once while its modules load. In a browser
// bundle there is no such variable, so we lend it `globalThis` for the duration of that load only
// (src/cms/gost.ts takes it back), instead of asking every bundler config to `define` it.
const holder = globalThis as { global?: unknown };

/** True when this module created `globalThis.global` and gost.ts must remove it again. */
export const lentGlobal: boolean = holder.global === undefined;
if (lentGlobal) holder.global = globalThis;

export function returnGlobal(): void {
  if (lentGlobal && holder.global === globalThis) delete holder.global;
}
