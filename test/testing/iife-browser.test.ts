// The IIFE build in a real browser, loaded the way a Playwright test would (addInitScript), signing for real.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes, opensslCmsVerify } from './helpers/openssl.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('dist/ofd-signer-emulator.iife.js in Chromium', () => {
  let outDir: string;
  let browser: Browser;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'ofd-signer-iife-'));
    await build({ configFile: 'vite.emulator.config.ts', logLevel: 'silent', build: { outDir } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('installs from an init script and produces a signature OpenSSL verifies', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('https://partner.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>partner</title>' }),
    );
    await page.addInitScript({ path: join(outDir, 'ofd-signer-emulator.iife.js') });
    await page.addInitScript(() => {
      (window as unknown as { mock: unknown }).mock = (
        window as unknown as { OfdSignerTesting: { installCadesPluginMock(): unknown } }
      ).OfdSignerTesting.installCadesPluginMock();
    });
    await page.goto('https://partner.example/sign');
    const result = await page.evaluate(async () => {
      const plugin = window.cadesplugin!;
      await plugin;
      // The constants are the loader's (ours, which the emulator runs on top of the emulated extension).
      const c = plugin as unknown as Record<string, number>;
      const store = await plugin.CreateObjectAsync('CAdESCOM.Store');
      await store.Open(c.CAPICOM_CURRENT_USER_STORE, plugin.CAPICOM_MY_STORE, c.CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED);
      const certs = await (await (await store.Certificates).Find(c.CAPICOM_CERTIFICATE_FIND_TIME_VALID!)).Find(
        c.CAPICOM_CERTIFICATE_FIND_EXTENDED_PROPERTY!,
        2, // CAPICOM_PROPID_KEY_PROV_INFO: no loader names it
      );
      const cert = await certs.Item(1);
      const signer = await plugin.CreateObjectAsync('CAdESCOM.CPSigner');
      await signer.propset_Certificate(cert);
      const signedData = await plugin.CreateObjectAsync('CAdESCOM.CadesSignedData');
      await signedData.propset_ContentEncoding(c.CADESCOM_BASE64_TO_BINARY!);
      await signedData.propset_Content(btoa('<Application/>'));
      const signature = await signedData.SignCades(signer, c.CADESCOM_CADES_BES, false, 0);
      const testing = (window as unknown as { OfdSignerTesting: { createDemoCertificates(): { ca: { pem: string } } } }).OfdSignerTesting;
      return {
        count: await certs.Count,
        signature,
        caPem: testing.createDemoCertificates().ca.pem,
        leakedGlobal: typeof (globalThis as { global?: unknown }).global,
        calls: (window as unknown as { mock: { calls: unknown[] } }).mock.calls.length,
      };
    });
    expect(errors).toEqual([]);
    expect(result.count).toBe(1);
    expect(result.leakedGlobal).toBe('undefined');
    expect(result.calls).toBeGreaterThan(8);
    const verify = opensslCmsVerify(base64ToBytes(result.signature), result.caPem);
    expect(verify.status, verify.stderr).toBe(0);
    await page.close();
  });
});
