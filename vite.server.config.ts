import { chmodSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** The CLIs are the package's bins: executable, so that they start through their shebang line as npm's bin links do. */
function executableBins(): Plugin {
  return {
    name: 'executable-bins',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) if (file.endsWith('-cli.js')) chmodSync(path.join(options.dir!, file), 0o755);
    },
  };
}

// Server-side entries (proxy and mock OFD, their CLIs) bundled for Node 20; npm dependencies stay external.
export default defineConfig({
  plugins: [executableBins()],
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/node',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        proxy: 'src/proxy/index.ts',
        'proxy-cli': 'src/proxy/cli.ts',
        'mock-ofd': 'src/mock-ofd/index.ts',
        'mock-ofd-cli': 'src/mock-ofd/cli.ts',
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
