import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LOADER_CONSTANTS } from '../../src/plugin/loader-constants.js';

// Our loader's `window.cadesplugin` carries CryptoPro's constants under the same names with the same values: checked
// against the two loader files we have, read at test time (2.0.2 from the npm cadesplugin-api package, 2.4.1 from
// ruscryptojs 2.8.1).
const require = createRequire(import.meta.url);
const FILES = {
  '2.0.2': require.resolve('cadesplugin-api'),
  '2.4.1': require.resolve('ruscryptojs/src/CryptoPro/cadesplugin_api.js'),
};

/** `cadesplugin.NAME = value;` assignments whose value is a number or a string literal (the constants). */
function constantsOf(file: string): Map<string, number | string> {
  const found = new Map<string, number | string>();
  for (const [, name, raw] of readFileSync(file, 'utf8').matchAll(/cadesplugin\.([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^;\n]+);/g)) {
    const value = raw!.trim();
    if (/^"[^"]*"$/.test(value)) found.set(name!, value.slice(1, -1));
    else if (/^-?(0x[0-9a-f]+|\d+)$/i.test(value)) found.set(name!, Number(value));
  }
  return found;
}

describe("our loader's constants are CryptoPro's", () => {
  for (const [version, file] of Object.entries(FILES)) {
    it(`every constant of loader ${version}, same name, same value`, () => {
      const theirs = constantsOf(file);
      expect(theirs.size).toBeGreaterThan(version === '2.0.2' ? 60 : 200);
      const ours = LOADER_CONSTANTS as Record<string, unknown>;
      const differing = [...theirs].filter(([name, value]) => ours[name] !== value && name !== 'JSModuleVersion');
      expect(differing).toEqual([]);
    });
  }

  it('has nothing a CryptoPro loader does not define', () => {
    const known = new Set([...constantsOf(FILES['2.0.2']).keys(), ...constantsOf(FILES['2.4.1']).keys()]);
    expect(Object.keys(LOADER_CONSTANTS).filter((name) => !known.has(name))).toEqual([]);
  });
});
