/** Shared, mutable state of one installed emulator: its certificates, scenarios, latency and PIN cache. */
import type { TestCertificate } from '../certificates.js';
import { CallLog } from './call-log.js';
import type { Scenario } from './scenarios.js';
import type { CallRecord } from './call-log.js';

export type Latency = number | ((call: Pick<CallRecord, 'target' | 'member' | 'kind'>) => number);

export type CertificateLocation = 'my' | 'container' | 'both';

/** One certificate as the emulated machine has it. */
export interface EmulatedCertificateEntry {
  certificate: TestCertificate;
  /**
   * 'my': installed in the personal store; 'container': only on a token (CADESCOM_CONTAINER_STORE);
   * 'both': installed and on the token. Default 'my'.
   */
  location?: CertificateLocation;
  /** A scenario for this certificate only (e.g. its token was removed). */
  scenario?: Scenario;
  /** Key container name; default derived from the thumbprint. */
  containerName?: string;
}

export interface EmulatorState {
  entries: EmulatedCertificateEntry[];
  scenario: Scenario;
  scenarioByThumbprint: Map<string, Scenario>;
  /** Per-call delay: a constant, or a function of the call (e.g. a slow SignCades). */
  latencyMs: Latency;
  pluginVersion: string;
  cspVersion: string;
  pinCaching: boolean;
  /** Containers whose PIN is cached for this session. */
  pinCache: Set<string>;
  /** Containers the page asked to cache (PrivateKey.propset_CachePin(true)). */
  cachePinRequested: Set<string>;
  pinPrompts: number;
  base64LineBreaks: boolean;
  clock: () => Date;
  log: CallLog;
}

export function scenarioFor(state: EmulatorState, thumbprint: string): Scenario {
  return state.scenarioByThumbprint.get(thumbprint.toUpperCase()) ?? state.scenario;
}

export function containerNameOf(entry: EmulatedCertificateEntry): string {
  return entry.containerName ?? `ofd-signer-test-${entry.certificate.thumbprint.slice(0, 12).toLowerCase()}`;
}

export function inMyStore(entry: EmulatedCertificateEntry): boolean {
  return (entry.location ?? 'my') !== 'container';
}

export function inContainerStore(entry: EmulatedCertificateEntry): boolean {
  return (entry.location ?? 'my') !== 'my';
}
