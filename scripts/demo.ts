/**
 * `npm start`: the whole signing journey on one machine, no CryptoPro and no OFD account needed.
 *
 * - the mock OFD on 127.0.0.1 with a demo application for the demo company, its clock moved on automatically so
 *   that FNS "answers" within seconds (both rounds: the application and the registration report);
 * - the proxy in demo mode in front of it, with a freshly generated ticket secret, serving the standalone page;
 * - the page with the CryptoPro plug-in emulator added by two demo-only script files (labelled on the page as an
 *   emulation; the production page in dist/page has neither);
 * - prints the signing link (the page with a one-purpose code in its fragment, exchanged for a ticket in memory).
 * Loopback only (HOST must be a loopback address), the mock OFD only; the ticket secret is generated and never shown.
 *
 * Environment: PORT (default 8787, a free one when taken), HOST (default 127.0.0.1), DEMO_EMULATOR=0 serves the
 * page without the emulator (for someone with the real plug-in), DEMO_SPEED (mock ms per real second, default 5000).
 * Also importable: `startDemo()` is what the real-browser test runs.
 */
import { serve } from '@hono/node-server';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockOfd } from '../src/mock-ofd/index.js';
import { createLinkCode, createTicket, signingLinkUrl, startProxyServer } from '../src/proxy/index.js';
import { isLoopbackHost } from '../src/proxy/config/addresses.js';
import { DEMO_REJECT_REASON, demoRegisters } from './demo-assets/batch-registers.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PAGE_DIR = join(ROOT, 'dist/page');
const EMULATOR_FILE = join(ROOT, 'dist/ofd-signer-emulator.iife.js');
const ASSETS = join(ROOT, 'scripts/demo-assets');

export interface DemoOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Add the plug-in emulator to the page (default true). */
  emulator?: boolean;
  /** Mock-clock milliseconds per real second (default 5000: each FNS round takes about a second). */
  speed?: number;
  /** Print the proxy's request log (default false). */
  log?: boolean;
  /** Build the page and the emulator when missing or older than their sources (default true). */
  build?: boolean;
  /** Cash registers in the batch link (default 12; 0: no batch). */
  batch?: number;
  /** Which of them (1-based) FNS rejects, to show a failure in the table (default 7; 0: none). */
  batchRejected?: number;
  /** Other pages (on this machine) that may call the proxy, e.g. a partner page embedding the element. */
  allowedOrigins?: string[];
}

export interface RunningDemo {
  /** The signing link for the demo application: the page with the link's code in the fragment. */
  url: string;
  origin: string;
  applicationId: string;
  /** A short ticket for the same application, as a partner's page would mint for the embedded element. */
  ticket: string;
  /** The batch link: every register of the demo chain in one sitting; empty when batch is 0. */
  batchUrl: string;
  batchApplicationIds: string[];
  close(): Promise<void>;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds what the demo serves when it is missing or older than its sources. */
export function ensureBuilt(print: (line: string) => void = console.log, also: { embed?: boolean } = {}): void {
  const pageSources = Math.max(...['src', 'index.html', 'public', 'vite.page.config.ts'].map((p) => newestMtime(join(ROOT, p))));
  const emulatorSources = Math.max(newestMtime(join(ROOT, 'src/testing')), newestMtime(join(ROOT, 'src/cms')));
  const jobs: string[] = [];
  if (newestMtime(join(PAGE_DIR, 'index.html')) < pageSources) jobs.push('build:page');
  if (newestMtime(EMULATOR_FILE) < emulatorSources) jobs.push('build:emulator');
  if (also.embed && newestMtime(join(ROOT, 'dist/embed/ofd-signer.js')) < Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'vite.embed.config.ts')))) {
    jobs.push('build:embed');
  }
  for (const job of jobs) {
    print(`demo: npm run ${job} (missing or stale)…`);
    const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', job], {
      cwd: ROOT,
      stdio: 'inherit',
      // Under vitest NODE_ENV is "test", which would make vite pick lit's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) throw new Error(`npm run ${job} failed`);
  }
}

/** A copy of the built page with the demo-only emulator scripts added before the page's own module. */
function preparePage(withEmulator: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'ofd-signer-demo-'));
  cpSync(PAGE_DIR, dir, { recursive: true });
  if (withEmulator) {
    cpSync(EMULATOR_FILE, join(dir, 'demo/ofd-signer-emulator.js'));
    cpSync(join(ASSETS, 'demo-setup.js'), join(dir, 'demo/demo-setup.js'));
    cpSync(join(ASSETS, 'demo.css'), join(dir, 'demo/demo.css'));
    const index = join(dir, 'index.html');
    const html = readFileSync(index, 'utf8');
    const tags =
      '<link rel="stylesheet" href="./demo/demo.css" />\n    ' +
      '<script src="./demo/ofd-signer-emulator.js"></script>\n    ' +
      '<script src="./demo/demo-setup.js"></script>\n    ';
    const at = html.indexOf('<script type="module"');
    if (at < 0) throw new Error('demo: dist/page/index.html has no module script');
    writeFileSync(index, html.slice(0, at) + tags + html.slice(at));
  }
  return dir;
}

async function listen(app: { fetch: (request: Request) => Response | Promise<Response> }, host: string) {
  const server = serve({ fetch: app.fetch, hostname: host, port: 0 });
  await new Promise<void>((ok, fail) => {
    server.once('listening', ok);
    server.once('error', fail);
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`demo: HOST=${host} is not a loopback address; the demo listens on this machine only (HOST=127.0.0.1)`);
  if (options.build !== false) ensureBuilt(options.log ? console.log : () => undefined);
  const pageDir = preparePage(options.emulator !== false);

  const { app: mockApp, control } = createMockOfd();
  const mock = await listen(mockApp, host);
  const application = control.createDemoApplication();
  // The batch: a chain's cash registers with distinct serials, fiscal drives and addresses; one set up to fail.
  const batch = (options.batch ?? 12) > 0 ? demoRegisters(options.batch ?? 12).map((o) => control.createDemoApplication(o)) : [];
  const rejected = batch[(options.batchRejected ?? 7) - 1];
  if (rejected) control.setScenario({ outcome: 'reject', rejectReason: DEMO_REJECT_REASON }, rejected.Id);
  // FNS takes days; the demo's takes about a second per round.
  const speed = options.speed ?? 5000;
  const clockTimer = setInterval(() => control.advance(speed / 5), 200);
  clockTimer.unref();

  const ticketSecret = randomBytes(32).toString('hex');
  const startProxy = (port: number) =>
    startProxyServer({
      ofdBaseUrl: `${mock.url}/api/integration`,
      authToken: control.authToken,
      ticketSecret,
      allowedOrigins: options.allowedOrigins ?? [],
      demo: true,
      staticDir: pageDir,
      host,
      port,
      log: options.log ?? false,
    });
  let proxy;
  try {
    proxy = await startProxy(options.port ?? 8787);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    proxy = await startProxy(0);
  }
  const ticket = createTicket({ applicationId: application.Id, expiresInSeconds: 4 * 3600, secret: ticketSecret });
  // What a partner sends its client: the page with a one-purpose code in the fragment (never a ticket in the query).
  const url = signingLinkUrl(proxy.url, createLinkCode({ applicationId: application.Id, secret: ticketSecret }));
  const batchApplicationIds = batch.map((a) => a.Id);
  const batchUrl = batch.length > 0 ? signingLinkUrl(proxy.url, createLinkCode({ applicationIds: batchApplicationIds, secret: ticketSecret })) : '';
  return {
    url,
    origin: proxy.url,
    applicationId: application.Id,
    ticket,
    batchUrl,
    batchApplicationIds,
    async close() {
      clearInterval(clockTimer);
      await proxy.close();
      await mock.close();
      rmSync(pageDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const demo = await startDemo({
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT ? Number(env.PORT) : 8787,
    emulator: env.DEMO_EMULATOR !== '0',
    ...(env.DEMO_SPEED ? { speed: Number(env.DEMO_SPEED) } : {}),
    ...(env.DEMO_BATCH ? { batch: Number(env.DEMO_BATCH) } : {}),
    log: env.DEMO_LOG === '1',
  });
  const emulated = env.DEMO_EMULATOR !== '0';
  console.log(
    [
      '',
      emulated
        ? 'ofd-signer demo — mock OFD, proxy (demo mode) and the standalone page with the emulated CryptoPro plug-in.'
        : 'ofd-signer demo — mock OFD, proxy (demo mode) and the standalone page without the emulator (DEMO_EMULATOR=0): signing uses the real CryptoPro plug-in of this browser.',
      ...(emulated ? ['  Error scenarios (PIN cancelled, token removed, plug-in missing, …): the switch in the demo banner.'] : []),
      '',
      `  Open: ${demo.url}`,
      '',
      emulated
        ? `  Application ${demo.applicationId} of ООО «Ромашка»; sign it with the certificate of Романова Анна Сергеевна.`
        : `  Application ${demo.applicationId} of ООО «Ромашка».`,
      '  The registration report asked for after the first round: any date and time today, FD 1, FP 1234567890.',
      ...(demo.batchUrl
        ? [
            '',
            `  Batch (${demo.batchApplicationIds.length} cash registers of the same company, one certificate, one PIN; register 7 is set up to be rejected by FNS):`,
            `  Open: ${demo.batchUrl}`,
          ]
        : []),
      '  Ctrl+C stops everything.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void demo.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
