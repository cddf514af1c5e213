import { defineConfig } from 'vite';

// Server-side entries (proxy and mock OFD, their CLIs) bundled for Node 20; npm dependencies stay external.
export default defineConfig({
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
