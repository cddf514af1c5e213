/**
 * Base64 without Buffer or atob, so the same code runs in the widget and in Node. Decoding is strict about the
 * alphabet (a stray character means the caller passed something else, which should be said, not guessed around)
 * and tolerant about whitespace and line breaks (PEM, and signatures pasted from documents).
 */
import { CmsParseError, toCmsParseError } from './errors/CmsParseError.js';
import { fault } from './fault.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const decodeTable = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) decodeTable[alphabet.charCodeAt(i)] = i;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0c;
}

/** Decodes standard base64 (RFC 4648 alphabet; padding optional, whitespace ignored; anything else is refused). */
export function base64ToBytes(text: string): Uint8Array {
  try {
    return decodeBase64(text);
  } catch (error) {
    throw toCmsParseError(error);
  }
}

/** {@link base64ToBytes} throwing the internal DerFault: for callers that only need to know it failed (the adapter). */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let outLength = 0;
  let buffer = 0;
  let bits = 0;
  let symbols = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhitespace(code)) continue;
    if (code === 0x3d /* = */) {
      padding++;
      continue;
    }
    const value = code < 128 ? decodeTable[code]! : -1;
    if (value < 0 || padding > 0) {
      const what = value < 0 ? `character ${JSON.stringify(text[i])}` : 'data after padding';
      fault('BASE64_INVALID', `${what} at position ${i}`);
    }
    symbols++;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[outLength++] = (buffer >> bits) & 0xff;
    }
  }
  if (symbols % 4 === 1) fault('BASE64_INVALID', 'length is not possible for base64');
  if (padding > 2 || (padding > 0 && (symbols + padding) % 4 !== 0)) {
    fault('BASE64_INVALID', 'bad padding');
  }
  return out.slice(0, outLength);
}

const alphabetCodes = Uint8Array.from(alphabet, (c) => c.charCodeAt(0));
const asciiDecoder = new TextDecoder();

/** Encodes bytes as standard base64 with padding, no line breaks. Linear: writes ASCII codes, decodes once. */
export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = alphabetCodes[n >> 18]!;
    out[o++] = alphabetCodes[(n >> 12) & 63]!;
    out[o++] = alphabetCodes[(n >> 6) & 63]!;
    out[o++] = alphabetCodes[n & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const b0 = bytes[whole]!;
    const b1 = rest === 2 ? bytes[whole + 1]! : 0;
    out[o++] = alphabetCodes[b0 >> 2]!;
    out[o++] = alphabetCodes[((b0 & 3) << 4) | (b1 >> 4)]!;
    out[o++] = rest === 2 ? alphabetCodes[(b1 & 15) << 2]! : 0x3d;
    out[o++] = 0x3d;
  }
  return asciiDecoder.decode(out);
}

/** Text to its UTF-8 bytes (what "sign the string" means for an ASCII base64 Content). */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * Accepts DER bytes, base64, or PEM (any `-----BEGIN ...-----` armour; the first block is used) and returns DER.
 */
export function derFromInput(input: Uint8Array | string): Uint8Array {
  if (typeof input !== 'string') return input;
  const begin = input.indexOf('-----BEGIN');
  if (begin < 0) return base64ToBytes(input);
  const bodyStart = input.indexOf('-----', begin + 10);
  const end = input.indexOf('-----END', bodyStart + 5);
  if (bodyStart < 0 || end < 0) throw new CmsParseError('BASE64_INVALID', 'unterminated PEM block');
  let body = input.slice(bodyStart + 5, end);
  // Old-style PEM headers ("Proc-Type: ...") end with a blank line; certificates have none, skip them if present.
  if (body.includes(':')) {
    const blank = body.search(/\r?\n\r?\n/);
    if (blank >= 0) body = body.slice(blank);
  }
  return base64ToBytes(body);
}

/**
 * Decodes the longest readable base64 prefix of a text that may be cut off or damaged (such as a sample that ends
 * in "....."): stops at the first character outside the alphabet and drops an incomplete final group.
 * Only for diagnostics; never for data that will be trusted.
 */
export function base64PrefixToBytes(text: string): Uint8Array {
  let clean = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhitespace(code)) continue;
    if (code >= 128 || decodeTable[code]! < 0) break;
    clean += text[i];
  }
  return base64ToBytes(clean.slice(0, clean.length - (clean.length % 4)));
}
