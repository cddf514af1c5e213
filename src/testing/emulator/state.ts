/** Shared, mutable state of one installed emulator: its certificates, scenarios, latency and PIN cache. */
import type { TestCertificate } from '../certificates.js';
import { CallLog } from './call-log.js';
import type { Scenario } from './scenarios.js';
import type { CallRecord } from './call-log.js';

export type Latency = number | ((call: Pick<CallRecord, 'target' | 'member' | 'kind'>) => number);

/**
 * How the machine treats `PrivateKey.propset_CachePin(true)`:
 * - `true`: the PIN is kept for the session (current plug-ins, most tokens);
 * - `false`: the setter is accepted but the PIN is not kept (reading `CachePin` back says false);
 * - `'refused'`: the token refuses, the setter fails with 0x80100022 (SCARD_E_UNSUPPORTED_FEATURE);
 * - `'missing'`: a plug-in too old to have the member at all (`propset_CachePin` is undefined).
 * The `outdated-plugin` scenario makes the setter fail with 0x80070057 whatever this says.
 */
export type PinCaching = boolean | 'refused' | 'missing';

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
  /** This certificate's token's own PIN-caching behaviour (default: the emulator's `pinCaching`). */
  pinCaching?: PinCaching;
}

export interface EmulatorState {
  entries: EmulatedCertificateEntry[];
  scenario: Scenario;
  scenarioByThumbprint: Map<string, Scenario>;
  /** Per-call delay: a constant, or a function of the call (e.g. a slow SignCades). */
  latencyMs: Latency;
  pluginVersion: string;
  cspVersion: string;
  pinCaching: PinCaching;
  /**
   * For `pin-cancelled` / `pin-blocked` set with `afterPrompts`: how many more PIN dialogs the user still answers
   * before the failure, by thumbprint ('*' for the global scenario).
   */
  promptsBeforeFailure: Map<string, number>;
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

export function pinCachingOf(state: EmulatorState, entry: EmulatedCertificateEntry): PinCaching {
  return entry.pinCaching ?? state.pinCaching;
}
