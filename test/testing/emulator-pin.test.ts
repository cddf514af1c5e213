// The PIN model under each caching behaviour, and a PIN dialog cancelled on the k-th prompt.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoCertificates, installCadesPluginMock, type CadesPluginMock } from '../../src/testing/index.js';
import { certificateByThumbprint, hresultOf, rejectionOf, sign } from './helpers/plugin.js';

let mock: CadesPluginMock | undefined;
afterEach(() => {
  mock?.uninstall();
  mock = undefined;
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

const director = () => createDemoCertificates().director;

async function keyOf(handle: CadesPluginMock, thumbprint = director().thumbprint) {
  const cert = await certificateByThumbprint(handle.plugin, thumbprint);
  return { cert, key: await cert.PrivateKey };
}

async function signTimes(handle: CadesPluginMock, count: number, thumbprint = director().thumbprint) {
  const cert = await certificateByThumbprint(handle.plugin, thumbprint);
  const results: (string | { message: string })[] = [];
  for (let i = 0; i < count; i++) {
    results.push(await sign(handle.plugin, cert, 'QUJD', { encoding: 1 }).catch((e: { message: string }) => e));
  }
  return results;
}

describe('PIN caching behaviours', () => {
  it('caching allowed: CachePin reads back true and twenty signatures ask once', async () => {
    const handle = await install();
    const { key } = await keyOf(handle);
    await key.propset_CachePin(true);
    expect(await key.CachePin).toBe(true);
    const results = await signTimes(handle, 20);
    expect(results.every((r) => typeof r === 'string')).toBe(true);
    expect(handle.pinPrompts).toBe(1);
  });

  it('pinCaching false: the setter is accepted, CachePin reads back false, a prompt per signature', async () => {
    const handle = await install({ pinCaching: false });
    const { key } = await keyOf(handle);
    await key.propset_CachePin(true);
    expect(await key.CachePin).toBe(false);
    await signTimes(handle, 5);
    expect(handle.pinPrompts).toBe(5);
  });

  it("'refused': the token refuses with 0x80100022, a prompt per signature", async () => {
    const handle = await install({ pinCaching: 'refused' });
    const { key } = await keyOf(handle);
    expect(hresultOf(await rejectionOf(key.propset_CachePin(true)))).toBe('0x80100022');
    await signTimes(handle, 3);
    expect(handle.pinPrompts).toBe(3);
  });

  it("'missing': an older plug-in's PrivateKey has no CachePin members at all", async () => {
    const handle = await install({ pinCaching: 'missing' });
    const { key } = await keyOf(handle);
    expect(typeof key.propset_CachePin).toBe('undefined');
    expect(key.CachePin).toBeUndefined();
    expect(await key.ContainerName).toMatch(/^ofd-signer-test-/);
  });

  it("'outdated-plugin': the setter fails with 0x80070057 and each signature prompts", async () => {
    const handle = await install({ scenario: 'outdated-plugin' });
    const { key } = await keyOf(handle);
    expect(hresultOf(await rejectionOf(key.propset_CachePin(true)))).toBe('0x80070057');
    await signTimes(handle, 3);
    expect(handle.pinPrompts).toBe(3);
  });

  it('per certificate: one token refuses while the other caches; setPinCaching switches later keys', async () => {
    const demo = createDemoCertificates();
    const handle = await install({
      certificates: [{ certificate: demo.director, pinCaching: 'refused' }, demo.otherCompanyDirector],
    });
    const refusing = await keyOf(handle, demo.director.thumbprint);
    await rejectionOf(refusing.key.propset_CachePin(true));
    const other = await keyOf(handle, demo.otherCompanyDirector.thumbprint);
    await other.key.propset_CachePin(true);
    await signTimes(handle, 3, demo.director.thumbprint);
    await signTimes(handle, 3, demo.otherCompanyDirector.thumbprint);
    expect(handle.pinPrompts).toBe(3 + 1);

    handle.setPinCaching(false);
    handle.clearPinCache();
    await signTimes(handle, 2, demo.otherCompanyDirector.thumbprint);
    expect(handle.pinPrompts).toBe(4 + 2);
  });
});

describe('pin-cancelled / pin-blocked on the k-th prompt', () => {
  it('afterPrompts 6 without caching: six signatures, the seventh and later cancelled', async () => {
    const handle = await install();
    handle.setScenario('pin-cancelled', { afterPrompts: 6 });
    const results = await signTimes(handle, 9);
    expect(results.slice(0, 6).every((r) => typeof r === 'string')).toBe(true);
    expect(results.slice(6).map((r) => (typeof r === 'string' ? r : hresultOf(r)))).toEqual([
      '0x8010006E', '0x8010006E', '0x8010006E',
    ]);
    expect(handle.pinPrompts).toBe(9);
    handle.setScenario('ok');
    expect(typeof (await signTimes(handle, 1))[0]).toBe('string');
  });

  it('with the PIN cached there is no dialog to cancel: nothing fails', async () => {
    const handle = await install();
    const { key } = await keyOf(handle);
    await key.propset_CachePin(true);
    handle.setScenario('pin-cancelled', { afterPrompts: 1 });
    const results = await signTimes(handle, 5);
    expect(results.every((r) => typeof r === 'string')).toBe(true);
    expect(handle.pinPrompts).toBe(1);
  });

  it('afterPrompts 0 cancels the first dialog; per thumbprint it leaves other certificates alone', async () => {
    const demo = createDemoCertificates();
    const handle = await install({ certificates: [demo.director, demo.otherCompanyDirector] });
    handle.setScenario('pin-blocked', { thumbprint: demo.director.thumbprint, afterPrompts: 0 });
    const [blocked] = await signTimes(handle, 1, demo.director.thumbprint);
    expect(hresultOf(blocked)).toBe('0x8010006C');
    const [fine] = await signTimes(handle, 1, demo.otherCompanyDirector.thumbprint);
    expect(typeof fine).toBe('string');
  });

  it('without afterPrompts the scenario fails every signature, as before', async () => {
    const handle = await install({ scenario: 'pin-cancelled' });
    const results = await signTimes(handle, 2);
    expect(results.every((r) => hresultOf(r) === '0x8010006E')).toBe(true);
  });
});
