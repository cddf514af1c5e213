import type { CadesAbout, CadesVersion } from '../../plugin/cadesplugin-types.js';
import { EmulatedObject } from './emulated-object.js';
import { OUTDATED_PLUGIN_VERSION } from './scenarios.js';
import type { EmulatorState } from './state.js';
import { EmulatedVersion } from './version.js';

export const CSP_NAME = 'Crypto-Pro GOST R 34.10-2012 Cryptographic Service Provider';

/** CAdESCOM.About: plug-in and CSP versions. */
export class EmulatedAbout extends EmulatedObject implements CadesAbout {
  constructor(state: EmulatorState) {
    super(state, 'About');
  }

  private pluginVersion(): string {
    return this.state.scenario === 'outdated-plugin' ? OUTDATED_PLUGIN_VERSION : this.state.pluginVersion;
  }

  get Version(): Promise<string> {
    return this.read('Version', () => this.pluginVersion());
  }
  get PluginVersion(): Promise<CadesVersion> {
    return this.read('PluginVersion', () => new EmulatedVersion(this.state, this.pluginVersion()));
  }
  CSPVersion(_providerName?: string, _providerType?: number): Promise<CadesVersion> {
    return this.invoke('CSPVersion', () => new EmulatedVersion(this.state, this.state.cspVersion));
  }
  CSPName(_providerType?: number): Promise<string> {
    return this.invoke('CSPName', () => CSP_NAME);
  }
}
