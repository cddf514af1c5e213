import type { Rollup } from 'vite';

/**
 * CryptoPro's npm loader (cadesplugin-api) has one direct `eval`, on its iOS bridge path only; the bundler warns
 * about it on every build. It is a known, reviewed fact (DESIGN.md), so that one warning is not repeated to everyone
 * who runs `npm start`; every other warning still shows.
 */
export function onBuildWarning(warning: Rollup.RollupLog, warn: (w: Rollup.RollupLog) => void): void {
  if (warning.code === 'EVAL' && (warning.id ?? warning.loc?.file ?? warning.message).includes('cadesplugin')) return;
  warn(warning);
}
