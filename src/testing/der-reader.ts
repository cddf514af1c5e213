/** Just enough DER reading for the test helpers: walk TLVs to pick fields out of certificates we built. */
export interface Tlv {
  tag: number;
  /** The whole TLV. */
  bytes: Uint8Array;
  /** The value part. */
  value: Uint8Array;
}

export function readTlv(data: Uint8Array, offset = 0): Tlv {
  const tag = data[offset];
  let lengthByte = data[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error('truncated DER');
  let headerLength = 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const n = lengthByte & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < n; i++) {
      lengthByte = data[offset + 2 + i];
      if (lengthByte === undefined) throw new Error('truncated DER');
      length = length * 256 + lengthByte;
    }
    headerLength += n;
  }
  const end = offset + headerLength + length;
  if (end > data.length) throw new Error('truncated DER');
  return { tag, bytes: data.subarray(offset, end), value: data.subarray(offset + headerLength, end) };
}

/** The TLVs inside a constructed value. */
export function children(value: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = 0; offset < value.length; ) {
    const t = readTlv(value, offset);
    out.push(t);
    offset += t.bytes.length;
  }
  return out;
}

/** Issuer Name and serialNumber INTEGER of a certificate, as their DER TLVs. */
export function issuerAndSerial(certificateDer: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
  const tbs = children(readTlv(certificateDer).value)[0];
  if (!tbs) throw new Error('not a certificate');
  const fields = children(tbs.value);
  const hasVersion = fields[0]?.tag === 0xa0;
  const serial = fields[hasVersion ? 1 : 0];
  const issuer = fields[hasVersion ? 3 : 2];
  if (!serial || !issuer) throw new Error('not a certificate');
  return { issuer: issuer.bytes, serial: serial.bytes };
}
