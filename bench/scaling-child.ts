/**
 * Signs contents of the given sizes, in order, through adapter + emulator with no plug-in latency,
 * then reads each CMS back with `inspectCms` and verifies it (Streebog of the content, GOST signature) with
 * `verifyCmsSignature`, the mock OFD's check. Peak memory per size comes from a sampler thread
 * (bench/rss-sampler.mjs) that watches the process's RSS while the signature is being made.
 */
import { Window as HappyDomWindow } from 'happy-dom';
import { base64ToBytes, inspectCms } from '../src/cms/index.js';
import { verifyCmsSignature } from '../src/cms/verify.js';
import type { CadesPluginGlobal } from '../src/plugin/cadesplugin-types.js';
import { createCryptoProAdapter } from '../src/plugin/index.js';
import { createTestCertificates } from '../src/testing/certificates.js';
import { installCadesPluginMock } from '../src/testing/index.js';
import { Worker } from 'node:worker_threads';
import { tellParent } from './child.js';

const sizes = process.argv.slice(2).map(Number);

/** A base64 document of exactly `length` characters (what OFD sends as `Content`). */
function documentOfLength(length: number): string {
  const raw = Buffer.alloc(Math.ceil((length * 3) / 4));
  for (let i = 0; i < raw.length; i += 1) raw[i] = (i * 131 + 7) & 0xff;
  return raw.toString('base64').slice(0, length - (length % 4));
}

export interface SizeRun {
  sizeBytes: number;
  signMs: number;
  inspectMs: number;
  /** verifyCmsSignature on the inspected CMS (not part of totalMs). */
  verifyMs: number;
  totalMs: number;
  peakAboveStartMb: number;
  peakRssMb: number;
  cmsBytes: number;
}

async function main(): Promise<void> {
  // The emulator plays the extension on a page (script elements, postMessage) and a loader sets up `cadesplugin`.
  const window = new HappyDomWindow({ url: 'https://localhost/' }) as unknown as Window;
  const [certificate] = createTestCertificates(1, { subject: { CN: 'Романова Анна Сергеевна', C: 'RU' } });
  const mock = installCadesPluginMock({ certificates: [certificate!], latencyMs: 0, window });
  const plugin = (window as unknown as { cadesplugin: CadesPluginGlobal }).cadesplugin;
  const adapter = createCryptoProAdapter({ plugin });
  const thumbprint = certificate!.thumbprint;

  // Warm up the code paths (JIT, key setup) on a small document before anything is measured.
  inspectCms(await adapter.sign(documentOfLength(1024), { thumbprint }));

  const peakKib = new Int32Array(new SharedArrayBuffer(4));
  const sampler = new Worker(new URL('./rss-sampler.mjs', import.meta.url), { workerData: peakKib.buffer });
  await new Promise((resolve) => sampler.once('online', resolve));

  const runs: SizeRun[] = [];
  for (const sizeBytes of sizes) {
    const content = documentOfLength(sizeBytes);
    const rssBefore = process.memoryUsage().rss;
    Atomics.store(peakKib, 0, Math.round(rssBefore / 1024));
    const started = performance.now();
    const cms = await adapter.sign(content, { thumbprint });
    const signedAt = performance.now();
    const info = inspectCms(cms);
    const finished = performance.now();
    const verification = await verifyCmsSignature(info);
    const verifiedAt = performance.now();
    if (!verification.valid) throw new Error(`the CMS for ${sizeBytes} bytes does not verify: ${verification.reason}`);
    // Give the sampler one more tick to see the last allocations.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const peakRss = Math.max(Atomics.load(peakKib, 0) * 1024, process.memoryUsage().rss);

    // The signature must carry exactly the content, or the timing measured something else.
    if (!info.attached || !info.content || !Buffer.from(content, 'latin1').equals(Buffer.from(info.content))) {
      throw new Error(`the CMS for ${sizeBytes} bytes does not carry the content`);
    }
    runs.push({
      sizeBytes,
      signMs: signedAt - started,
      inspectMs: finished - signedAt,
      verifyMs: verifiedAt - finished,
      totalMs: finished - started,
      peakAboveStartMb: Math.max(0, peakRss - rssBefore) / 2 ** 20,
      peakRssMb: peakRss / 2 ** 20,
      cmsBytes: base64ToBytes(cms).length,
    });
  }
  tellParent({ type: 'ready', runs });
  await sampler.terminate();
  mock.uninstall();
}

try {
  await main();
} catch (error) {
  tellParent({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
}
