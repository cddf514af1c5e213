/** How CadesSignedData and HashedData turn their string input into bytes. */
import { HRESULT, pluginError } from './hresult-errors.js';

export const STRING_TO_UCS2LE = 0;
export const BASE64_TO_BINARY = 1;

/** Base64 as CryptStringToBinary accepts it: whitespace and line breaks ignored, padding optional. */
export function decodePluginBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  try {
    const binary = atob(compact);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

export function fromUtf16le(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i] as number) | ((bytes[i + 1] as number) << 8));
  return s;
}

/** The bytes a content string stands for: UTF-16LE (0) or decoded base64 (1, invalid → 0x80092002). */
export function contentBytes(content: string, encoding: number): Uint8Array {
  if (encoding === STRING_TO_UCS2LE) return utf16le(content);
  const decoded = decodePluginBase64(content);
  if (!decoded) throw pluginError(HRESULT.CRYPT_E_BAD_ENCODE);
  return decoded;
}
