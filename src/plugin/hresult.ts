/**
 * HRESULT → error code, and reading the HRESULT out of whatever the plug-in threw.
 * The async plug-in rejects with an Error whose message ends in "(0x8010006E)"; the NPAPI/IE forms carry a
 * negative `number`; newer loaders offer `cadesplugin.getLastError(e)` with the native message.
 */
import type { CryptoProErrorCode } from './errors/crypto-pro-error.js';

/** Each code with the HRESULTs (hex) that mean it. */
const FAMILIES: Partial<Record<CryptoProErrorCode, string>> = {
  // SCARD_W_CANCELLED_BY_USER, ERROR_CANCELLED (as an HRESULT, and as the plain Win32 code the plug-in reports when
  // the user refuses its access confirmation: "… (0x000004C7)", vgoma/crypto-pro#8)
  USER_CANCELLED: '8010006e 800704c7 4c7',
  // SCARD_W_CHV_BLOCKED
  PIN_BLOCKED: '8010006c',
  // NTE_BAD_KEYSET, NTE_NO_KEY, CRYPT_E_NOT_FOUND, CRYPT_E_NO_KEY_PROPERTY: no key or no container
  NO_PRIVATE_KEY: '80090016 8009000d 80092004 8009200b',
  // E_UNEXPECTED: what CryptoPro returns when the reader has no token; SCARD_W_REMOVED_CARD and SCARD_E_NO_SMARTCARD:
  // the smart-card subsystem's own codes for a removed / absent card (winscard, pcsc-lite)
  TOKEN_NOT_INSERTED: '8000ffff 80100069 8010000c',
  // CERT_E_CHAINING, CERT_E_UNTRUSTEDROOT, CERT_E_EXPIRED
  CHAIN_NOT_BUILT: '800b010a',
  UNTRUSTED_ROOT: '800b0109',
  CERTIFICATE_EXPIRED: '800b0101',
  // NTE_BAD_ALGID and provider-type failures: no GOST-capable CSP answered
  CSP_ALGORITHM: '80090008 80090017 80090019',
  // ERROR_FUNCTION_FAILED, which CryptoPro CSP returns for an expired licence
  LICENCE_EXPIRED: '8007065b',
  INVALID_PARAMETER: '80070057',
  INVALID_BASE64: '80092002',
};

const BY_HRESULT = new Map<number, CryptoProErrorCode>();
for (const [code, list] of Object.entries(FAMILIES)) for (const h of list.split(' ')) BY_HRESULT.set(parseInt(h, 16), code as CryptoProErrorCode);

export function codeForHresult(hresult: number | undefined): CryptoProErrorCode | undefined {
  return hresult === undefined ? undefined : BY_HRESULT.get(hresult >>> 0);
}

const HEX = /0x([0-9a-f]{8})/gi;

/** The last `0x…` with eight hex digits in a text (the plug-in appends it after the sentence). */
export function hresultFromText(text: string): number | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(HEX)) last = m[1];
  return last === undefined ? undefined : parseInt(last, 16) >>> 0;
}

export interface RawPluginFailure {
  hresult?: number | undefined;
  message: string;
}

/** The text of anything thrown: a string itself, an error's message, else its String form. */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof error === 'string' ? error : typeof message === 'string' ? message : String(error);
}

/** Pulls a message and an HRESULT out of an unknown rejection value. */
export function describeFailure(error: unknown): RawPluginFailure {
  const message = messageOf(error);
  const { number } = Object(error) as { number?: unknown };
  // COM-style numeric codes are negative 32-bit integers (e.g. -2146434962).
  return { message, hresult: hresultFromText(message) ?? (typeof number === 'number' && number < 0 ? number >>> 0 : undefined) };
}
