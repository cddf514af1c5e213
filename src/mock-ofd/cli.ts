#!/usr/bin/env node
/**
 * ofd-signer-mock: run the mock OFD partner API with one demo application ready to sign.
 *   PORT (default 8090), HOST (default 127.0.0.1), OFD_AUTH_TOKEN (default the mock's demo token),
 *   MOCK_OFD_ENVELOPE=success|status, MOCK_OFD_OUTCOME=approve|reject.
 * Usage: npx tsx src/mock-ofd/cli.ts
 */
import { MOCK_OFD_DEFAULT_TOKEN } from './app.js';
import { startMockOfdServer } from './server.js';

const env = process.env;
const port = Number(env.PORT ?? 8090);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${env.PORT}`);
  process.exit(2);
}
const envelope = env.MOCK_OFD_ENVELOPE === 'status' ? 'status' : 'success';
const outcome = env.MOCK_OFD_OUTCOME === 'reject' ? 'reject' : 'approve';
const authToken = env.OFD_AUTH_TOKEN || MOCK_OFD_DEFAULT_TOKEN;

const running = await startMockOfdServer({
  host: env.HOST || '127.0.0.1',
  port,
  authToken,
  envelope,
  scenario: { outcome },
});
const application = running.control.createDemoApplication();

console.log(`mock OFD listening on ${running.url}`);
console.log(`OFD_BASE_URL=${running.baseUrl}`);
if (!env.OFD_AUTH_TOKEN) console.log(`OFD_AUTH_TOKEN=${authToken}`);
console.log(`demo application: ${application.Id}`);
console.log(`  curl '${running.baseUrl}/v2/b2b/kkt/registration/${application.Id}?AuthToken=…'`);

const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
