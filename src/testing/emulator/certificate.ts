/** CAdESCOM.Certificate and the small objects hanging off it (PrivateKey, PublicKey, IsValid() status, EKUs). */
import type {
  CadesAlgorithm, CadesCertificate, CadesCertificateStatus, CadesPrivateKey, CadesPublicKey,
} from '../../plugin/cadesplugin-types.js';
import { CSP_NAME } from './about.js';
import { EmulatedObject, pluginBase64 } from './emulated-object.js';
import { HRESULT, pluginError } from './hresult-errors.js';
import { CHAIN_FAILURES } from './scenarios.js';
import { containerNameOf, pinCachingOf, scenarioFor, type EmulatedCertificateEntry, type EmulatorState } from './state.js';

const entries = new WeakMap<object, EmulatedCertificateEntry>();

/** The entry behind a Certificate object the page hands back to us (e.g. in propset_Certificate). */
export function entryOfCertificate(value: unknown): EmulatedCertificateEntry | undefined {
  return typeof value === 'object' && value !== null ? entries.get(value) : undefined;
}

export function isTimeValid(entry: EmulatedCertificateEntry, at: Date): boolean {
  const { notBefore, notAfter } = entry.certificate.info;
  return at >= notBefore && at <= notAfter;
}

/** What `IsValid().Result` says: time-valid and the chain builds to a trusted root. */
export function isCertificateValid(state: EmulatorState, entry: EmulatedCertificateEntry): boolean {
  return isTimeValid(entry, state.clock()) && !CHAIN_FAILURES.has(scenarioFor(state, entry.certificate.thumbprint));
}

export class EmulatedCertificate extends EmulatedObject implements CadesCertificate {
  constructor(state: EmulatorState, private readonly entry: EmulatedCertificateEntry) {
    super(state, 'Certificate');
    entries.set(this, entry);
  }

  private get cert() {
    return this.entry.certificate;
  }

  get Thumbprint(): Promise<string> {
    return this.read('Thumbprint', () => this.cert.thumbprint);
  }
  get SubjectName(): Promise<string> {
    return this.read('SubjectName', () => this.cert.subjectName);
  }
  get IssuerName(): Promise<string> {
    return this.read('IssuerName', () => this.cert.issuerName);
  }
  get SerialNumber(): Promise<string> {
    return this.read('SerialNumber', () => this.cert.info.serialNumber);
  }
  /** The async plug-in hands dates over as ISO strings. */
  get ValidFromDate(): Promise<string> {
    return this.read('ValidFromDate', () => this.cert.info.notBefore.toISOString());
  }
  get ValidToDate(): Promise<string> {
    return this.read('ValidToDate', () => this.cert.info.notAfter.toISOString());
  }
  get Version(): Promise<number> {
    return this.read('Version', () => 3);
  }
  get PrivateKey(): Promise<CadesPrivateKey> {
    return this.read('PrivateKey', () => {
      if (!this.cert.privateKey) throw pluginError(HRESULT.CRYPT_E_NO_KEY_PROPERTY);
      const key = new EmulatedPrivateKey(this.state, this.entry);
      return pinCachingOf(this.state, this.entry) === 'missing' ? withoutCachePin(key) : key;
    });
  }
  HasPrivateKey(): Promise<boolean> {
    return this.invoke('HasPrivateKey', () => this.cert.privateKey !== undefined);
  }
  IsValid(): Promise<CadesCertificateStatus> {
    return this.invoke('IsValid', () => new EmulatedCertificateStatus(this.state, isCertificateValid(this.state, this.entry)));
  }
  /** 0 CAPICOM_ENCODE_BASE64 (CRLF-broken lines like the plug-in), 1 CAPICOM_ENCODE_BINARY (a byte string). */
  Export(encoding: number): Promise<string> {
    return this.invoke('Export', () => {
      if (encoding === 0) return pluginBase64(this.cert.base64, this.state.base64LineBreaks);
      if (encoding === 1) return String.fromCharCode(...this.cert.der);
      throw pluginError(HRESULT.E_INVALIDARG);
    });
  }
  /** CAPICOM_CERT_INFO_*: 0/6 subject simple/DNS name, 1/7 issuer's, 2/3 e-mails, 4/5 UPNs (none). */
  GetInfo(infoType: number): Promise<string> {
    return this.invoke('GetInfo', () => {
      const subject = this.cert.subject;
      const issuer = this.cert.issuer?.subject ?? subject;
      switch (infoType) {
        case 0:
        case 6:
          return subject.CN ?? '';
        case 1:
        case 7:
          return issuer.CN ?? '';
        case 2:
          return subject.E ?? '';
        case 3:
          return issuer.E ?? '';
        case 4:
        case 5:
          return '';
        default:
          throw pluginError(HRESULT.E_INVALIDARG);
      }
    });
  }
  PublicKey(): Promise<CadesPublicKey> {
    return this.invoke('PublicKey', () => new EmulatedPublicKey(this.state, this.entry));
  }
  FindPrivateKey(_containerName?: string): Promise<void> {
    return this.invoke('FindPrivateKey', () => {
      if (!this.cert.privateKey) throw pluginError(HRESULT.NTE_BAD_KEYSET);
    });
  }
  /** Used by crypto-pro's getExtendedKeyUsage: `.EKUs.Count`, `.EKUs.Item(i).OID`. */
  ExtendedKeyUsage(): Promise<EmulatedExtendedKeyUsage> {
    return this.invoke('ExtendedKeyUsage', () => new EmulatedExtendedKeyUsage(this.state, this.cert.info.extendedKeyUsage ?? []));
  }
}

export class EmulatedCertificateStatus extends EmulatedObject implements CadesCertificateStatus {
  constructor(state: EmulatorState, private readonly valid: boolean) {
    super(state, 'CertificateStatus');
  }
  get Result(): Promise<boolean> {
    return this.read('Result', () => this.valid);
  }
}

export class EmulatedPrivateKey extends EmulatedObject implements CadesPrivateKey {
  constructor(state: EmulatorState, private readonly entry: EmulatedCertificateEntry) {
    super(state, 'PrivateKey');
  }
  private get container(): string {
    return containerNameOf(this.entry);
  }
  get ProviderName(): Promise<string> {
    return this.read('ProviderName', () =>
      this.entry.certificate.keyBits === 256 ? CSP_NAME : 'Crypto-Pro GOST R 34.10-2012 Strong Cryptographic Service Provider',
    );
  }
  get ProviderType(): Promise<number> {
    return this.read('ProviderType', () => (this.entry.certificate.keyBits === 256 ? 80 : 81));
  }
  get ContainerName(): Promise<string> {
    return this.read('ContainerName', () => this.container);
  }
  get UniqueContainerName(): Promise<string> {
    return this.read('UniqueContainerName', () => `\\\\.\\Aktiv Rutoken ECP 00 00\\${this.container}`);
  }
  get CachePin(): Promise<boolean> {
    return this.read('CachePin', () => {
      if (this.state.scenario === 'outdated-plugin') throw pluginError(HRESULT.E_INVALIDARG);
      // A token that does not keep the PIN says so when the property is read back.
      return pinCachingOf(this.state, this.entry) === true && this.state.cachePinRequested.has(this.container);
    });
  }
  propset_CachePin(value: boolean): Promise<void> {
    return this.write('CachePin', () => {
      if (this.state.scenario === 'outdated-plugin') throw pluginError(HRESULT.E_INVALIDARG);
      if (pinCachingOf(this.state, this.entry) === 'refused') throw pluginError(HRESULT.SCARD_E_UNSUPPORTED_FEATURE);
      if (value) this.state.cachePinRequested.add(this.container);
      else {
        this.state.cachePinRequested.delete(this.container);
        this.state.pinCache.delete(this.container);
      }
    });
  }
}

/** A private key as a plug-in older than `CachePin` exposes it: the members are simply absent. */
function withoutCachePin(key: EmulatedPrivateKey): CadesPrivateKey {
  Object.defineProperty(key, 'CachePin', { value: undefined, enumerable: false });
  Object.defineProperty(key, 'propset_CachePin', { value: undefined, enumerable: false });
  return key;
}

const ALGORITHMS: Record<string, { name: string; length: number }> = {
  'gost2012-256': { name: 'ГОСТ Р 34.10-2012 256 бит', length: 256 },
  'gost2012-512': { name: 'ГОСТ Р 34.10-2012 512 бит', length: 512 },
  gost2001: { name: 'ГОСТ Р 34.10-2001', length: 256 },
  other: { name: 'RSA', length: 2048 },
};

export class EmulatedPublicKey extends EmulatedObject implements CadesPublicKey {
  constructor(state: EmulatorState, private readonly entry: EmulatedCertificateEntry) {
    super(state, 'PublicKey');
  }
  get Algorithm(): Promise<CadesAlgorithm> {
    return this.read('Algorithm', () => {
      const info = this.entry.certificate.info;
      return new EmulatedAlgorithm(this.state, ALGORITHMS[info.keyAlgorithm]?.name ?? 'RSA', info.keyAlgorithmOid);
    });
  }
  get Length(): Promise<number> {
    return this.read('Length', () => ALGORITHMS[this.entry.certificate.info.keyAlgorithm]?.length ?? 0);
  }
}

export class EmulatedAlgorithm extends EmulatedObject implements CadesAlgorithm {
  constructor(state: EmulatorState, private readonly name: string, private readonly oid: string) {
    super(state, 'OID');
  }
  get FriendlyName(): Promise<string> {
    return this.read('FriendlyName', () => this.name);
  }
  get Value(): Promise<string> {
    return this.read('Value', () => this.oid);
  }
}

const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.2': 'Проверка подлинности клиента',
  '1.3.6.1.5.5.7.3.4': 'Защищенная электронная почта',
};

export class EmulatedExtendedKeyUsage extends EmulatedObject {
  constructor(state: EmulatorState, private readonly oids: readonly string[]) {
    super(state, 'ExtendedKeyUsage');
  }
  get IsPresent(): Promise<boolean> {
    return this.read('IsPresent', () => this.oids.length > 0);
  }
  get EKUs(): Promise<EmulatedEkuCollection> {
    return this.read('EKUs', () => new EmulatedEkuCollection(this.state, this.oids));
  }
}

export class EmulatedEkuCollection extends EmulatedObject {
  constructor(state: EmulatorState, private readonly oids: readonly string[]) {
    super(state, 'EKUs');
  }
  get Count(): Promise<number> {
    return this.read('Count', () => this.oids.length);
  }
  Item(index: number): Promise<EmulatedEku> {
    return this.invoke('Item', () => {
      const oid = this.oids[index - 1];
      if (oid === undefined) throw pluginError(HRESULT.E_INVALIDARG);
      return new EmulatedEku(this.state, oid);
    });
  }
}

export class EmulatedEku extends EmulatedObject {
  constructor(state: EmulatorState, private readonly oid: string) {
    super(state, 'EKU');
  }
  get OID(): Promise<string> {
    return this.read('OID', () => this.oid);
  }
  get Name(): Promise<string> {
    return this.read('Name', () => EKU_NAMES[this.oid] ?? this.oid);
  }
}
