import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const packages = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
const external = (id: string) =>
  id.startsWith('node:') || builtinModules.includes(id) || packages.some((p) => id === p || id.startsWith(`${p}/`));

/**
 * The npm library: `ofd-signer` (the element), `ofd-signer/plugin` (the adapter), `ofd-signer/plugin/messages` (its
 * sentences, installed on import), `ofd-signer/testing` (the emulator).
 * Dependencies stay external so a partner's bundler shares lit and ky with the rest of their page; types come
 * from tsc (tsconfig.build.json).
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        plugin: 'src/plugin/index.ts',
        'plugin-messages': 'src/plugin/messages.ts',
        testing: 'src/testing/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: { external, output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
});
