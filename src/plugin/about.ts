import type { CadesAbout, CadesPluginGlobal } from './cadesplugin-types.js';
import type { CallMeter } from './call-meter.js';
import { PROV_GOST_2012_256 } from './com-constants.js';
import type { AboutInfo } from './types.js';

/**
 * Oldest plug-in we call current: 2.0.13292 added the container store (certificates on tokens that were never
 * installed into "My"); older plug-ins cannot list those, and they predate GOST 2012 being the only signing algorithm.
 */
export const MIN_PLUGIN_VERSION = '2.0.13292';
/** CryptoPro CSP below 4.0 has no GOST R 34.10-2012 provider, so it cannot sign with today's certificates. */
const MIN_CSP = '4';
/** Loaders before 2.3 only reach the two pre-Manifest-V3 extension ids (the npm cadesplugin-api is 2.0.2). */
const MODERN_LOADER = '2.3';

/** The plug-in's version string ("2.0.15400"); older plug-ins only have `PluginVersion`. */
function versionOf(about: CadesAbout, { t }: CallMeter): Promise<string> {
  return t(about.Version).catch(async () => t((await t(about.PluginVersion)).toString()));
}

/** Two round trips: About, Version. */
export async function readPluginVersion(plugin: CadesPluginGlobal, meter: CallMeter): Promise<string> {
  return versionOf(await meter.t(plugin.CreateObjectAsync('CAdESCOM.About')), meter);
}

/** Whether the plug-in has the container store (CADESCOM_CONTAINER_STORE): 2.0.13292 and newer. */
export function hasContainerStore(pluginVersion: string): boolean {
  return compareVersions(pluginVersion, MIN_PLUGIN_VERSION) >= 0;
}

export async function readAbout(plugin: CadesPluginGlobal, meter: CallMeter): Promise<AboutInfo> {
  const { t } = meter;
  const about = await t(plugin.CreateObjectAsync('CAdESCOM.About'));
  const [pluginVersion, cspVersion, cspName] = await Promise.all([
    versionOf(about, meter),
    t(about.CSPVersion('', PROV_GOST_2012_256))
      .then((version) => t(version.toString()))
      .catch(() => undefined),
    t(about.CSPName(PROV_GOST_2012_256)).catch(() => undefined),
  ]);
  const loaderVersion = plugin.JSModuleVersion;
  const warnings: string[] = [];
  let outdated = false;
  if (!hasContainerStore(pluginVersion)) {
    outdated = true;
    warnings.push(`plug-in ${pluginVersion} is older than ${MIN_PLUGIN_VERSION}: no container store, update the plug-in`);
  }
  if (cspVersion === undefined) {
    warnings.push('no GOST 2012 provider answered: CryptoPro CSP missing or older than 4.0');
  } else if (compareVersions(cspVersion, MIN_CSP) < 0) {
    outdated = true;
    warnings.push(`CryptoPro CSP ${cspVersion} cannot sign with GOST 2012 keys: install CSP 4.0 or newer`);
  }
  if (loaderVersion && compareVersions(loaderVersion, MODERN_LOADER) < 0) {
    warnings.push(`loader ${loaderVersion} cannot reach the current (Manifest V3) extension: serve the official loader via loaderUrl`);
  }
  return { pluginVersion, cspVersion, cspName, loaderVersion, outdated, warnings };
}

/** Compares dotted versions numerically ("2.0.9999" < "2.0.13292"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < pa.length || i < pb.length; i++) {
    const diff = (parseInt(pa[i]!) || 0) - (parseInt(pb[i]!) || 0);
    if (diff) return Math.sign(diff);
  }
  return 0;
}
