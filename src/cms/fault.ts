import type { CmsParseErrorCode } from './errors/CmsParseError.js';

/**
 * What the lean readers (certificate-core, base64 decoding) throw internally. It carries no user sentences, so a
 * bundle that only lists certificates (the plug-in adapter) does not ship CmsParseError's ru/en tables; every public
 * function of `src/cms` turns it into a {@link CmsParseError} with `toCmsParseError`.
 */
export class DerFault extends Error {
  constructor(
    readonly code: CmsParseErrorCode,
    detail: string,
    readonly offset?: number,
  ) {
    super(detail);
  }
}

export function fault(code: CmsParseErrorCode, detail: string, offset?: number): never {
  throw new DerFault(code, detail, offset);
}

/** The fault of a reader that read bytes taken from offset `by` of a larger input, with its offset into that input. */
export function shiftFault(error: unknown, by: number): unknown {
  return error instanceof DerFault && error.offset !== undefined ? new DerFault(error.code, error.message, error.offset + by) : error;
}
