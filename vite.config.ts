/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// Browser-side code (widget, plugin adapter, emulator) is tested in happy-dom;
// server-side code (proxy, mock OFD, API client over sockets, CMS) in plain Node.
const browserDirs = ['test/widget/**/*.test.ts', 'test/plugin/**/*.test.ts', 'test/testing/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'happy-dom',
          include: browserDirs,
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...browserDirs, 'node_modules/**'],
        },
      },
    ],
  },
});
