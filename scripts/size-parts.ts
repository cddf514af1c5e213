/**
 * Gzip size of single entry points as a partner's bundler ships them: ESM, minified, tree-shaken, gzip -9.
 * `npx tsx scripts/size-parts.ts` prints the adapter (`ofd-signer/plugin`), `parseCertificate` alone,
 * `inspectCms` alone and the widget embed; `--verbose` adds the heaviest modules of each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import { build, type Rollup } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const verbose = process.argv.includes('--verbose');
const scratch = mkdtempSync(path.join(tmpdir(), 'size-parts-'));
const gzip = (code: string) => gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length;
const isLoader = (code: string) => code.includes('nmcades_plugin_api') || code.includes('cadesplugin_api.js');

const entries: Record<string, string> = {
  'adapter (src/plugin/index.ts)': path.join(root, 'src/plugin/index.ts'),
  'parseCertificate alone': `export { parseCertificate } from ${JSON.stringify(path.join(root, 'src/cms/x509.ts'))};`,
  'inspectCms alone': `export { inspectCms } from ${JSON.stringify(path.join(root, 'src/cms/cms.ts'))};`,
  'src/cms/index.ts (everything)': path.join(root, 'src/cms/index.ts'),
  'widget embed (src/embed.ts)': path.join(root, 'src/embed.ts'),
};

try {
  for (const [name, source] of Object.entries(entries)) {
    let entry = source;
    if (!source.endsWith('.ts')) {
      entry = path.join(scratch, `${name.replace(/\W+/g, '-')}.ts`);
      writeFileSync(entry, source);
    }
    const output = await build({
      configFile: false,
      root,
      publicDir: false,
      logLevel: 'silent',
      build: {
        outDir: path.join(scratch, 'out'),
        emptyOutDir: true,
        write: false,
        minify: true,
        target: 'es2022',
        lib: { entry, formats: ['es'], fileName: 'entry' },
        rollupOptions: { output: { minify: true } },
      },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((r) =>
      'output' in r ? r.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk') : [],
    );
    const ours = chunks.filter((c) => !isLoader(c.code));
    const gz = ours.reduce((s, c) => s + gzip(c.code), 0);
    const min = ours.reduce((s, c) => s + c.code.length, 0);
    console.log(`${name.padEnd(34)} ${String(gz).padStart(6)} B gzip  ${String(min).padStart(7)} B min`);
    if (verbose) {
      const modules = ours.flatMap((c) => Object.entries(c.modules).map(([id, m]) => [path.relative(root, id), m.renderedLength] as const));
      for (const [id, bytes] of modules.sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`    ${String(bytes).padStart(6)} ${id}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
