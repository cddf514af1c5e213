import type { CadesVersion } from '../../plugin/cadesplugin-types.js';
import { EmulatedObject } from './emulated-object.js';
import type { EmulatorState } from './state.js';

/** CAdESCOM.Version: "2.0.15400" split into parts. */
export class EmulatedVersion extends EmulatedObject implements CadesVersion {
  private readonly parts: [number, number, number];

  constructor(state: EmulatorState, private readonly text: string) {
    super(state, 'Version');
    const [major = 0, minor = 0, build = 0] = text.split('.').map((p) => Number.parseInt(p, 10) || 0);
    this.parts = [major, minor, build];
  }

  get MajorVersion(): Promise<number> {
    return this.read('MajorVersion', () => this.parts[0]);
  }
  get MinorVersion(): Promise<number> {
    return this.read('MinorVersion', () => this.parts[1]);
  }
  get BuildVersion(): Promise<number> {
    return this.read('BuildVersion', () => this.parts[2]);
  }
  override toString(): Promise<string> {
    return this.invoke('toString', () => this.text);
  }
}
