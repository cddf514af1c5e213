/** CAdESCOM.Store and its 1-based Certificates collection with Find. */
import type { CadesCertificate, CadesCertificates, CadesStore } from '../../plugin/cadesplugin-types.js';
import { EmulatedCertificate, isCertificateValid, isTimeValid } from './certificate.js';
import { EmulatedObject } from './emulated-object.js';
import { HRESULT, pluginError } from './hresult-errors.js';
import { inContainerStore, inMyStore, type EmulatedCertificateEntry, type EmulatorState } from './state.js';

const CURRENT_USER_STORE = 2;
const LOCAL_MACHINE_STORE = 1;
const CONTAINER_STORE = 100;

export class EmulatedStore extends EmulatedObject implements CadesStore {
  private opened: { location: number; name: string } | undefined;

  constructor(state: EmulatorState) {
    super(state, 'Store');
  }

  Open(location = CURRENT_USER_STORE, name = 'My', _openMode?: number): Promise<void> {
    return this.invoke('Open', () => {
      // The plug-in asks the user to confirm access to the store; "No" is ERROR_CANCELLED as a plain Win32 code
      // ("… (0x000004C7)", reported in vgoma/crypto-pro#8).
      if (this.state.scenario === 'access-cancelled') throw pluginError(HRESULT.ERROR_CANCELLED_WIN32);
      if (location === CONTAINER_STORE && this.state.scenario === 'outdated-plugin') {
        throw pluginError(HRESULT.E_INVALIDARG);
      }
      if (location !== CURRENT_USER_STORE && location !== LOCAL_MACHINE_STORE && location !== CONTAINER_STORE) {
        throw pluginError(HRESULT.E_INVALIDARG);
      }
      this.opened = { location, name };
    });
  }

  Close(): Promise<void> {
    return this.invoke('Close', () => {
      this.opened = undefined;
    });
  }

  get Location(): Promise<number> {
    return this.read('Location', () => this.opened?.location ?? CURRENT_USER_STORE);
  }

  get Name(): Promise<string> {
    return this.read('Name', () => this.opened?.name ?? 'My');
  }

  get Certificates(): Promise<CadesCertificates> {
    return this.read('Certificates', () => new EmulatedCertificates(this.state, this.contents()));
  }

  private contents(): EmulatedCertificateEntry[] {
    const opened = this.opened;
    if (!opened) return [];
    const entries = this.state.entries;
    if (opened.location === CONTAINER_STORE) return entries.filter(inContainerStore);
    if (opened.name.toLowerCase() === 'my') return entries.filter(inMyStore);
    // "Root" / "CA": the CAs of the listed certificates, each once.
    const cas = new Map<string, EmulatedCertificateEntry>();
    for (const entry of entries) {
      for (let ca = entry.certificate.issuer; ca; ca = ca.issuer) {
        const isRoot = !ca.issuer;
        if ((opened.name.toLowerCase() === 'root') === isRoot) cas.set(ca.thumbprint, { certificate: ca });
      }
    }
    return [...cas.values()];
  }
}

const FIND = {
  SHA1_HASH: 0,
  SUBJECT_NAME: 1,
  ISSUER_NAME: 2,
  EXTENDED_PROPERTY: 6,
  TIME_VALID: 9,
  TIME_NOT_YET_VALID: 10,
  TIME_EXPIRED: 11,
} as const;
const PROPERTY_KEY_PROV_INFO = 2;

export class EmulatedCertificates extends EmulatedObject implements CadesCertificates {
  constructor(state: EmulatorState, private readonly entries: readonly EmulatedCertificateEntry[]) {
    super(state, 'Certificates');
  }

  get Count(): Promise<number> {
    return this.read('Count', () => this.entries.length);
  }

  /** 1-based, like every CAPICOM collection. */
  Item(index: number): Promise<CadesCertificate> {
    return this.invoke('Item', () => {
      const entry = Number.isInteger(index) ? this.entries[index - 1] : undefined;
      if (!entry) throw pluginError(HRESULT.E_INVALIDARG);
      return new EmulatedCertificate(this.state, entry);
    });
  }

  Find(findType: number, criteria?: unknown, validOnly?: boolean): Promise<CadesCertificates> {
    return this.invoke('Find', () => {
      const found = this.entries.filter((entry) => matches(this.state, entry, findType, criteria));
      const result = validOnly ? found.filter((entry) => isCertificateValid(this.state, entry)) : found;
      return new EmulatedCertificates(this.state, result);
    });
  }
}

function toDate(value: unknown, fallback: Date): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return fallback;
}

function matches(state: EmulatorState, entry: EmulatedCertificateEntry, findType: number, criteria: unknown): boolean {
  const cert = entry.certificate;
  switch (findType) {
    case FIND.SHA1_HASH:
      if (typeof criteria !== 'string') throw pluginError(HRESULT.E_INVALIDARG);
      return cert.thumbprint === criteria.replace(/\s+/g, '').toUpperCase();
    case FIND.SUBJECT_NAME:
      return typeof criteria === 'string' && cert.subjectName.toLowerCase().includes(criteria.toLowerCase());
    case FIND.ISSUER_NAME:
      return typeof criteria === 'string' && cert.issuerName.toLowerCase().includes(criteria.toLowerCase());
    case FIND.EXTENDED_PROPERTY:
      // Only the key-provider property is modelled: present exactly when the certificate has a private key.
      if (criteria !== PROPERTY_KEY_PROV_INFO) throw pluginError(HRESULT.E_INVALIDARG, 'Эмулятор поддерживает только свойство 2 (CAPICOM_PROPID_KEY_PROV_INFO).');
      return cert.privateKey !== undefined;
    case FIND.TIME_VALID:
      return isTimeValid(entry, toDate(criteria, state.clock()));
    case FIND.TIME_NOT_YET_VALID:
      return toDate(criteria, state.clock()) < cert.info.notBefore;
    case FIND.TIME_EXPIRED:
      return toDate(criteria, state.clock()) > cert.info.notAfter;
    default:
      throw pluginError(HRESULT.E_INVALIDARG, `Эмулятор не поддерживает тип поиска ${findType}.`);
  }
}
