/**
 * A proxy PROCESS for the multi-process tests and the soak: `node --import tsx proxy-child.ts` with its whole
 * configuration as JSON in PROXY_CHILD_CONFIG. Prints `LISTENING <url>` on stdout, then one JSON log line per
 * request (or writes them to PROXY_CHILD_LOG); answers `MEM` on stdin with its memory use.
 */
import { createWriteStream } from 'node:fs';
import { startProxyServer, type StartProxyServerOptions } from '../../../src/proxy/index.js';

const config = JSON.parse(process.env.PROXY_CHILD_CONFIG ?? '{}') as StartProxyServerOptions;
// Logs go to a file when asked: stdout is a pipe, and a busy parent would make every write block the proxy.
const logFile = process.env.PROXY_CHILD_LOG ? createWriteStream(process.env.PROXY_CHILD_LOG) : undefined;
const running = await startProxyServer({
  ...config,
  logger: logFile ? (line) => logFile.write(`${JSON.stringify(line)}\n`) : (line) => process.stdout.write(`LOG ${JSON.stringify(line)}\n`),
});
process.stdout.write(`LISTENING ${running.url}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const command of chunk.split('\n')) {
    if (command.trim() === 'MEM') {
      global.gc?.();
      const m = process.memoryUsage();
      process.stdout.write(`MEM ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed })}\n`);
    }
  }
});
const stop = () => void running.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
