import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import { build, type Rollup } from 'vite';
import type { BenchContext, BenchSection, Figures } from './context.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const embedFile = path.join(root, 'dist/embed/ofd-signer.js');

/** Level 9, like `gzip -9`: the same level for every file so that ratios are fair. */
export function gzipBytes(data: Uint8Array | string): number {
  return gzipSync(data, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
}

/**
 * CryptoPro's own loader, recognised in a built file by the extension script it injects. Used only
 * for files with no module list; a bundle's own chunks are classified by their modules instead.
 */
export function isCryptoProLoader(code: string): boolean {
  return code.includes('nmcades_plugin_api');
}

/** A chunk made only of the npm loader package (what the adapter imports lazily): not ours to count. */
function isLoaderChunk(chunk: Rollup.OutputChunk): boolean {
  const ids = Object.keys(chunk.modules);
  return ids.length > 0 && ids.every((id) => id.includes('node_modules/cadesplugin-api/'));
}

export const sizeSection: BenchSection = {
  name: 'bundle',
  async run(context) {
    const figures: Figures = {};
    Object.assign(figures, await measureAdapter(context));
    Object.assign(figures, await measureWidget(context));
    Object.assign(figures, measureCryptoPro());
    return figures;
  },
};

/**
 * Our own extension loader (issue 16): a lazy chunk of the adapter that a page fetches only when it has no CryptoPro
 * loader of its own and passes no `loaderUrl` — the role CryptoPro's loader file plays, which was never counted
 * against the adapter. Shown on its own line; it does count in the widget's total.
 */
const EXTENSION_LOADER_MODULES = ['src/plugin/extension-loader.ts', 'src/plugin/loader-constants.ts'];

function isExtensionLoaderChunk(chunk: Rollup.OutputChunk): boolean {
  const ids = Object.keys(chunk.modules).map((id) => path.relative(root, id));
  return ids.length > 0 && ids.every((id) => EXTENSION_LOADER_MODULES.includes(id));
}

/**
 * `ofd-signer/plugin` as a partner's bundler would ship it: ESM, minified, tree-shaken, built together with its
 * sentences (`ofd-signer/plugin/messages`, a separate entry) so that what they share is counted once.
 * `bundle.adapter_gzip_bytes` is what `import … from 'ofd-signer/plugin'` loads — the entry and every chunk it
 * imports statically — plus any lazy chunk of ours other than a loader; the loaders are their own lines.
 */
async function measureAdapter(context: BenchContext): Promise<Figures> {
  const entry = path.join(root, 'src/plugin/index.ts');
  if (!existsSync(entry)) {
    context.log('size: src/plugin/index.ts does not exist yet, adapter size skipped');
    return {};
  }
  const messagesEntry = path.join(root, 'src/plugin/messages.ts');
  const outDir = path.join(context.tmpDir, 'adapter-bundle');
  const output = await build({
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      write: true,
      minify: true,
      sourcemap: false,
      lib: { entry: { plugin: entry, 'plugin-messages': messagesEntry }, formats: ['es'] },
      // Library mode keeps whitespace and comments for the partner's bundler to strip; strip them here,
      // as that bundler would, so the figure is what reaches the browser.
      rollupOptions: { output: { minify: true } },
    },
  });
  const chunks = chunksOf(output);
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const entryChunk = chunks.find((chunk) => chunk.isEntry && chunk.name === 'plugin');
  const messagesChunk = chunks.find((chunk) => chunk.isEntry && chunk.name === 'plugin-messages');
  // What the adapter entry loads: itself, its static imports, and our lazy chunks except the loaders.
  const adapterChunks = new Set<Rollup.OutputChunk>();
  const pending = entryChunk ? [entryChunk] : [];
  while (pending.length > 0) {
    const chunk = pending.pop()!;
    if (adapterChunks.has(chunk)) continue;
    adapterChunks.add(chunk);
    for (const name of chunk.imports) pending.push(byName.get(name)!);
    for (const name of chunk.dynamicImports) {
      const lazy = byName.get(name);
      if (lazy && !isLoaderChunk(lazy) && !isExtensionLoaderChunk(lazy)) pending.push(lazy);
    }
  }
  const sum = (list: Iterable<Rollup.OutputChunk>) => [...list].reduce((total, chunk) => total + gzipBytes(chunk.code), 0);
  logHeaviestModules(context, 'adapter', [...adapterChunks]);
  return {
    'bundle.adapter_gzip_bytes': sum(adapterChunks),
    'bundle.adapter_entry_gzip_bytes': entryChunk ? gzipBytes(entryChunk.code) : 0,
    'bundle.adapter_min_bytes': [...adapterChunks].reduce((total, chunk) => total + Buffer.byteLength(chunk.code), 0),
    // The sentences' own import: its entry alone (what it shares with the adapter is counted above).
    'bundle.adapter_messages_gzip_bytes': messagesChunk ? gzipBytes(messagesChunk.code) : 0,
    'bundle.adapter_extension_loader_gzip_bytes': sum(chunks.filter(isExtensionLoaderChunk)),
    'bundle.cadesplugin_loader_gzip_bytes': sum(chunks.filter(isLoaderChunk)),
  };
}

function chunksOf(output: Awaited<ReturnType<typeof build>>): Rollup.OutputChunk[] {
  return (Array.isArray(output) ? output : [output]).flatMap((result) =>
    'output' in result ? result.output.filter((item): item is Rollup.OutputChunk => item.type === 'chunk') : [],
  );
}

/** Where the bytes go: the modules with the most minified code, to know what to trim first. */
function logHeaviestModules(context: BenchContext, what: string, chunks: Rollup.OutputChunk[]): void {
  const modules = chunks.flatMap((chunk) => Object.entries(chunk.modules).map(([id, info]) => ({ id, bytes: info.renderedLength })));
  const heaviest = modules
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8)
    .map(({ id, bytes }) => `${path.relative(root, id.replace(/\0/g, ''))} ${(bytes / 1024).toFixed(1)} KB`);
  context.log(`size: ${what}, heaviest modules (minified, before gzip): ${heaviest.join(', ')}`);
}

/**
 * What a partner page downloads for the widget: the one-file embed plus every chunk it imports,
 * statically or lazily, except CryptoPro's loader. Built fresh with the project's own embed config
 * into the scratch directory (so dist/ is left alone); without that config, `npm run build`'s output.
 */
async function measureWidget(context: BenchContext): Promise<Figures> {
  const embedConfig = path.join(root, 'vite.embed.config.ts');
  let entryFile = embedFile;
  let isLoader = (file: string, code: string): boolean => file !== entryFile && isCryptoProLoader(code);
  if (existsSync(embedConfig)) {
    const outDir = path.join(context.tmpDir, 'embed');
    const output = await build({ configFile: embedConfig, root, logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
    const chunks = chunksOf(output);
    logHeaviestModules(context, 'widget', chunks.filter((chunk) => !isLoaderChunk(chunk)));
    entryFile = path.join(outDir, path.basename(embedFile));
    const loaderFiles = new Set(chunks.filter(isLoaderChunk).map((chunk) => path.join(outDir, chunk.fileName)));
    isLoader = (file) => loaderFiles.has(file);
  } else {
    const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    if (packageJson.scripts?.build) {
      context.log('size: npm run build (the widget embed) …');
      const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
      if (result.status !== 0) context.log(`size: npm run build failed (${result.status}):\n${(result.stderr || result.stdout).slice(-2000)}`);
    }
  }
  if (!existsSync(entryFile)) {
    context.log(`size: ${path.relative(root, entryFile)} was not built, widget size skipped`);
    return {};
  }
  const files = collectLoadedFiles(entryFile);
  let ours = 0;
  let loader = 0;
  let minBytes = 0;
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    if (isLoader(file, code)) {
      loader += gzipBytes(code);
      continue;
    }
    ours += gzipBytes(code);
    minBytes += Buffer.byteLength(code);
  }
  const embedCode = readFileSync(entryFile, 'utf8');
  // Before the first screen: the embed and what it imports statically (the chunks it imports lazily come later).
  const initial = collectLoadedFiles(entryFile, { dynamic: false }).reduce((sum, file) => sum + gzipBytes(readFileSync(file, 'utf8')), 0);
  return {
    'bundle.widget_initial_gzip_bytes': initial,
    'bundle.widget_gzip_bytes': ours,
    'bundle.widget_files': files.length - (loader > 0 ? 1 : 0),
    'bundle.widget_min_bytes': minBytes,
    // 1 when the embed file itself carries the loader (nothing to subtract then, we say so).
    'bundle.widget_embeds_loader': isCryptoProLoader(embedCode) ? 1 : 0,
  };
}

/** The embed and, transitively, every relative file it imports (static, and unless told otherwise dynamic). */
export function collectLoadedFiles(entryFile: string, options: { dynamic?: boolean } = {}): string[] {
  const seen = new Set<string>();
  const pending = [entryFile];
  const specifier =
    options.dynamic === false
      ? /(?:from\s*|import\s*)["'`](\.{1,2}\/[^"'`]+\.m?js)["'`]/g
      : /(?:import\s*\(\s*|from\s*|import\s*)["'`](\.{1,2}\/[^"'`]+\.m?js)["'`]/g;
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(specifier)) {
      pending.push(path.resolve(path.dirname(file), match[1]!));
    }
  }
  return [...seen];
}

/**
 * crypto-pro ships a browser bundle (dist/crypto-pro.min.js, webpack UMD, minified); it carries its
 * own copy of CryptoPro's loader and a Buffer polyfill, which is what a partner page loads with it.
 */
function measureCryptoPro(): Figures {
  const bundle = path.join(root, 'node_modules/crypto-pro/dist/crypto-pro.min.js');
  if (!existsSync(bundle)) return {};
  const code = readFileSync(bundle);
  return {
    'bundle.crypto_pro_gzip_bytes': gzipBytes(code),
    'bundle.crypto_pro_min_bytes': code.length,
  };
}
