import { startMockOfdServer, type MockOfdOptions, type RunningMockOfd } from '../../src/mock-ofd/index.js';

export interface RunningMock extends RunningMockOfd {
  /** Base URL for the API client pointed straight at the mock (the proxy mirrors these names under /api). */
  clientBaseUrl: string;
  /** fetch for the client: adds the AuthToken and maps the proxy's route names onto the spec's. */
  fetch: typeof fetch;
  /** Requests the adapter sent, with their Authorization header. */
  sent: Array<{ method: string; url: string; authorization: string | null }>;
  close(): Promise<void>;
}

/** Serve the mock on 127.0.0.1:0 over a real socket. */
export async function startMock(options: MockOfdOptions = {}): Promise<RunningMock> {
  const mock = await startMockOfdServer(options);
  const sent: RunningMock['sent'] = [];
  // The tiny path adapter standing in for the proxy: same names, token added server-side.
  const adapter: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    url.pathname = url.pathname.replace(/\/registration-report$/, '');
    url.searchParams.set('AuthToken', mock.control.authToken);
    sent.push({ method: request.method, url: request.url, authorization: request.headers.get('authorization') });
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return fetch(url, { method: request.method, headers: request.headers, body, signal: request.signal });
  };
  return { ...mock, clientBaseUrl: `${mock.baseUrl}/v2/b2b/kkt`, fetch: adapter, sent };
}
