import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * nginx as the yardstick for the proxy: a plain reverse proxy on loopback with upstream keep-alive,
 * a temp prefix and config, started and stopped by the bench. One worker process, like the one
 * Node process of our proxy.
 */
export interface RunningNginx {
  readonly url: string;
  stop(): Promise<void>;
}

const candidates = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'];

function findNginx(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
  return onPath || candidates.find((file) => existsSync(file));
}

/** Finds nginx, installing Debian's nginx-light with apt-get when it is missing. */
export function ensureNginx(log: (message: string) => void): string {
  const found = findNginx();
  if (found) return found;
  log('nginx is not installed: installing the Debian package nginx-light with apt-get (needs root and network) …');
  const [command, ...prefixArgs] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync(command!, [...prefixArgs, 'update'], { stdio: 'inherit', env });
  const install = spawnSync(command!, [...prefixArgs, 'install', '-y', '--no-install-recommends', 'nginx-light'], { stdio: 'inherit', env });
  const installed = findNginx();
  if (update.status !== 0 || install.status !== 0 || !installed) {
    throw new Error('nginx is missing and `apt-get install nginx-light` failed: install nginx (Debian: nginx-light) and run the bench again');
  }
  // The package starts a system-wide nginx on port 80; the bench does not need it, and leaves it as apt set it up.
  return installed;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Maps `/api/registration/:id` to the upstream status path with the AuthToken added, the same
 * request shape our proxy serves, and nothing else (no ticket check, no response rewriting).
 */
export async function startNginx(options: {
  upstreamUrl: string;
  prefix: string;
  authToken: string;
  log: (message: string) => void;
}): Promise<RunningNginx> {
  const binary = ensureNginx(options.log);
  const upstream = new URL(options.upstreamUrl);
  const port = await freePort();
  const prefix = options.prefix;
  mkdirSync(path.join(prefix, 'logs'), { recursive: true });
  mkdirSync(path.join(prefix, 'temp'), { recursive: true });
  const config = `
worker_processes 1;
daemon off;
master_process on;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/temp/body;
  proxy_temp_path ${prefix}/temp/proxy;
  fastcgi_temp_path ${prefix}/temp/fastcgi;
  uwsgi_temp_path ${prefix}/temp/uwsgi;
  scgi_temp_path ${prefix}/temp/scgi;
  upstream mock_ofd {
    server ${upstream.hostname}:${upstream.port};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location /api/registration/ {
      rewrite ^/api/registration/([^/]+)$ /api/integration/v2/b2b/kkt/registration/$1?AuthToken=${encodeURIComponent(options.authToken)} break;
      proxy_pass http://mock_ofd;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
  }
}
`;
  const configFile = path.join(prefix, 'nginx.conf');
  writeFileSync(configFile, config);
  const child: ChildProcess = spawn(binary, ['-p', prefix, '-c', configFile, '-e', path.join(prefix, 'logs/error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await waitForPort(port, child, () => stderr || readLog(prefix));
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function readLog(prefix: string): string {
  try {
    return readFileSync(path.join(prefix, 'logs/error.log'), 'utf8');
  } catch {
    return '';
  }
}

async function waitForPort(port: number, child: ChildProcess, explain: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${explain()}`);
    const connected = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not listen on 127.0.0.1:${port}: ${explain()}`);
}
