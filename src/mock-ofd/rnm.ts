/**
 * A registration number (РНМ) with a valid check part: 10 digits of the ordinal, then 6 decimal digits of
 * CRC16-CCITT (poly 0x1021, init 0xFFFF) over ordinal(10) + INN(12) + serial number(20), each zero-padded.
 */
export function crc16Ccitt(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

export function registrationNumber(ordinal: number, inn: string, serialNumber: string): string {
  const head = String(ordinal).padStart(10, '0');
  const input = head + inn.padStart(12, '0') + serialNumber.padStart(20, '0');
  return head + String(crc16Ccitt(new TextEncoder().encode(input))).padStart(6, '0');
}
