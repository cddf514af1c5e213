/** Fault scenarios of the emulator and the HRESULT each one produces. */
import { HRESULT } from './hresult-errors.js';

export type Scenario =
  | 'ok'
  | 'pin-cancelled'
  | 'pin-blocked'
  | 'token-removed'
  | 'card-removed'
  | 'no-private-key'
  | 'container-missing'
  | 'access-cancelled'
  | 'chain-not-trusted'
  | 'untrusted-root'
  | 'licence-expired'
  | 'csp-algorithm'
  | 'outdated-plugin'
  | 'plugin-missing'
  | 'extension-no-host'
  | 'extension-silent';

export const SCENARIOS: readonly Scenario[] = [
  'ok', 'pin-cancelled', 'pin-blocked', 'token-removed', 'card-removed', 'no-private-key', 'container-missing', 'access-cancelled', 'chain-not-trusted', 'untrusted-root',
  'licence-expired', 'csp-algorithm', 'outdated-plugin', 'plugin-missing', 'extension-no-host', 'extension-silent',
];

/** Scenarios decided when the extension is set up (switching to them later changes nothing already loaded). */
export const LOAD_SCENARIOS: ReadonlySet<Scenario> = new Set(['plugin-missing', 'extension-no-host', 'extension-silent']);

/** HRESULT that signing raises under a scenario (undefined: signing is not affected). */
export const SIGNING_FAILURE: Partial<Record<Scenario, number>> = {
  'pin-cancelled': HRESULT.SCARD_W_CANCELLED_BY_USER,
  'pin-blocked': HRESULT.SCARD_W_CHV_BLOCKED,
  'token-removed': HRESULT.E_UNEXPECTED,
  // The other reading of a removed token: the smart-card subsystem's own code (SCARD_W_REMOVED_CARD, "The smart card
  // has been removed", winscard/pcsc-lite). Both are played; the adapter maps both to TOKEN_NOT_INSERTED.
  'card-removed': HRESULT.SCARD_W_REMOVED_CARD,
  'no-private-key': HRESULT.CRYPT_E_NO_KEY_PROPERTY,
  // The key container named in the certificate is gone: "Keyset does not exist" (NTE_BAD_KEYSET), as reported in
  // diadoc/diadocsdk-1c-docs#1150 (CryptAcquireCertificatePrivateKey).
  'container-missing': HRESULT.NTE_BAD_KEYSET,
  'chain-not-trusted': HRESULT.CERT_E_CHAINING,
  'untrusted-root': HRESULT.CERT_E_UNTRUSTEDROOT,
  'licence-expired': HRESULT.ERROR_FUNCTION_FAILED,
  'csp-algorithm': HRESULT.NTE_BAD_ALGID,
};

/** Scenarios under which the user was asked for the PIN before the failure. */
export const PROMPTS_BEFORE_FAILURE: ReadonlySet<Scenario> = new Set(['pin-cancelled', 'pin-blocked']);

/** Scenarios that make `IsValid().Result` false (the chain does not build). */
export const CHAIN_FAILURES: ReadonlySet<Scenario> = new Set(['chain-not-trusted', 'untrusted-root']);

/** What the real loader rejects its promise with (a string, not an Error). */
export const LOAD_REJECTIONS = {
  timeout: 'Истекло время ожидания загрузки плагина',
  noHost: 'Плагин недоступен',
} as const;

/** Version an "outdated" plug-in reports: older than what crypto-pro and ofd-signer accept. */
export const OUTDATED_PLUGIN_VERSION = '2.0.12245';
