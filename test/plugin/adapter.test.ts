import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes, inspectCms, utf8Bytes } from '../../src/cms/index.js';
import { verifyCmsSignature } from '../../src/cms/verify.js';
import {
  CertificateNotFoundError,
  createCryptoProAdapter,
  CryptoProError,
  InvalidBase64Error,
  type CryptoProAdapter,
  type SigningCertificate,
} from '../../src/plugin/index.js';
// The sentences are their own import (`ofd-signer/plugin/messages`); importing it installs them.
import '../../src/plugin/messages.js';
import {
  createDemoCertificates,
  createTestCertificate,
  createTestCertificates,
  DEMO_COMPANY,
  DEMO_ENTREPRENEUR,
  installCadesPluginMock,
  type CadesPluginMock,
  type CadesPluginMockOptions,
  type DemoCertificates,
  type EmulatedCertificateEntry,
  type TestCertificate,
} from '../../src/testing/index.js';

const DAY = 86_400_000;
/** What a partner signs: the base64 text of an OFD document (the spec's sample signs that text itself). */
const XML = '<?xml version="1.0" encoding="windows-1251"?><Файл ИдФайл="KKT_REG"><Документ КНД="1110061"/></Файл>';
const DOCUMENT = Buffer.from(XML, 'utf8').toString('base64');

let demo: DemoCertificates;
let mock: CadesPluginMock | undefined;

beforeAll(() => {
  demo = createDemoCertificates();
});
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
});

function setup(options: CadesPluginMockOptions = {}): { mock: CadesPluginMock; adapter: CryptoProAdapter } {
  mock = installCadesPluginMock(options);
  return { mock, adapter: createCryptoProAdapter({ plugin: mock.plugin }) };
}

const byThumbprint = (list: SigningCertificate[], cert: TestCertificate) => list.find((c) => c.thumbprint === cert.thumbprint);

/** Counts calls since the last reset, per object member, e.g. { 'Certificates.Item': 3 }. */
function members(m: CadesPluginMock): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of m.calls) out[`${call.target}.${call.member}`] = (out[`${call.target}.${call.member}`] ?? 0) + 1;
  return out;
}

describe('listCertificates()', () => {
  it("lists the emulator's default machine: the director usable, the expired and the key-less one with reasons", async () => {
    const { adapter } = setup();
    const list = await adapter.listCertificates();
    expect(list).toHaveLength(3);
    const director = byThumbprint(list, demo.director)!;
    expect(director).toMatchObject({
      usable: true,
      reasons: [],
      source: 'my',
      hasPrivateKey: true,
      owner: `${DEMO_COMPANY.director.lastName} ${DEMO_COMPANY.director.firstName} ${DEMO_COMPANY.director.middleName}`,
      lastName: DEMO_COMPANY.director.lastName,
      title: DEMO_COMPANY.director.title,
      company: DEMO_COMPANY.name,
      inn: DEMO_COMPANY.inn,
      personalInn: DEMO_COMPANY.director.personalInn,
      ogrn: DEMO_COMPANY.ogrn,
      snils: DEMO_COMPANY.director.snils,
      keyAlgorithm: 'gost2012-256',
    });
    expect(director.info.der).toEqual(demo.director.der);
    expect(list[0]!.usable).toBe(true); // usable ones come first
    expect(byThumbprint(list, demo.expiredDirector)).toMatchObject({ usable: false, reasons: ['expired'] });
    expect(byThumbprint(list, demo.directorWithoutKey)).toMatchObject({ usable: false, reasons: ['no-private-key'], hasPrivateKey: false });
  });

  it('reads each certificate once (Item + Export) and learns about keys with one fixed-cost Find: 2 calls per certificate', async () => {
    const pool = createTestCertificates(30, { subject: { CN: 'Сотрудник', O: DEMO_COMPANY.name, INNLE: DEMO_COMPANY.inn } });
    const measure = async (n: number) => {
      const { mock: m, adapter } = setup({ certificates: pool.slice(0, n) });
      const list = await adapter.listCertificates();
      expect(list).toHaveLength(n);
      expect(list.every((c) => c.usable)).toBe(true);
      const perMember = members(m);
      expect(perMember['Certificates.Item']).toBe(n);
      expect(perMember['Certificate.Export']).toBe(n);
      expect(perMember['Certificate.HasPrivateKey']).toBeUndefined();
      expect(perMember['Certificate.Thumbprint']).toBeUndefined();
      expect(perMember['Store.Open']).toBe(1);
      expect(perMember['Store.Close']).toBe(1);
      // The adapter counts the same round trips the emulator saw.
      expect(adapter.stats().last.listCertificates?.calls).toBe(m.callCount());
      m.uninstall();
      return m.callCount();
    };
    const ten = await measure(10);
    const thirty = await measure(30);
    const perCertificate = (thirty - ten) / 20;
    const fixed = ten - perCertificate * 10;
    expect(perCertificate).toBe(2);
    expect(fixed).toBe(7);
  });

  it('issues the per-certificate reads concurrently', async () => {
    const { mock: m, adapter } = setup({ certificates: createTestCertificates(8, { subject: { CN: 'Сотрудник' } }), latencyMs: 3 });
    await adapter.listCertificates();
    expect(m.maxConcurrency).toBeGreaterThanOrEqual(8);
  });

  it('in a mixed store asks HasPrivateKey only for certificates that could otherwise sign', async () => {
    const { mock: m, adapter } = setup(); // valid+key, expired+key, valid without key
    await adapter.listCertificates();
    expect(m.callCount({ member: 'HasPrivateKey' })).toBe(2);
    expect(adapter.stats().last.listCertificates).toMatchObject({ calls: 7 + 2 * 3 + 2, certificates: 3, ok: true });
  });

  it('in a store without any key asks nothing per certificate and marks all no-private-key', async () => {
    const { mock: m, adapter } = setup({ certificates: [demo.directorWithoutKey] });
    const [only] = await adapter.listCertificates();
    expect(only).toMatchObject({ usable: false, reasons: ['no-private-key'], hasPrivateKey: false });
    expect(m.callCount({ member: 'HasPrivateKey' })).toBe(0);
  });

  it('judges validity at `now` and flags non-GOST and not-yet-valid certificates', async () => {
    const rsa = createTestCertificate({ subject: { CN: 'RSA' }, notGost: true });
    const future = createTestCertificate({ subject: { CN: 'Будущий' }, notBefore: new Date(Date.now() + 10 * DAY) });
    const { adapter } = setup({ certificates: [rsa, future, demo.director] });
    const list = await adapter.listCertificates();
    expect(byThumbprint(list, rsa)?.reasons).toEqual(['not-gost']);
    expect(byThumbprint(list, future)?.reasons).toEqual(['not-yet-valid']);
    const later = await adapter.listCertificates({ now: new Date(Date.now() + 11 * DAY) });
    expect(byThumbprint(later, future)?.usable).toBe(true);
  });

  it("gives an entrepreneur's INN and OGRNIP", async () => {
    const { adapter } = setup({ certificates: [demo.entrepreneur] });
    const [ip] = await adapter.listCertificates();
    expect(ip).toMatchObject({ inn: DEMO_ENTREPRENEUR.inn, ogrn: DEMO_ENTREPRENEUR.ogrnip, personalInn: DEMO_ENTREPRENEUR.inn, usable: true });
  });

  it('with includeTokens also reads the container store, merged by thumbprint', async () => {
    const tokenOnly: EmulatedCertificateEntry = { certificate: demo.otherCompanyDirector, location: 'container' };
    const both: EmulatedCertificateEntry = { certificate: demo.director, location: 'both' };
    const { mock: m, adapter } = setup({ certificates: [tokenOnly, both, demo.expiredDirector] });

    const myOnly = await adapter.listCertificates();
    expect(myOnly.map((c) => c.thumbprint).sort()).toEqual([demo.director.thumbprint, demo.expiredDirector.thumbprint].sort());

    m.resetCalls();
    const all = await adapter.listCertificates({ includeTokens: true });
    expect(all).toHaveLength(3);
    expect(byThumbprint(all, demo.otherCompanyDirector)).toMatchObject({ source: 'container', usable: true, hasPrivateKey: true });
    expect(byThumbprint(all, demo.director)?.source).toBe('my');
    // Two stores opened and closed, concurrently; the container store needs no key check at all.
    expect(m.callCount({ target: 'Store', member: 'Open' })).toBe(2);
    expect(m.callCount({ target: 'Store', member: 'Close' })).toBe(2);
    expect(m.callCount({ member: 'HasPrivateKey' })).toBe(0);

    // A token-only certificate signs with the object kept from the listing.
    const cms = await adapter.sign(DOCUMENT, { thumbprint: demo.otherCompanyDirector.thumbprint });
    expect(inspectCms(cms).signers[0]?.certificate?.thumbprint).toBe(demo.otherCompanyDirector.thumbprint);
  });

  it('closes the store when reading fails half-way, and reports the failure typed', async () => {
    const { mock: m } = setup();
    // The emulator, except that the second certificate's Item fails the way a broken plug-in would.
    const plugin = new Proxy(m.plugin, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'CreateObjectAsync') return typeof value === 'function' ? value.bind(target) : value;
        return async (name: 'CAdESCOM.Store') => {
          const store = await target.CreateObjectAsync(name);
          return new Proxy(store, {
            get(s, k) {
              if (k !== 'Certificates') {
                const v = Reflect.get(s, k, s) as unknown;
                return typeof v === 'function' ? v.bind(s) : v;
              }
              return s.Certificates.then((certificates) => ({
                Count: certificates.Count,
                Find: certificates.Find.bind(certificates),
                Item: (i: number) => (i === 2 ? Promise.reject(new Error('Параметр задан неверно. (0x80070057)')) : certificates.Item(i)),
              }));
            },
          });
        };
      },
    });
    const adapter = createCryptoProAdapter({ plugin });
    const error = await adapter.listCertificates().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_PARAMETER', hresult: 0x80070057 });
    expect((error as CryptoProError).userMessage('ru')).toMatch(/устаревшей версией/);
    expect(m.callCount({ target: 'Store', member: 'Open' })).toBe(1);
    expect(m.callCount({ target: 'Store', member: 'Close' })).toBe(1);
  });

  it('still lists "My" when the plug-in is too old for the container store', async () => {
    const { adapter } = setup({ scenario: 'outdated-plugin', certificates: [demo.director, { certificate: demo.entrepreneur, location: 'container' }] });
    const list = await adapter.listCertificates({ includeTokens: true });
    expect(list.map((c) => c.thumbprint)).toEqual([demo.director.thumbprint]);
  });
});

describe('sign()', () => {
  it("'as-is' (default) signs the bytes of the Content string itself, attached, end-entity certificate only", async () => {
    const { adapter } = setup();
    await adapter.listCertificates();
    const cms = await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint });
    expect(cms).not.toMatch(/\s/); // the plug-in's CRLF line breaks are gone
    const info = inspectCms(cms);
    expect(info.isSignedData).toBe(true);
    expect(info.attached).toBe(true);
    expect(info.content).toEqual(utf8Bytes(DOCUMENT));
    expect(info.certificates.map((c) => c.thumbprint)).toEqual([demo.director.thumbprint]);
    expect(info.signers[0]?.certificate?.thumbprint).toBe(demo.director.thumbprint);
    expect(info.signers[0]?.hasSigningCertificateAttr).toBe(true);
    expect(await verifyCmsSignature(cms)).toMatchObject({ valid: true });
  });

  it("'decoded' signs the document bytes the base64 stands for", async () => {
    const { adapter } = setup();
    const cms = await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint, contentMode: 'decoded' });
    const info = inspectCms(cms);
    expect(info.content).toEqual(utf8Bytes(XML));
    expect(new TextDecoder().decode(info.content)).toBe(XML);
    expect(await verifyCmsSignature(cms)).toMatchObject({ valid: true });
  });

  it("'decoded' accepts base64 with line breaks and refuses non-base64 before calling the plug-in", async () => {
    const { mock: m, adapter } = setup();
    const wrapped = DOCUMENT.replace(/(.{20})/g, '$1\r\n');
    const cms = await adapter.sign(wrapped, { thumbprint: demo.director.thumbprint, contentMode: 'decoded' });
    expect(inspectCms(cms).content).toEqual(utf8Bytes(XML));
    m.resetCalls();
    const error = await adapter.sign('<xml>not base64</xml>', { thumbprint: demo.director.thumbprint, contentMode: 'decoded' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBase64Error);
    expect((error as InvalidBase64Error).userMessage('en')).toMatch(/not base64/);
    expect(m.callCount()).toBe(0);
  });

  it('detached: no eContent, and the signature verifies over the content bytes', async () => {
    const { adapter } = setup();
    const cms = await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint, detached: true });
    const info = inspectCms(cms);
    expect(info.attached).toBe(false);
    expect(info.content).toBeUndefined();
    expect(await verifyCmsSignature(cms, { detachedContent: utf8Bytes(DOCUMENT) })).toMatchObject({ valid: true });
    expect(await verifyCmsSignature(cms, { detachedContent: utf8Bytes(XML) })).toMatchObject({ valid: false });
  });

  it('includeChain puts the CA certificates in too', async () => {
    const { adapter } = setup();
    const cms = await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint, includeChain: true });
    const thumbprints = inspectCms(cms).certificates.map((c) => c.thumbprint);
    expect(thumbprints).toContain(demo.director.thumbprint);
    expect(thumbprints).toContain(demo.ca.thumbprint);
  });

  it('after listing: 7 calls for the first document, 4 for each next one with the same certificate, with overlap', async () => {
    const { mock: m, adapter } = setup({ latencyMs: 2 });
    await adapter.listCertificates();
    m.resetCalls();
    await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint });
    expect(m.callCount()).toBe(7);
    expect(adapter.stats().last.sign?.calls).toBe(7);
    expect(m.maxConcurrency).toBeGreaterThan(1);
    // No store lookup: the certificate object from the listing was used.
    expect(m.callCount({ target: 'Store' })).toBe(0);
    expect(m.callCount({ kind: 'create', member: 'CAdESCOM.Store' })).toBe(0);

    m.resetCalls();
    await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint, detached: true });
    expect(m.callCount()).toBe(4);
    expect(m.callCount({ member: 'CAdESCOM.CPSigner' })).toBe(0);
  });

  it('without a listing finds the certificate by thumbprint (any case, spaces), then reuses it', async () => {
    const { mock: m, adapter } = setup();
    const spaced = demo.director.thumbprint.toLowerCase().replace(/(..)/g, '$1 ');
    const cms = await adapter.sign(DOCUMENT, { thumbprint: spaced });
    expect(inspectCms(cms).signers[0]?.certificate?.thumbprint).toBe(demo.director.thumbprint);
    expect(m.callCount({ member: 'Find' })).toBe(1);
    // 7 for the signature + 7 for the lookup (Store, Open, Certificates, Find, Count, Item, Close).
    expect(m.callCount()).toBe(14);
    m.resetCalls();
    await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint, includeChain: true });
    expect(m.callCount({ member: 'Find' })).toBe(0);
  });

  it('an unknown thumbprint is CertificateNotFoundError', async () => {
    const { adapter } = setup();
    const error = await adapter.sign(DOCUMENT, { thumbprint: 'AB'.repeat(20) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificateNotFoundError);
    expect((error as CertificateNotFoundError).userMessage('ru')).toMatch(/не найден/);
  });

  it('signs Cyrillic text as its UTF-8 bytes in as-is mode', async () => {
    const { adapter } = setup();
    const text = 'Заявление о регистрации ККТ';
    const cms = await adapter.sign(text, { thumbprint: demo.director.thumbprint });
    expect(inspectCms(cms).content).toEqual(utf8Bytes(text));
  });
});

describe('about()', () => {
  it('reports plug-in, CSP and loader versions in 5 calls', async () => {
    const { mock: m, adapter } = setup();
    const about = await adapter.about();
    expect(about).toMatchObject({ pluginVersion: '2.0.15400', cspVersion: '5.0.13000', loaderVersion: '2.4.1', outdated: false, warnings: [] });
    expect(about.cspName).toMatch(/Crypto-Pro/);
    expect(m.callCount()).toBe(5);
  });

  it('flags a plug-in older than the container store (the old loader: npm-loader.test.ts)', async () => {
    const { adapter } = setup({ scenario: 'outdated-plugin' });
    const about = await adapter.about();
    expect(about.outdated).toBe(true);
    expect(about.warnings.join('\n')).toMatch(/older than 2\.0\.13292/);
  });

  it('flags a CSP too old for GOST 2012', async () => {
    const { adapter } = setup({ cspVersion: '3.9.8423' });
    const about = await adapter.about();
    expect(about.outdated).toBe(true);
    expect(about.warnings.join('\n')).toMatch(/CSP 3\.9\.8423/);
  });
});

describe('stats()', () => {
  it('keeps the latest run of each operation and a history', async () => {
    const { adapter } = setup();
    await adapter.load();
    await adapter.listCertificates();
    await adapter.sign(DOCUMENT, { thumbprint: demo.director.thumbprint });
    await adapter.sign('x', { thumbprint: demo.director.thumbprint, contentMode: 'decoded' }).catch(() => undefined);
    const stats = adapter.stats();
    expect(stats.history.map((s) => s.operation)).toEqual(['load', 'listCertificates', 'sign', 'sign']);
    expect(stats.last.sign).toMatchObject({ ok: false, calls: 0 });
    expect(stats.totalCalls).toBe(stats.history.reduce((sum, s) => sum + s.calls, 0));
    expect(base64ToBytes(DOCUMENT).length).toBeGreaterThan(0);
  });
});
