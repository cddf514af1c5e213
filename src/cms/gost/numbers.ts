/** Byte strings ↔ BigInt in the two orders GOST data uses (keys and digests little-endian, signatures big-endian). */

export function bigIntFromLittleEndian(bytes: Uint8Array): bigint {
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

export function bigIntFromBigEndian(bytes: Uint8Array): bigint {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** `value` as exactly `length` big-endian bytes (value < 256^length). */
export function bigEndianBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(2 * length, '0');
  if (hex.length > 2 * length) throw new RangeError(`value does not fit in ${length} bytes`);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function littleEndianBytes(value: bigint, length: number): Uint8Array {
  return bigEndianBytes(value, length).reverse();
}
