// A batch with one certificate: cachePin(), the PIN asked once or per document, plug-in calls per extra document,
// and a PIN cancelled on document 7 of 20.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyCmsSignature } from '../../src/cms/verify.js';
import {
  createCryptoProAdapter,
  signBatch,
  UserCancelledError,
  type BatchDocument,
  type CryptoProAdapter,
} from '../../src/plugin/index.js';
import {
  createDemoCertificates,
  installCadesPluginMock,
  type CadesPluginMock,
  type CadesPluginMockOptions,
  type DemoCertificates,
} from '../../src/testing/index.js';

let demo: DemoCertificates;
let mock: CadesPluginMock | undefined;
beforeAll(() => {
  demo = createDemoCertificates();
});
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
});

function setUp(options: CadesPluginMockOptions = {}): { m: CadesPluginMock; adapter: CryptoProAdapter } {
  mock = installCadesPluginMock({ certificates: [demo.director], ...options });
  return { m: mock, adapter: createCryptoProAdapter({ plugin: mock.plugin }) };
}

const documents = (count: number): BatchDocument[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `app-${Math.floor(i / 2) + 1}/doc-${(i % 2) + 1}`,
    content: Buffer.from(`<Файл ИдФайл="KKT_REG_${i + 1}"/>`, 'utf8').toString('base64'),
  }));

describe('adapter.cachePin()', () => {
  it('resolves true on a current plug-in in 3 calls, reusing the listed certificate object', async () => {
    const { m, adapter } = setUp();
    await adapter.listCertificates();
    m.resetCalls();
    expect(await adapter.cachePin(demo.director.thumbprint.toLowerCase())).toBe(true);
    expect(m.callCount()).toBe(3); // PrivateKey, propset_CachePin, CachePin read back
    expect(m.callCount({ member: 'Find' })).toBe(0);
    expect(adapter.stats().last.cachePin).toMatchObject({ calls: 3, ok: true });
  });

  it.each([
    ['an outdated plug-in (0x80070057)', { scenario: 'outdated-plugin' }],
    ['a plug-in without the member', { pinCaching: 'missing' }],
    ['a token that refuses', { pinCaching: 'refused' }],
    ['a token that accepts but does not keep the PIN', { pinCaching: false }],
  ] as [string, CadesPluginMockOptions][])('resolves false with %s, and signing still works', async (_name, options) => {
    const { m, adapter } = setUp(options);
    await adapter.listCertificates();
    await expect(adapter.cachePin(demo.director.thumbprint)).resolves.toBe(false);
    await adapter.sign('QUJD', { thumbprint: demo.director.thumbprint });
    await adapter.sign('QUJD', { thumbprint: demo.director.thumbprint });
    expect(m.pinPrompts).toBe(2);
  });

  it('resolves false rather than throwing for an unknown certificate', async () => {
    const { adapter } = setUp();
    await expect(adapter.cachePin('00'.repeat(20))).resolves.toBe(false);
    expect(adapter.stats().last.cachePin?.ok).toBe(false);
  });

  it('without listing first, the looked-up certificate is reused by sign()', async () => {
    const { m, adapter } = setUp();
    expect(await adapter.cachePin(demo.director.thumbprint)).toBe(true);
    m.resetCalls();
    await adapter.sign('QUJD', { thumbprint: demo.director.thumbprint });
    expect(m.callCount({ member: 'Find' })).toBe(0);
    expect(m.callCount()).toBe(7);
  });
});

describe('signBatch(): twenty documents, one certificate', () => {
  it('one PIN prompt for twenty documents with caching; 4 plug-in calls per extra document', async () => {
    const { m, adapter } = setUp();
    await adapter.listCertificates();
    const progress: number[] = [];
    const cachedAnswers: boolean[] = [];
    const result = await signBatch(adapter, documents(20), {
      thumbprint: demo.director.thumbprint,
      onPinCaching: (cached) => cachedAnswers.push(cached),
      onSigned: (_signed, { done }) => void progress.push(done),
    });
    expect(result).toMatchObject({ pinCached: true, notAttempted: [] });
    expect(result.stoppedBy).toBeUndefined();
    expect(cachedAnswers).toEqual([true]);
    expect(result.signed.map((s) => s.id)).toEqual(documents(20).map((d) => d.id));
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(m.pinPrompts).toBe(1);
    expect(m.callCount({ member: 'SignCades' })).toBe(20);

    const signs = adapter.stats().history.filter((s) => s.operation === 'sign');
    expect(signs).toHaveLength(20);
    expect(signs[0]?.calls).toBe(7);
    expect(signs.slice(1).every((s) => s.calls <= 4)).toBe(true);

    for (const index of [0, 19]) {
      expect(await verifyCmsSignature(result.signed[index]!.signature)).toMatchObject({ valid: true });
    }
  });

  it('a prompt per document where caching is not allowed, and the caller learns it up front', async () => {
    const { m, adapter } = setUp({ pinCaching: false });
    await adapter.listCertificates();
    const result = await signBatch(adapter, documents(20), { thumbprint: demo.director.thumbprint });
    expect(result.pinCached).toBe(false);
    expect(result.signed).toHaveLength(20);
    expect(m.pinPrompts).toBe(20);
  });

  it('the PIN cancelled on document 7 of 20: 6 signatures kept, nothing after 7 attempted', async () => {
    const { m, adapter } = setUp({ pinCaching: false });
    await adapter.listCertificates();
    m.setScenario('pin-cancelled', { afterPrompts: 6 });
    const sent: string[] = [];
    const result = await signBatch(adapter, documents(20), {
      thumbprint: demo.director.thumbprint,
      onSigned: (signed) => void sent.push(signed.id),
    });
    expect(result.stoppedBy).toBe('cancelled');
    expect(result.failure?.index).toBe(6);
    expect(result.failure?.id).toBe(documents(20)[6]!.id);
    expect(result.failure?.error).toBeInstanceOf(UserCancelledError);
    expect(result.signed).toHaveLength(6);
    expect(sent).toEqual(documents(20).slice(0, 6).map((d) => d.id));
    expect(result.notAttempted).toEqual(documents(20).slice(7).map((d) => d.id));
    expect(m.callCount({ member: 'SignCades' })).toBe(7);
    expect(m.pinPrompts).toBe(7);
    expect(await verifyCmsSignature(result.signed[5]!.signature)).toMatchObject({ valid: true });
  });

  it('stops before the next document when the signal aborts', async () => {
    const { m, adapter } = setUp();
    const controller = new AbortController();
    const result = await signBatch(adapter, documents(10), {
      thumbprint: demo.director.thumbprint,
      signal: controller.signal,
      onSigned: ({ index }) => {
        if (index === 2) controller.abort();
      },
    });
    expect(result.stoppedBy).toBe('aborted');
    expect(result.signed).toHaveLength(3);
    expect(result.notAttempted).toHaveLength(7);
    expect(m.callCount({ member: 'SignCades' })).toBe(3);
  });

  it('a failing token stops the batch as a failure, not a cancellation, with the same guarantees', async () => {
    const { m, adapter } = setUp();
    m.setScenario('token-removed');
    const result = await signBatch(adapter, documents(4), { thumbprint: demo.director.thumbprint });
    expect(result).toMatchObject({ stoppedBy: 'failed', signed: [] });
    expect(result.failure?.error.code).toBe('TOKEN_NOT_INSERTED');
    expect(result.notAttempted).toHaveLength(3);
    expect(m.callCount({ member: 'SignCades' })).toBe(1);
  });
});
