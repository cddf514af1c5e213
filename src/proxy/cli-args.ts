import { isUuid } from './validation.js';

/**
 * `<applicationId>… [--flag value]…` of the `link` and `ticket` commands: every id a UUID, every flag known and
 * its value accepted by its check (which answers the complaint, or undefined). Undefined after saying what is wrong.
 */
export function parseIdArguments(
  args: readonly string[],
  command: string,
  usage: string,
  flags: Record<string, (value: string | undefined) => string | undefined>,
  err: (line: string) => void,
): { ids: string[]; values: Record<string, string> } | undefined {
  const ids: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const check = Object.hasOwn(flags, arg) ? flags[arg] : undefined;
    if (check) {
      const value = args[++i];
      const problem = check(value);
      if (problem) {
        err(`ofd-signer-proxy ${command}: ${arg} ${problem}`);
        return undefined;
      }
      values[arg] = value!;
    } else if (isUuid(arg)) {
      ids.push(arg);
    } else {
      err(`ofd-signer-proxy ${command}: "${arg}" is not an application id (UUID)`);
      return undefined;
    }
  }
  if (ids.length === 0) {
    err(`usage: ofd-signer-proxy ${command} ${usage}`);
    return undefined;
  }
  return { ids, values };
}

/** A check for a whole number in `min..max`. */
export const wholeNumber = (min: number, max: number, unit: string) => (value: string | undefined) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? undefined : `takes a whole number of ${unit} in ${min}..${max}`;
};
