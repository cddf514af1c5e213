import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectLoadedFiles, isCryptoProLoader } from '../../bench/size.js';

// The bench's "what a partner page loads" must follow every chunk the embed pulls in, lazily or not,
// and must recognise CryptoPro's loader so that it is the only thing left out.
describe('bench: files a page loads for the widget', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-size-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows static and dynamic imports transitively, once each, and ignores bare packages', () => {
    writeFileSync(path.join(dir, 'ofd-signer.js'), 'import{a}from"./chunks/a.js";const l=()=>import("./chunks/loader.js");import"lit";');
    const chunks = path.join(dir, 'chunks');
    mkdirSync(chunks);
    writeFileSync(path.join(chunks, 'a.js'), 'export const a=1;const b=()=>import("./b.js");import"../ofd-signer.js";');
    writeFileSync(path.join(chunks, 'b.js'), 'export const b=2;');
    writeFileSync(path.join(chunks, 'loader.js'), 'var s="chrome-extension://x/nmcades_plugin_api.js";');

    const files = collectLoadedFiles(path.join(dir, 'ofd-signer.js')).map((file) => path.relative(dir, file)).sort();
    expect(files).toEqual(['chunks/a.js', 'chunks/b.js', 'chunks/loader.js', 'ofd-signer.js']);
    // Before the first screen: static imports only.
    const initial = collectLoadedFiles(path.join(dir, 'ofd-signer.js'), { dynamic: false }).map((file) => path.relative(dir, file)).sort();
    expect(initial).toEqual(['chunks/a.js', 'ofd-signer.js']);
  });

  it('tells CryptoPro\'s loader from our code', () => {
    expect(isCryptoProLoader('var u="chrome-extension://iifchhfnnmpdbibifmljnfjhpififfog/nmcades_plugin_api.js"')).toBe(true);
    expect(isCryptoProLoader('export function sign(){return plugin.CreateObjectAsync("CAdESCOM.CPSigner")}')).toBe(false);
  });
});
