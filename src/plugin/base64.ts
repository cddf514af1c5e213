/**
 * Base64 for the adapter, on the browser's own atob/btoa (also in Node 16+): the adapter runs only in pages, so
 * it need not ship a decoder of its own. atob is as strict as src/cms's decoder where it matters here: it skips
 * ASCII whitespace and refuses any other character outside the alphabet, misplaced padding and impossible lengths.
 */

/** Base64 text to bytes; throws (a DOMException) on anything that is not base64. */
export function base64Bytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** Bytes to base64 without line breaks; slices keep `String.fromCharCode`'s argument list short. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
