/** Base of every emulated plug-in object: each member access is one logged, asynchronous round trip. */
import type { EmulatorState } from './state.js';

export abstract class EmulatedObject {
  protected constructor(
    protected readonly state: EmulatorState,
    private readonly typeName: string,
  ) {}

  protected read<T>(member: string, value: () => T | Promise<T>): Promise<T> {
    return this.state.log.run(this.typeName, member, 'get', value);
  }

  protected write(member: string, apply: () => void | Promise<void>): Promise<void> {
    return this.state.log.run(this.typeName, member, 'set', apply);
  }

  protected invoke<T>(member: string, work: () => T | Promise<T>): Promise<T> {
    return this.state.log.run(this.typeName, member, 'call', work);
  }
}

/** Base64 the way CryptoAPI's CryptBinaryToString writes it: 64-character lines ending in CRLF. */
export function pluginBase64(base64: string, lineBreaks: boolean): string {
  if (!lineBreaks) return base64;
  return (base64.match(/.{1,64}/g) ?? []).map((line) => `${line}\r\n`).join('');
}
