export { createMockOfd, MOCK_OFD_DEFAULT_TOKEN } from './app.js';
export { encodeCp1251, isCp1251Encodable, Cp1251EncodeError } from './cp1251.js';
export { buildApplicationXml, buildApplicationContent, escapeXml } from './application-xml.js';
export { registrationNumber } from './rnm.js';
export type * from './types.js';
export { startMockOfdServer, type RunningMockOfd } from './server.js';
export { DEFAULT_READINGS, MOCK_SCENARIOS, MOCK_SCENARIO_NAMES, mockScenarioOptions, type MockScenarioName, type MockScenarioDefinition } from './scenarios.js';
