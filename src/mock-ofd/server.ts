/** Serving the mock over a real socket (Node only): for the CLI, end-to-end tests and benches. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createMockOfd } from './app.js';
import type { MockOfdControl, MockOfdOptions } from './types.js';

export interface RunningMockOfd {
  /** `http://host:port` */
  url: string;
  /** What the proxy's OFD_BASE_URL should be: `${url}/api/integration`. */
  baseUrl: string;
  app: ReturnType<typeof createMockOfd>['app'];
  control: MockOfdControl;
  /** Stops listening and cuts open connections (hung `timeout` faults included). */
  close(): Promise<void>;
}

export async function startMockOfdServer(
  options: MockOfdOptions & { host?: string; port?: number } = {},
): Promise<RunningMockOfd> {
  const { host = '127.0.0.1', port = 0, ...mockOptions } = options;
  const { app, control } = createMockOfd(mockOptions);
  const server: ServerType = serve({ fetch: app.fetch, hostname: host, port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  return {
    url,
    baseUrl: `${url}/api/integration`,
    app,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
