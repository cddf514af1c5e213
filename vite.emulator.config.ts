import { defineConfig } from 'vite';

/**
 * The plug-in emulator as one classic script (global `OfdSignerTesting`) for Playwright's `addInitScript`:
 * `await page.addInitScript({ path: 'dist/ofd-signer-emulator.iife.js' })`, then
 * `await page.addInitScript(() => OfdSignerTesting.installCadesPluginMock())`.
 * Built on its own so that it never shares a chunk with the widget's bundle.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'src/testing/index.ts',
      formats: ['iife'],
      name: 'OfdSignerTesting',
      fileName: () => 'ofd-signer-emulator.iife.js',
    },
    rollupOptions: {
      // Playwright runs init scripts inside a function, where `var OfdSignerTesting` would stay local.
      output: { footer: 'globalThis.OfdSignerTesting = OfdSignerTesting;' },
    },
  },
});
