/** CAdESCOM.HashedData: Streebog of data (or a hash value set from outside), for SignHash. */
import { streebog256, streebog512 } from '../../cms/gost.js';
import { bytesToHex, concatBytes } from '../../cms/der.js';
import { EmulatedObject } from './emulated-object.js';
import { HRESULT, pluginError } from './hresult-errors.js';
import { contentBytes, STRING_TO_UCS2LE, BASE64_TO_BINARY } from './content.js';
import type { EmulatorState } from './state.js';

/** CADESCOM_HASH_ALGORITHM_CP_GOST_3411_2012_256 / _512; 100 (GOST R 34.11-94) is not offered by a 2012 CSP here. */
const ALGORITHMS: Record<number, { bits: 256 | 512; digest: (d: Uint8Array) => Uint8Array }> = {
  101: { bits: 256, digest: streebog256 },
  102: { bits: 512, digest: streebog512 },
};

const hashes = new WeakMap<object, () => { bits: 256 | 512; value: Uint8Array }>();

/** The digest behind a HashedData object handed to SignHash. */
export function digestOfHashedData(value: unknown): { bits: 256 | 512; value: Uint8Array } | undefined {
  return typeof value === 'object' && value !== null ? hashes.get(value)?.() : undefined;
}

export class EmulatedHashedData extends EmulatedObject {
  private algorithm = 101;
  private dataEncoding = STRING_TO_UCS2LE;
  private data: Uint8Array[] = [];
  private presetValue: Uint8Array | undefined;

  constructor(state: EmulatorState) {
    super(state, 'HashedData');
    hashes.set(this, () => ({ bits: this.spec().bits, value: this.digest() }));
  }

  private spec() {
    const spec = ALGORITHMS[this.algorithm];
    if (!spec) throw pluginError(HRESULT.NTE_BAD_ALGID);
    return spec;
  }

  private digest(): Uint8Array {
    return this.presetValue ?? this.spec().digest(concatBytes(this.data));
  }

  propset_Algorithm(algorithm: number): Promise<void> {
    return this.write('Algorithm', () => {
      if (!ALGORITHMS[algorithm]) throw pluginError(HRESULT.NTE_BAD_ALGID);
      this.algorithm = algorithm;
    });
  }
  get Algorithm(): Promise<number> {
    return this.read('Algorithm', () => this.algorithm);
  }
  propset_DataEncoding(encoding: number): Promise<void> {
    return this.write('DataEncoding', () => {
      if (encoding !== STRING_TO_UCS2LE && encoding !== BASE64_TO_BINARY) throw pluginError(HRESULT.E_INVALIDARG);
      this.dataEncoding = encoding;
    });
  }
  get DataEncoding(): Promise<number> {
    return this.read('DataEncoding', () => this.dataEncoding);
  }
  /** Adds data to the hash (may be called several times, like CAPICOM's). */
  Hash(data: string): Promise<void> {
    return this.invoke('Hash', () => {
      this.presetValue = undefined;
      this.data.push(contentBytes(String(data), this.dataEncoding));
    });
  }
  /** A hash computed elsewhere, as hex. */
  SetHashValue(hex: string): Promise<void> {
    return this.invoke('SetHashValue', () => {
      const clean = String(hex).replace(/\s+/g, '');
      const bytes = clean.length === this.spec().bits / 4 && /^[0-9a-fA-F]+$/.test(clean)
        ? Uint8Array.from(clean.match(/../g) ?? [], (h) => Number.parseInt(h, 16))
        : undefined;
      if (!bytes) throw pluginError(HRESULT.E_INVALIDARG);
      this.presetValue = bytes;
    });
  }
  /** The digest as uppercase hex. */
  get Value(): Promise<string> {
    return this.read('Value', () => bytesToHex(this.digest()));
  }
}
