import { defineConfig } from 'vite';
import { litTemplates } from './vite.lit-templates';
import { onBuildWarning } from './vite.warnings';

/**
 * The standalone signing page (index.html + public/) built into dist/page, served by the proxy CLI at `/`.
 * Relative asset paths so it also works under a path prefix; no module-preload polyfill, which would be an
 * inline script, so the page runs under `Content-Security-Policy: script-src 'self'`.
 */
export default defineConfig({
  plugins: [litTemplates()],
  // Always lit's production build, even when built from a process whose NODE_ENV is "test" (vitest, the bench).
  resolve: { conditions: ['module', 'browser', 'production'] },
  base: './',
  build: {
    outDir: 'dist/page',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // A deployed page ships no source maps (the proxy refuses to serve any, too).
    sourcemap: false,
    rollupOptions: { onwarn: onBuildWarning },
  },
});
