import { createOfdErrorEvent, createOfdReadyEvent } from '../events/index.js';
import type { Problem } from '../i18n/index.js';
import type { CertificateChoice, PluginAbout, SignerAdapterPort } from '../ports.js';

/** The part of a flow (single application or batch) that the plug-in check drives. */
export interface PluginCheckHost {
  adapter(): SignerAdapterPort;
  /** False once the user has moved on: a late answer must not take the screen back. */
  isCurrent(): boolean;
  problem(error: unknown): Problem;
  go(step: { name: 'plugin'; problem?: Problem } | { name: 'certificates' }): void;
  emit(event: Event): void;
  /** Keeps what the plug-in answered (each flow orders the certificates its own way). */
  found(about: PluginAbout, certificates: readonly CertificateChoice[]): void;
}

/**
 * Loads the plug-in and asks for its version and the certificates at once; then the certificate list and
 * `ofd-ready`, or the plug-in step with the problem and `ofd-error`.
 */
export async function checkPlugin(host: PluginCheckHost): Promise<void> {
  host.go({ name: 'plugin' });
  try {
    const adapter = host.adapter();
    await adapter.load();
    const [about, certificates] = await Promise.all([adapter.about(), adapter.listCertificates({ includeTokens: true })]);
    if (!host.isCurrent()) return;
    host.found(about, certificates);
    host.go({ name: 'certificates' });
    host.emit(createOfdReadyEvent({ pluginVersion: about.pluginVersion, usableCertificates: certificates.filter((c) => c.usable).length }));
  } catch (error) {
    if (!host.isCurrent()) return;
    const problem = host.problem(error);
    host.go({ name: 'plugin', problem });
    host.emit(createOfdErrorEvent({ ...problem, cause: error }));
  }
}
