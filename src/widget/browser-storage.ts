/**
 * localStorage / sessionStorage that never throws: private modes, sandboxed iframes and full quotas make the
 * Web Storage API throw, and remembering a choice is never worth breaking the signing journey.
 */
type Area = 'local' | 'session';

function area(which: Area): Storage | undefined {
  try {
    return which === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readStored<T>(which: Area, key: string): T | undefined {
  try {
    const raw = area(which)?.getItem(key);
    return raw == null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function writeStored(which: Area, key: string, value: unknown): void {
  try {
    if (value === undefined) area(which)?.removeItem(key);
    else area(which)?.setItem(key, JSON.stringify(value));
  } catch {
    /* ignore: see above */
  }
}

/** The certificate chosen last time for this application (this browser). */
export const certificateKey = (applicationId: string) => `ofd-signer:certificate:${applicationId}`;
/** Documents this tab sent, or tried to send with an unknown outcome: never sent again from here. */
export const sentKey = (applicationId: string) => `ofd-signer:sent:${applicationId}`;
