#!/usr/bin/env node
/**
 * ofd-signer-mock: run the mock OFD partner API with one demo application ready to sign.
 *   PORT (default 8090), HOST (default 127.0.0.1), OFD_AUTH_TOKEN (default the mock's demo token),
 *   MOCK_OFD_ENVELOPE=success|status, MOCK_OFD_OUTCOME=approve|reject, MOCK_OFD_SCENARIO=<a name of scenarios.ts>.
 * Usage: npx tsx src/mock-ofd/cli.ts
 */
import { MOCK_OFD_DEFAULT_TOKEN } from './app.js';
import { MOCK_SCENARIO_NAMES, mockScenarioOptions, type MockScenarioName } from './scenarios.js';
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
const scenarioName = (env.MOCK_OFD_SCENARIO || 'examples') as MockScenarioName;
if (!MOCK_SCENARIO_NAMES.includes(scenarioName)) {
  console.error(`MOCK_OFD_SCENARIO must be one of ${MOCK_SCENARIO_NAMES.join(', ')}, got ${scenarioName}`);
  process.exit(2);
}
const named = mockScenarioOptions(scenarioName);

const running = await startMockOfdServer({
  host: env.HOST || '127.0.0.1',
  port,
  authToken,
  envelope: env.MOCK_OFD_ENVELOPE ? envelope : (named.envelope ?? envelope),
  readings: named.readings,
  scenario: { ...named.scenario, outcome },
  ...(named.documentsPerRound ? { documentsPerRound: named.documentsPerRound } : {}),
});
const application = running.control.createDemoApplication();

console.log(`mock OFD listening on ${running.url} (scenario ${scenarioName})`);
console.log(`OFD_BASE_URL=${running.baseUrl}`);
if (!env.OFD_AUTH_TOKEN) console.log(`OFD_AUTH_TOKEN=${authToken}`);
console.log(`demo application: ${application.Id}`);
console.log(`  curl '${running.baseUrl}/v2/b2b/kkt/registration/${application.Id}?AuthToken=…'`);

const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
