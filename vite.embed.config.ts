import { defineConfig } from 'vite';
import { onBuildWarning } from './vite.warnings';

/**
 * The one-file embed a partner serves with one `<script type="module">`: everything bundled and fully minified
 * (an app build, not lib mode, which keeps whitespace in ES output). CryptoPro's npm loader is imported lazily
 * by the adapter, so it lands in its own chunk beside the file and is fetched only when a page has no loader.
 */
export default defineConfig({
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
