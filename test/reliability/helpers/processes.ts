/**
 * Real sockets and real processes: the mock OFD served on loopback (its call log is the count of what reached
 * "OFD"), and proxy processes started, asked for their memory and killed.
 */
import { serve } from '@hono/node-server';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createMockOfd } from '../../../src/mock-ofd/index.js';
import type { MockOfdOptions } from '../../../src/mock-ofd/types.js';
import type { ProxyLimits } from '../../../src/proxy/index.js';
import { AUTH_TOKEN, PARTNER_ORIGIN, TICKET_SECRET } from './secrets.js';

export async function serveMockOfd(options: MockOfdOptions = {}) {
  const { app, control } = createMockOfd({ authToken: AUTH_TOKEN, ...options });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    control,
    baseUrl: `http://127.0.0.1:${port}/api/integration`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

export interface ProxyProcess {
  url: string;
  pid: number;
  /** Every line the process printed (its JSON logs included), for the leak scan. */
  output: string[];
  memory(): Promise<{ rss: number; heapUsed: number }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./proxy-child.ts', import.meta.url));

export async function startProxyProcess(options: {
  ofdBaseUrl: string;
  redisUrl?: string;
  limits?: Partial<ProxyLimits>;
  port?: number;
  rateLimit?: boolean;
  /** Write the request log to this file instead of stdout (long runs). */
  logFile?: string;
}): Promise<ProxyProcess> {
  const config = {
    ofdBaseUrl: options.ofdBaseUrl,
    authToken: AUTH_TOKEN,
    ticketSecret: TICKET_SECRET,
    allowedOrigins: [PARTNER_ORIGIN],
    host: '127.0.0.1',
    port: options.port ?? 0,
    rateLimit: options.rateLimit ?? false,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD], {
    env: { ...process.env, PROXY_CHILD_CONFIG: JSON.stringify(config), ...(options.logFile ? { PROXY_CHILD_LOG: options.logFile } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters: ((line: string) => boolean)[] = [];
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      output.push(line);
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]!(line)) waiters.splice(i, 1);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const nextLine = (prefix: string, timeoutMs = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`proxy process: no "${prefix}" line; output:\n${output.join('\n')}`)), timeoutMs);
      waiters.push((line) => {
        if (!line.startsWith(prefix)) return false;
        clearTimeout(timer);
        resolve(line.slice(prefix.length).trim());
        return true;
      });
      child.once('exit', () => reject(new Error(`proxy process exited; output:\n${output.join('\n')}`)));
    });
  const url = await nextLine('LISTENING ');
  return {
    url,
    pid: child.pid!,
    output,
    async memory() {
      const answer = nextLine('MEM ');
      child.stdin!.write('MEM\n');
      return JSON.parse(await answer) as { rss: number; heapUsed: number };
    },
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}
