/**
 * Listing certificates with as few plug-in round trips as the object model allows: each certificate costs
 * `Item(i)` + `Export()`, everything else is parsed locally from the DER, and all items are read concurrently.
 */
import { bytesToHex, certificateWithThumbprint } from '../cms/certificate-core.js';
import { DerFault } from '../cms/fault.js';
import { base64Bytes } from './base64.js';
import {
  CADESCOM_CONTAINER_STORE,
  CADESCOM_ENCODE_BASE64,
  CAPICOM_CERTIFICATE_FIND_EXTENDED_PROPERTY,
  CAPICOM_CERTIFICATE_FIND_SHA1_HASH,
  CAPICOM_CURRENT_USER_STORE,
  CAPICOM_MY_STORE,
  CAPICOM_PROPID_KEY_PROV_INFO,
  CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED,
} from './com-constants.js';
import type { CadesCertificate, CadesCertificates, CadesPluginGlobal, CadesStore } from './cadesplugin-types.js';
import type { CallMeter } from './call-meter.js';
import { problemsOf, toSigningCertificate } from './certificate-view.js';
import type { CertificateSource, SigningCertificate } from './types.js';

export interface ListedCertificate {
  view: SigningCertificate;
  /** The plug-in's own object, kept so that signing needs no store lookup. */
  object: CadesCertificate;
}

/** Opens a store, runs `body`, and closes the store whatever happened (a failed Close never hides the result). */
async function inStore<T>(
  plugin: CadesPluginGlobal,
  { t }: CallMeter,
  source: CertificateSource,
  body: (store: CadesStore) => Promise<T>,
): Promise<T> {
  const store = await t(plugin.CreateObjectAsync('CAdESCOM.Store'));
  await t(
    source === 'my'
      ? store.Open(CAPICOM_CURRENT_USER_STORE, CAPICOM_MY_STORE, CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED)
      : // The container store (plug-in 2.0.13292+) takes only the location; callers ask only such plug-ins for it.
        store.Open(CADESCOM_CONTAINER_STORE),
  );
  try {
    return await body(store);
  } finally {
    await t(store.Close()).catch(() => undefined);
  }
}

export function readStore(plugin: CadesPluginGlobal, meter: CallMeter, source: CertificateSource, now: Date): Promise<ListedCertificate[]> {
  const { t } = meter;
  return inStore(plugin, meter, source, async (store) => {
    const certificates = await t(store.Certificates);
    // Certificates in key containers have keys by definition; in "My" one Find (fixed cost) tells how many do.
    const keyed = source === 'container' ? undefined : countWithKeys(meter, certificates);
    keyed?.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    const count = await t(certificates.Count);
    const read = await Promise.all(Array.from({ length: count }, (_, i) => readItem(certificates, i + 1, meter)));
    const items = read.filter((item) => item !== undefined);
    const keyedCount = keyed === undefined ? count : await keyed;
    const known = keyedCount === count ? true : keyedCount === 0 ? false : undefined;
    return Promise.all(
      items.map(async ({ object, info }): Promise<ListedCertificate> => {
        let hasKey = known;
        // Mixed store: ask only about certificates that could sign otherwise; the rest are unusable anyway.
        if (hasKey === undefined && problemsOf(info, now).length === 0) hasKey = await t(object.HasPrivateKey());
        return { object, view: toSigningCertificate(info, source, hasKey, now) };
      }),
    );
  });
}

async function readItem(certificates: CadesCertificates, index: number, { t }: CallMeter) {
  const object = await t(certificates.Item(index));
  const exported = await t(object.Export(CADESCOM_ENCODE_BASE64));
  let der: Uint8Array;
  try {
    der = base64Bytes(exported);
  } catch {
    return undefined; // not base64: a broken export, skipped like an unreadable certificate
  }
  try {
    // CryptoPro's thumbprint is the SHA-1 of the DER; WebCrypto has it (every page the plug-in serves is a secure context).
    const thumbprint = bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-1', der as Uint8Array<ArrayBuffer>)));
    return { object, info: certificateWithThumbprint(der, thumbprint) };
  } catch (error) {
    // One malformed certificate in a store must not hide the others; it could not sign anyway. Anything else
    // (no WebCrypto on the page, say) is the listing's failure, not the certificate's.
    if (error instanceof DerFault) return undefined;
    throw error;
  }
}

async function countWithKeys({ t }: CallMeter, certificates: CadesCertificates): Promise<number> {
  // Property id 2 has no name in any CryptoPro loader; the value is CAPICOM's (see com-constants.ts).
  const withKeys = await t(certificates.Find(CAPICOM_CERTIFICATE_FIND_EXTENDED_PROPERTY, CAPICOM_PROPID_KEY_PROV_INFO));
  return t(withKeys.Count);
}

/**
 * Joins the personal store and the container store by thumbprint. A certificate in both keeps its "My" entry unless
 * only the container knows its key (installed into "My" without a link to the key).
 */
export function mergeListings(my: ListedCertificate[], containers: ListedCertificate[]): ListedCertificate[] {
  const byThumbprint = new Map<string, ListedCertificate>();
  for (const entry of my) byThumbprint.set(entry.view.thumbprint, entry);
  for (const entry of containers) {
    const existing = byThumbprint.get(entry.view.thumbprint);
    if (!existing || (existing.view.hasPrivateKey !== true && entry.view.hasPrivateKey === true)) {
      byThumbprint.set(entry.view.thumbprint, entry);
    }
  }
  return [...byThumbprint.values()];
}

/** Finds one certificate by thumbprint (signing with a thumbprint that was not listed in this session). */
export function findCertificate(
  plugin: CadesPluginGlobal,
  meter: CallMeter,
  source: CertificateSource,
  thumbprint: string,
): Promise<CadesCertificate | undefined> {
  const { t } = meter;
  return inStore(plugin, meter, source, async (store) => {
    const all = await t(store.Certificates);
    const found = await t(all.Find(CAPICOM_CERTIFICATE_FIND_SHA1_HASH, thumbprint));
    return (await t(found.Count)) > 0 ? t(found.Item(1)) : undefined;
  });
}
