/**
 * `ofd-signer/testing` — test helpers for pages that use CryptoPro's browser plug-in.
 *
 * - {@link installCadesPluginMock}: a faithful emulator of `window.cadesplugin` (loader + native plug-in, async
 *   form) with a call log, scenarios (PIN cancelled, token removed, plug-in missing, …) and real GOST signatures.
 * - {@link createTestCertificate}, {@link createTestCa}, {@link createTestCertificates}: GOST R 34.10-2012
 *   certificates with any Russian subject fields, signed by a test CA that OpenSSL's GOST engine accepts.
 * - {@link buildCadesBes}: CAdES-BES SignedData signed with a test certificate, without the emulator.
 * - {@link createDemoCertificates}: certificates of the demo identities (demo company director, another company,
 *   an entrepreneur).
 *
 * Never import this from production code: it is for tests and demos only.
 */
export {
  installCadesPluginMock,
  type CadesPluginMock,
  type CadesPluginMockOptions,
} from './emulator/install.js';
export type { CallRecord, CallKind, CallFilter } from './emulator/call-log.js';
export type { EmulatedCertificateEntry, CertificateLocation, Latency, PinCaching } from './emulator/state.js';
export { SCENARIOS, type Scenario } from './emulator/scenarios.js';
export { HRESULT, hresultHex, pluginError, type PluginError } from './emulator/hresult-errors.js';
/** The constants of CryptoPro's loader (2.4.1's names and values), which the emulator leaves to the loader above it. */
export { LOADER_CONSTANTS as CADES_CONSTANTS } from '../plugin/loader-constants.js';
export {
  chainOf,
  createTestCa,
  createTestCertificate,
  createTestCertificates,
  DEFAULT_CA_SUBJECT,
  getDefaultTestCa,
  type CreateTestCaOptions,
  type CreateTestCertificateOptions,
  type TestCa,
  type TestCertificate,
} from './certificates.js';
export type { TestSubject, StringTypes, SubjectKey } from './names.js';
export type { StringType } from './der-writer.js';
export { buildCadesBes, type BuildCadesBesOptions } from './cms-builder.js';
export {
  createDemoCertificates,
  defaultEmulatorCertificates,
  directorSubject,
  entrepreneurSubject,
  type DemoCertificates,
} from './demo-certificates.js';
export { DEMO_COMPANY, DEMO_ENTREPRENEUR, DEMO_KKT, OTHER_COMPANY } from './demo-identity.js';
