import { defineConfig, type Plugin } from 'vite';
import { litTemplates } from './vite.lit-templates';
import { onBuildWarning } from './vite.warnings';

/**
 * The one-file embed a partner serves with one `<script type="module">`: everything bundled and fully minified
 * (an app build, not lib mode, which keeps whitespace in ES output). CryptoPro's npm loader is imported lazily
 * by the adapter, so it lands in its own chunk beside the file and is fetched only when a page has no loader.
 */
/**
 * vite wraps every dynamic `import()` of an app build in its preload helper (≈ 1.2 KB gzip in the embed) even with
 * `modulePreload: false`; with no preloading and no CSS chunks all it still does is call the import. This keeps the
 * call and drops the rest (its `vite:preloadError` window event, which no partner page listens for).
 */
function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'ofd-signer:plain-dynamic-imports',
    enforce: 'pre',
    load(id) {
      return id === helper ? 'export const __vitePreload = (load) => load();' : null;
    },
  };
}

export default defineConfig({
  plugins: [plainDynamicImports(), litTemplates()],
  // Always lit's production build, even when built from a process whose NODE_ENV is "test" (vitest, the bench).
  resolve: { conditions: ['module', 'browser', 'production'] },
  publicDir: false,
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    // Chunks are imported relative to the embed file itself; no <link rel=modulepreload> helper (it would resolve
    // against the partner page's origin and base, not the file's).
    modulePreload: false,
    rollupOptions: {
      input: 'src/embed.ts',
      onwarn: onBuildWarning,
      preserveEntrySignatures: 'exports-only',
      output: { format: 'es', entryFileNames: 'ofd-signer.js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
