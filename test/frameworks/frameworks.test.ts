/**
 * The framework examples of docs/frameworks.md are real code: each is a file here, type-checked against the real
 * type packages (@types/react, @vue/runtime-dom, @angular/core) with the element's own types, and the doc shows
 * each file as it is (so the doc cannot drift from what compiles). The React example holds a `@ts-expect-error` on
 * a wrong attribute value: it compiles only while `ofd-signer/jsx` really types the element.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = (name: string) => resolve(import.meta.dirname, name);
const doc = readFileSync(resolve(import.meta.dirname, '../../docs/frameworks.md'), 'utf8');

describe('docs/frameworks.md', () => {
  for (const [file, fence] of [['react-example.tsx', 'tsx'], ['vue-example.ts', 'ts'], ['angular-example.ts', 'ts']] as const) {
    it(`shows ${file} as it is`, () => {
      expect(doc).toContain('```' + fence + '\n' + readFileSync(here(file), 'utf8'));
    });
  }

  it('its examples type-check against React, Vue and Angular types (tsc exits 0)', () => {
    const tsc = resolve(import.meta.dirname, '../../node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '-p', here('tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 120_000);
});
