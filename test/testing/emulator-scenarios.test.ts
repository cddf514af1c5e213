// Scenarios, the call log and the PIN prompt model.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createDemoCertificates, installCadesPluginMock, SCENARIOS, type CadesPluginMock, type Scenario,
} from '../../src/testing/index.js';
import { certificateByThumbprint, hresultOf, openStore, rejectionOf, sign } from './helpers/plugin.js';

let mock: CadesPluginMock | undefined;
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
  vi.useRealTimers();
});

/** Installs the emulator with our loader on top and waits until the loader is done (as page code awaits it). */
async function install(options: Parameters<typeof installCadesPluginMock>[0] = {}) {
  mock = installCadesPluginMock(options);
  await mock.plugin.then(
    () => undefined,
    () => undefined,
  );
  return mock;
}

const SIGNING_HRESULTS: [Scenario, string][] = [
  ['pin-cancelled', '0x8010006E'],
  ['pin-blocked', '0x8010006C'],
  ['token-removed', '0x8000FFFF'],
  ['card-removed', '0x80100069'],
  ['no-private-key', '0x8009200B'],
  ['container-missing', '0x80090016'],
  ['chain-not-trusted', '0x800B010A'],
  ['untrusted-root', '0x800B0109'],
  ['licence-expired', '0x8007065B'],
  ['csp-algorithm', '0x80090008'],
];

describe('scenarios', () => {
  it('covers every scenario in this file', () => {
    const tested = new Set<Scenario>([...SIGNING_HRESULTS.map(([s]) => s), 'ok', 'outdated-plugin', 'plugin-missing', 'extension-no-host', 'extension-silent', 'access-cancelled']);
    expect([...SCENARIOS].filter((s) => !tested.has(s))).toEqual([]);
  });

  it.each(SIGNING_HRESULTS)('%s: SignCades rejects with a plain { message } ending in (%s), as the extension does', async (scenario, hresult) => {
    const { plugin } = await install({ scenario });
    const cert = await certificateByThumbprint(plugin, createDemoCertificates().director.thumbprint);
    const error = await rejectionOf(sign(plugin, cert, 'QUJD', { encoding: 1 }));
    expect(error).not.toBeInstanceOf(Error);
    expect(Object.keys(error as object)).toEqual(['message']);
    expect(hresultOf(error)).toBe(hresult);
    expect((error as { message: string }).message).toMatch(/[А-Яа-я]/);
    expect(plugin.getLastError?.(error)).toBe((error as { message: string }).message);
  });

  it('names the cancelled PIN the way the plug-in does', async () => {
    const { plugin } = await install({ scenario: 'pin-cancelled' });
    const cert = await certificateByThumbprint(plugin, createDemoCertificates().director.thumbprint);
    await expect(sign(plugin, cert, 'QUJD', { encoding: 1 })).rejects.toEqual({ message: 'Операция была отменена пользователем. (0x8010006E)' });
  });

  it('applies a scenario to one certificate only when given its thumbprint, and clears it with "ok"', async () => {
    const demo = createDemoCertificates();
    const handle = await install({ certificates: [demo.director, demo.otherCompanyDirector] });
    handle.setScenario('token-removed', { thumbprint: demo.director.thumbprint.toLowerCase() });
    const director = await certificateByThumbprint(handle.plugin, demo.director.thumbprint);
    const other = await certificateByThumbprint(handle.plugin, demo.otherCompanyDirector.thumbprint);
    expect(hresultOf(await rejectionOf(sign(handle.plugin, director, 'QUJD', { encoding: 1 })))).toBe('0x8000FFFF');
    await expect(sign(handle.plugin, other, 'QUJD', { encoding: 1 })).resolves.toMatch(/^MI/);
    handle.setScenario('ok', { thumbprint: demo.director.thumbprint });
    await expect(sign(handle.plugin, director, 'QUJD', { encoding: 1 })).resolves.toMatch(/^MI/);
  });

  it('takes per-certificate scenarios from the certificate list too', async () => {
    const demo = createDemoCertificates();
    const { plugin } = await install({ certificates: [{ certificate: demo.director, scenario: 'untrusted-root' }] });
    const cert = await certificateByThumbprint(plugin, demo.director.thumbprint);
    expect(await (await cert.IsValid()).Result).toBe(false);
  });

  it('makes IsValid().Result false when the chain does not build', async () => {
    const { plugin } = await install({ scenario: 'chain-not-trusted' });
    const cert = await certificateByThumbprint(plugin, createDemoCertificates().director.thumbprint);
    expect(await (await cert.IsValid()).Result).toBe(false);
  });

  it('signing with an expired certificate fails with CERT_E_EXPIRED, with a key-less one with 0x8009200B', async () => {
    const { plugin } = await install();
    const demo = createDemoCertificates();
    const expired = await certificateByThumbprint(plugin, demo.expiredDirector.thumbprint);
    expect(hresultOf(await rejectionOf(sign(plugin, expired, 'QUJD', { encoding: 1 })))).toBe('0x800B0101');
    const keyless = await certificateByThumbprint(plugin, demo.directorWithoutKey.thumbprint);
    expect(hresultOf(await rejectionOf(sign(plugin, keyless, 'QUJD', { encoding: 1 })))).toBe('0x8009200B');
  });

  it('outdated-plugin: reports an old version and refuses newer features with 0x80070057', async () => {
    const { plugin } = await install({ scenario: 'outdated-plugin' });
    const about = await plugin.CreateObjectAsync('CAdESCOM.About');
    expect(await about.Version).toBe('2.0.12245');
    const store = await plugin.CreateObjectAsync('CAdESCOM.Store');
    expect(hresultOf(await rejectionOf(store.Open(100, 'My', 2)))).toBe('0x80070057');
    const cert = await certificateByThumbprint(plugin, createDemoCertificates().director.thumbprint);
    const key = await cert.PrivateKey;
    expect(hresultOf(await rejectionOf(key.propset_CachePin(true)))).toBe('0x80070057');
    // Plain signing still works on an old plug-in.
    await expect(sign(plugin, cert, 'QUJD', { encoding: 1 })).resolves.toMatch(/^MI/);
  });

  it('plugin-missing: no extension at any id, so the loader rejects with "Плагин недоступен" and no object can be created', async () => {
    const { plugin, extension } = await install({ scenario: 'plugin-missing', loadTimeoutMs: 5_000 });
    await expect(Promise.resolve(plugin)).rejects.toBe('Плагин недоступен');
    expect(extension.scriptRequests).toHaveLength(2); // the old id, then the MV3 id: both fail
    expect(() => plugin.CreateObjectAsync('CAdESCOM.About')).toThrow(TypeError);
  });

  it('extension-silent: the echo is never answered, so the loader times out after window.cadesplugin_load_timeout', async () => {
    vi.useFakeTimers();
    window.cadesplugin_load_timeout = 1_000;
    try {
      mock = installCadesPluginMock({ scenario: 'extension-silent' });
      const outcome = Promise.resolve(mock.plugin).then(() => 'resolved', (e: unknown) => e);
      await vi.advanceTimersByTimeAsync(999);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toBe('Истекло время ожидания загрузки плагина');
    } finally {
      delete window.cadesplugin_load_timeout;
    }
  });

  it('extension-no-host: rejects promptly with "Плагин недоступен"', async () => {
    const { plugin } = await install({ scenario: 'extension-no-host' });
    await expect(Promise.resolve(plugin)).rejects.toBe('Плагин недоступен');
  });

  it('waits loadDelayMs (the native host answering the check) before resolving', async () => {
    const started = performance.now();
    const { plugin } = (mock = installCadesPluginMock({ loadDelayMs: 300 }));
    await plugin;
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });
});

describe('call log', () => {
  it('records each round trip with its kind, in order, and counts with a filter', async () => {
    const handle = await install();
    const store = await handle.plugin.CreateObjectAsync('CAdESCOM.Store');
    await store.Open(2, 'My', 2);
    const certs = await store.Certificates;
    await certs.Count;
    const cert = await certs.Item(1);
    const key = await cert.PrivateKey;
    await key.propset_CachePin(true);
    expect(handle.calls.map((c) => [c.target, c.member, c.kind])).toEqual([
      ['cadesplugin', 'CAdESCOM.Store', 'create'],
      ['Store', 'Open', 'call'],
      ['Store', 'Certificates', 'get'],
      ['Certificates', 'Count', 'get'],
      ['Certificates', 'Item', 'call'],
      ['Certificate', 'PrivateKey', 'get'],
      ['PrivateKey', 'CachePin', 'set'],
    ]);
    expect(handle.calls.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(handle.calls.every((c) => c.endedAt !== undefined && c.endedAt >= c.startedAt)).toBe(true);
    expect(handle.callCount()).toBe(7);
    expect(handle.callCount({ kind: 'get' })).toBe(3);
    expect(handle.callCount((c) => c.target === 'Store')).toBe(2);
    handle.resetCalls();
    expect(handle.callCount()).toBe(0);
    expect(handle.calls).toHaveLength(0);
  });

  it('records the HRESULT of a failed call', async () => {
    const handle = await install({ scenario: 'pin-cancelled' });
    const cert = await certificateByThumbprint(handle.plugin, createDemoCertificates().director.thumbprint);
    await rejectionOf(sign(handle.plugin, cert, 'QUJD', { encoding: 1 }));
    expect(handle.calls.find((c) => c.member === 'SignCades')?.hresult).toBe(0x8010006e);
  });

  it('measures concurrency: batched reads overlap, sequential ones do not', async () => {
    const handle = await install({ latencyMs: 5 });
    const cert = await certificateByThumbprint(handle.plugin, createDemoCertificates().director.thumbprint);
    handle.resetCalls();
    await cert.Thumbprint;
    await cert.SubjectName;
    expect(handle.maxConcurrency).toBe(1);
    handle.resetCalls();
    await Promise.all([cert.Thumbprint, cert.SubjectName, cert.ValidToDate, cert.HasPrivateKey(), cert.Export(0)]);
    expect(handle.maxConcurrency).toBe(5);
  });

  it('delays every call by the latency, adjustable at run time', async () => {
    const handle = await install({ latencyMs: 100 });
    vi.useFakeTimers();
    let done = false;
    const about = handle.plugin.CreateObjectAsync('CAdESCOM.About').then(() => (done = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await about;
    expect(done).toBe(true);
    handle.setLatency(0);
    await expect(handle.plugin.CreateObjectAsync('CAdESCOM.About')).resolves.toBeTypeOf('object');
  });
});

it('lets the latency depend on the call', async () => {
  const handle = await install({ latencyMs: (c) => (c.kind === 'create' ? 0 : 1_000) });
  vi.useFakeTimers();
  const about = await handle.plugin.CreateObjectAsync('CAdESCOM.About');
  let version: string | undefined;
  void about.Version.then((v) => (version = v));
  await vi.advanceTimersByTimeAsync(999);
  expect(version).toBeUndefined();
  await vi.advanceTimersByTimeAsync(1);
  expect(version).toBe('2.0.15400');
});

describe('PIN prompts', () => {
  async function signTwice(handle: CadesPluginMock, cachePin: boolean) {
    const cert = await certificateByThumbprint(handle.plugin, createDemoCertificates().director.thumbprint);
    if (cachePin) await (await cert.PrivateKey).propset_CachePin(true);
    await sign(handle.plugin, cert, 'QUJD', { encoding: 1 });
    await sign(handle.plugin, cert, 'QUJD', { encoding: 1 });
  }

  it('asks once per signature when the PIN is not cached', async () => {
    const handle = await install();
    await signTwice(handle, false);
    expect(handle.pinPrompts).toBe(2);
  });

  it('asks once per key and session with CachePin set', async () => {
    const handle = await install();
    await signTwice(handle, true);
    expect(handle.pinPrompts).toBe(1);
    handle.clearPinCache();
    const cert = await certificateByThumbprint(handle.plugin, createDemoCertificates().director.thumbprint);
    await sign(handle.plugin, cert, 'QUJD', { encoding: 1 });
    expect(handle.pinPrompts).toBe(2);
  });

  it('does not cache when the plug-in lacks PIN caching', async () => {
    const handle = await install({ pinCaching: false });
    await signTwice(handle, true);
    expect(handle.pinPrompts).toBe(2);
  });

  it('does not prompt when the page supplies KeyPin', async () => {
    const handle = await install();
    const cert = await certificateByThumbprint(handle.plugin, createDemoCertificates().director.thumbprint);
    const signer = await handle.plugin.CreateObjectAsync('CAdESCOM.CPSigner');
    await signer.propset_Certificate(cert);
    await signer.propset_KeyPin('12345678');
    const signedData = await handle.plugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
    await signedData.propset_Content('x');
    await signedData.SignCades(signer, 1, false, 0);
    expect(handle.pinPrompts).toBe(0);
  });

  it('counts the prompt the user cancelled', async () => {
    const handle = await install({ scenario: 'pin-cancelled' });
    const cert = await certificateByThumbprint(handle.plugin, createDemoCertificates().director.thumbprint);
    await rejectionOf(sign(handle.plugin, cert, 'QUJD', { encoding: 1 }));
    expect(handle.pinPrompts).toBe(1);
  });
});

describe('certificates of the handle', () => {
  it('is live: a certificate pushed later is listed', async () => {
    const demo = createDemoCertificates();
    const handle = await install({ certificates: [demo.director] });
    handle.certificates.push({ certificate: demo.entrepreneur });
    const certs = await (await openStore(handle.plugin)).Certificates;
    expect(await certs.Count).toBe(2);
  });
});

describe('the access confirmation', () => {
  it("access-cancelled: the user answers No to the plug-in's access dialog — Store.Open rejects with (0x000004C7)", async () => {
    const { plugin } = await install({ scenario: 'access-cancelled' });
    const store = await plugin.CreateObjectAsync('CAdESCOM.Store');
    expect(hresultOf(await rejectionOf(store.Open(2, 'My', 2)))).toBe('0x000004C7');
  });
});

describe('the extension channel', () => {
  it('answers calls in the order they were sent, even when a later call would be quicker', async () => {
    const handle = await install({ latencyMs: (c) => (c.member === 'Version' ? 60 : 1) });
    const about = await handle.plugin.CreateObjectAsync('CAdESCOM.About');
    const order: string[] = [];
    await Promise.all([
      about.Version.then(() => order.push('Version (slow, sent first)')),
      handle.plugin.CreateObjectAsync('CAdESCOM.Store').then(() => order.push('Store (quick, sent second)')),
    ]);
    expect(order).toEqual(['Version (slow, sent first)', 'Store (quick, sent second)']);
    expect(handle.maxConcurrency).toBe(2); // both were in flight together all the same
  });
});
