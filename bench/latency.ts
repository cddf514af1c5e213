import { median, round, type BenchContext, type BenchSection, type Figures } from './context.js';
import { signBatch } from '../src/plugin/index.js';
import { BATCH_SIZE, SAMPLE_DOCUMENT } from './plugin-calls.js';
import { pluginPage, type PluginPage } from './plugin-env.js';

/** A realistic plug-in: every round trip through the extension and native host costs ~2 ms. */
const LATENCY_MS = 2;
const SIZES = [10, 100, 1000] as const;

/** Runs `operation` `runs` times and returns the median wall time in ms. */
async function timed(runs: number, operation: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await operation();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Wall time of listing and signing with the emulator answering every call after 2 ms, ours and
 * crypto-pro's on the same page. Sequential round trips add up; concurrent ones overlap.
 */
export const latencySection: BenchSection = {
  name: 'latency',
  async run(context: BenchContext) {
    const page = pluginPage(1000);
    const figures: Figures = {};
    for (const n of SIZES) {
      const runs = n === 1000 ? (context.quick ? 1 : 3) : context.quick ? 2 : 7;
      figures[`latency.list_${n}_ms`] = round(await listLatency(page, n, runs, 'ours'), 1);
      if (n === 1000 && context.quick) {
        // crypto-pro makes its calls one after another (the call log shows one in flight at most), so its
        // time is a straight line in N; --quick extends the 10 → 100 line instead of waiting ~20 s for 1000.
        const small = figures['latency.crypto_pro_list_10_ms']!;
        const large = figures['latency.crypto_pro_list_100_ms']!;
        figures['latency.crypto_pro_list_1000_ms'] = round(large + ((large - small) / 90) * 900, 1);
        figures['latency.crypto_pro_list_1000_extrapolated'] = 1;
      } else {
        figures[`latency.crypto_pro_list_${n}_ms`] = round(await listLatency(page, n, runs, 'crypto-pro'), 1);
      }
      context.log(`latency: list ${n}: ${figures[`latency.list_${n}_ms`]} ms vs crypto-pro ${figures[`latency.crypto_pro_list_${n}_ms`]} ms`);
    }
    const signRuns = context.quick ? 3 : 9;
    const thumbprint = page.certificates(1)[0]!.thumbprint;
    figures['latency.sign_ms'] = round(await firstSignLatency(page, thumbprint, signRuns, LATENCY_MS), 1);
    {
      // The next document with the same certificate: the adapter reuses its CPSigner.
      const { adapter } = page.install(10, LATENCY_MS);
      await adapter.listCertificates();
      await adapter.sign(SAMPLE_DOCUMENT, { thumbprint });
      figures['latency.sign_next_document_ms'] = round(await timed(signRuns, () => adapter.sign(SAMPLE_DOCUMENT, { thumbprint })), 1);
    }
    {
      page.install(10, LATENCY_MS);
      await page.cryptoPro.getUserCertificates(true);
      await page.cryptoPro.createAttachedSignature(thumbprint, SAMPLE_DOCUMENT);
      figures['latency.crypto_pro_sign_ms'] = round(await timed(signRuns, () => page.cryptoPro.createAttachedSignature(thumbprint, SAMPLE_DOCUMENT)), 1);
    }
    {
      // A sitting: BATCH_SIZE documents with one certificate after the list was read, cachePin() included.
      const documents = Array.from({ length: BATCH_SIZE }, (_, i) => ({ id: String(i), content: SAMPLE_DOCUMENT }));
      const batchRuns = context.quick ? 1 : 3;
      figures['latency.batch_20_ms'] = round(
        await timedAfter(batchRuns, async () => {
          const { adapter } = page.install(10, LATENCY_MS);
          await adapter.listCertificates();
          return async () => {
            const result = await signBatch(adapter, documents, { thumbprint });
            if (result.signed.length !== BATCH_SIZE) throw new Error(`batch signed ${result.signed.length} of ${BATCH_SIZE}`);
          };
        }),
        1,
      );
      figures['latency.crypto_pro_batch_20_ms'] = round(
        await timedAfter(batchRuns, async () => {
          page.install(10, LATENCY_MS);
          await page.cryptoPro.getUserCertificates(true);
          return async () => {
            for (const document of documents) await page.cryptoPro.createAttachedSignature(thumbprint, document.content);
          };
        }),
        1,
      );
      context.log(`latency: batch of ${BATCH_SIZE}: ${figures['latency.batch_20_ms']} ms vs crypto-pro ${figures['latency.crypto_pro_batch_20_ms']} ms`);
    }
    // The same first signature with no plug-in latency: what the emulator's real GOST arithmetic costs by itself.
    figures['latency.sign_at_0ms_ms'] = round(await firstSignLatency(page, thumbprint, signRuns, 0), 1);
    figures['latency.plugin_call_ms'] = LATENCY_MS;
    await page.close();
    return figures;
  },
};

/** The widget's first signature: the list was read (untimed), then one document is signed (timed). */
async function firstSignLatency(page: PluginPage, thumbprint: string, runs: number, latencyMs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const { adapter } = page.install(10, latencyMs);
    await adapter.listCertificates();
    const started = performance.now();
    await adapter.sign(SAMPLE_DOCUMENT, { thumbprint });
    // The first round warms the code paths and is not counted.
    if (i > 0) times.push(performance.now() - started);
  }
  return median(times);
}

/** Median of `runs` timings of the operation `prepare` returns; the preparation itself is not timed. */
async function timedAfter(runs: number, prepare: () => Promise<() => Promise<unknown>>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const operation = await prepare();
    const started = performance.now();
    await operation();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function listLatency(page: PluginPage, n: number, runs: number, who: 'ours' | 'crypto-pro'): Promise<number> {
  const { adapter } = page.install(n, LATENCY_MS);
  const list = who === 'ours' ? () => adapter.listCertificates() : () => page.cryptoPro.getUserCertificates(true);
  // Warm-up, except where one run takes seconds and JIT warm-up is lost in it anyway.
  if (who === 'ours' || n < 100) await list();
  return timed(runs, list);
}
