/** CAdESCOM.CPSigner, CAdESCOM.CPAttribute and the signer's attribute collections. */
import type { CadesAttribute, CadesAttributes, CadesCertificate, CadesSigner } from '../../plugin/cadesplugin-types.js';
import { EmulatedCertificate, entryOfCertificate } from './certificate.js';
import { EmulatedObject } from './emulated-object.js';
import { HRESULT, pluginError } from './hresult-errors.js';
import type { EmulatedCertificateEntry, EmulatorState } from './state.js';

export class EmulatedAttribute extends EmulatedObject implements CadesAttribute {
  name: number | undefined;
  value: unknown;
  valueEncoding = 0;

  constructor(state: EmulatorState) {
    super(state, 'CPAttribute');
  }
  propset_Name(name: number): Promise<void> {
    return this.write('Name', () => {
      if (![0, 1, 2].includes(name)) throw pluginError(HRESULT.E_INVALIDARG);
      this.name = name;
    });
  }
  propset_Value(value: unknown): Promise<void> {
    return this.write('Value', () => {
      this.value = value;
    });
  }
  propset_ValueEncoding(encoding: number): Promise<void> {
    return this.write('ValueEncoding', () => {
      this.valueEncoding = encoding;
    });
  }
  get Name(): Promise<number> {
    return this.read('Name', () => this.name ?? 0);
  }
  get Value(): Promise<unknown> {
    return this.read('Value', () => this.value);
  }
}


export class EmulatedAttributes extends EmulatedObject implements CadesAttributes {
  readonly items: EmulatedAttribute[] = [];

  constructor(state: EmulatorState, name: string) {
    super(state, name);
  }
  get Count(): Promise<number> {
    return this.read('Count', () => this.items.length);
  }
  Add(attribute: CadesAttribute): Promise<void> {
    return this.invoke('Add', () => {
      if (!(attribute instanceof EmulatedAttribute) || attribute.name === undefined) {
        throw pluginError(HRESULT.E_INVALIDARG);
      }
      this.items.push(attribute);
    });
  }
  Item(index: number): Promise<CadesAttribute> {
    return this.invoke('Item', () => {
      const item = this.items[index - 1];
      if (!item) throw pluginError(HRESULT.E_INVALIDARG);
      return item;
    });
  }
  Clear(): Promise<void> {
    return this.invoke('Clear', () => {
      this.items.length = 0;
    });
  }
}

/** Values a signing operation reads from its signer. */
export interface SignerSettings {
  entry: EmulatedCertificateEntry | undefined;
  options: number;
  checkCertificate: boolean;
  keyPin: string | undefined;
  authenticatedAttributes: readonly EmulatedAttribute[];
}

const signers = new WeakMap<object, () => SignerSettings>();

export function settingsOfSigner(value: unknown): SignerSettings | undefined {
  return typeof value === 'object' && value !== null ? signers.get(value)?.() : undefined;
}

export class EmulatedSigner extends EmulatedObject implements CadesSigner {
  private entry: EmulatedCertificateEntry | undefined;
  /** CAPICOM_CERTIFICATE_INCLUDE_CHAIN_EXCEPT_ROOT, the plug-in's default. */
  private options = 0;
  private checkCertificate = true;
  private keyPin: string | undefined;
  private readonly authenticated: EmulatedAttributes;
  private readonly unauthenticated: EmulatedAttributes;

  constructor(state: EmulatorState) {
    super(state, 'CPSigner');
    this.authenticated = new EmulatedAttributes(state, 'CPAttributes');
    this.unauthenticated = new EmulatedAttributes(state, 'CPAttributes');
    signers.set(this, () => ({
      entry: this.entry,
      options: this.options,
      checkCertificate: this.checkCertificate,
      keyPin: this.keyPin,
      authenticatedAttributes: this.authenticated.items,
    }));
  }

  propset_Certificate(certificate: CadesCertificate): Promise<void> {
    return this.write('Certificate', () => {
      const entry = entryOfCertificate(certificate);
      if (!entry) throw pluginError(HRESULT.E_INVALIDARG);
      this.entry = entry;
    });
  }
  get Certificate(): Promise<CadesCertificate> {
    return this.read('Certificate', () => {
      if (!this.entry) throw pluginError(HRESULT.CRYPT_E_NOT_FOUND);
      return new EmulatedCertificate(this.state, this.entry);
    });
  }
  propset_Options(options: number): Promise<void> {
    return this.write('Options', () => {
      if (![0, 1, 2].includes(options)) throw pluginError(HRESULT.E_INVALIDARG);
      this.options = options;
    });
  }
  get Options(): Promise<number> {
    return this.read('Options', () => this.options);
  }
  propset_CheckCertificate(check: boolean): Promise<void> {
    return this.write('CheckCertificate', () => {
      this.checkCertificate = Boolean(check);
    });
  }
  propset_KeyPin(pin: string): Promise<void> {
    return this.write('KeyPin', () => {
      this.keyPin = pin;
    });
  }
  propset_TSAAddress(_address: string): Promise<void> {
    return this.write('TSAAddress', () => undefined);
  }
  get AuthenticatedAttributes2(): Promise<CadesAttributes> {
    return this.read('AuthenticatedAttributes2', () => this.authenticated);
  }
  get UnauthenticatedAttributes(): Promise<CadesAttributes> {
    return this.read('UnauthenticatedAttributes', () => this.unauthenticated);
  }
}
