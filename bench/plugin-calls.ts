import { inspectCms } from '../src/cms/index.js';
import { signBatch } from '../src/plugin/index.js';
import { round, type BenchSection, type Figures } from './context.js';
import { pluginPage, type PluginPage } from './plugin-env.js';

/** Certificate counts the call-count line is fitted over: calls = fixed + perCertificate · N. */
const SMALL = 10;
const LARGE = 100;
/** Documents in the batch figures (issue 8: a sitting of several applications, one certificate). */
export const BATCH_SIZE = 20;

/** What a partner signs: the base64 text of an OFD application document (the spec signs that text). */
export const SAMPLE_DOCUMENT = Buffer.from(
  `<?xml version="1.0" encoding="windows-1251"?><Файл ИдФайл="KKT_REG">${'<Документ КНД="1110061"/>'.repeat(40)}</Файл>`,
).toString('base64');

interface Counted {
  calls: number;
  maxConcurrency: number;
}

/**
 * Round trips to the plug-in, read from the emulator's call log, each operation on a freshly
 * installed emulator and a fresh adapter (so nothing is answered from an earlier run's objects).
 */
export const pluginCallsSection: BenchSection = {
  name: 'plugin',
  async run(context) {
    const page = pluginPage(1000);
    const figures: Figures = {};

    const ours = { small: await countOursList(page, SMALL), large: await countOursList(page, LARGE) };
    const theirs = { small: await countCryptoProList(page, SMALL), large: await countCryptoProList(page, LARGE) };
    const fit = (small: number, large: number): { fixed: number; perCertificate: number } => {
      const perCertificate = (large - small) / (LARGE - SMALL);
      return { fixed: round(small - perCertificate * SMALL, 2), perCertificate: round(perCertificate, 2) };
    };
    const oursFit = fit(ours.small.calls, ours.large.calls);
    const theirFit = fit(theirs.small.calls, theirs.large.calls);
    figures['plugin.list_calls_fixed'] = oursFit.fixed;
    figures['plugin.list_calls_per_certificate'] = oursFit.perCertificate;
    figures['plugin.list_max_concurrency'] = ours.large.maxConcurrency;
    figures['plugin.crypto_pro_list_calls_fixed'] = theirFit.fixed;
    figures['plugin.crypto_pro_list_calls_per_certificate'] = theirFit.perCertificate;
    figures['plugin.crypto_pro_list_max_concurrency'] = theirs.large.maxConcurrency;

    const sign = await countOursSign(page);
    const theirSign = await countCryptoProSign(page);
    figures['plugin.sign_calls_per_document'] = sign.first.calls;
    figures['plugin.sign_max_concurrency'] = sign.first.maxConcurrency;
    figures['plugin.sign_calls_next_document'] = sign.next.calls;
    figures['plugin.sign_calls_without_listing'] = sign.withoutListing.calls;
    figures['plugin.crypto_pro_sign_calls_per_document'] = theirSign.calls;
    figures['plugin.crypto_pro_sign_max_concurrency'] = theirSign.maxConcurrency;
    const batch = await countOursBatch(page);
    const theirBatch = await countCryptoProBatch(page);
    figures['plugin.sign_calls_per_extra_document'] = batch.perExtraDocument;
    figures['plugin.batch_20_calls'] = batch.total;
    figures['plugin.batch_20_pin_prompts'] = batch.pinPrompts;
    figures['plugin.crypto_pro_sign_calls_per_extra_document'] = theirBatch.perExtraDocument;
    figures['plugin.crypto_pro_batch_20_calls'] = theirBatch.total;
    figures['plugin.crypto_pro_batch_20_pin_prompts'] = theirBatch.pinPrompts;
    context.log(`plugin: batch of ${BATCH_SIZE} ${JSON.stringify(batch)} vs crypto-pro ${JSON.stringify(theirBatch)}`);
    context.log(`plugin: list ${JSON.stringify(ours)} vs crypto-pro ${JSON.stringify(theirs)}`);
    context.log(`plugin: sign ${JSON.stringify(sign)} vs crypto-pro ${JSON.stringify(theirSign)}`);
    return figures;
  },
};

/** Calls made by `operation` on a freshly installed emulator offering `n` certificates, after `before` ran. */
async function counted(
  page: PluginPage,
  n: number,
  operation: (installed: ReturnType<PluginPage['install']>) => Promise<unknown>,
  before: (installed: ReturnType<PluginPage['install']>) => Promise<unknown> = async () => undefined,
): Promise<Counted> {
  const installed = page.install(n, 0);
  await before(installed);
  installed.mock.resetCalls();
  await operation(installed);
  return { calls: installed.mock.callCount(), maxConcurrency: installed.mock.maxConcurrency };
}

async function countOursList(page: PluginPage, n: number): Promise<Counted> {
  return counted(page, n, async ({ adapter }) => {
    const listed = await adapter.listCertificates();
    if (listed.length !== n) throw new Error(`ofd-signer listed ${listed.length} certificates, expected ${n}`);
  });
}

async function countCryptoProList(page: PluginPage, n: number): Promise<Counted> {
  return counted(page, n, async () => {
    // resetCache: crypto-pro otherwise answers from its module-level cache without asking the plug-in.
    const listed = await page.cryptoPro.getUserCertificates(true);
    if (listed.length !== n) throw new Error(`crypto-pro listed ${listed.length} certificates, expected ${n}`);
  });
}

/** Both sides must produce an attached CMS over the same bytes (the document's text), or the counts compare different work. */
export function checkAttached(who: string, cmsBase64: string): void {
  const info = inspectCms(cmsBase64);
  if (!info.isSignedData || !info.attached || !info.content || !Buffer.from(info.content).equals(Buffer.from(SAMPLE_DOCUMENT))) {
    throw new Error(`${who} did not produce an attached signature over the document`);
  }
}

/**
 * Ours, the way the widget signs: the certificate list was read (the user chose from it), then the
 * first document is signed. Also the next document with the same certificate (the adapter keeps its
 * CPSigner), and a sign with no listing before it (the adapter must find the certificate itself).
 */
async function countOursSign(page: PluginPage): Promise<{ first: Counted; next: Counted; withoutListing: Counted }> {
  const thumbprint = page.certificates(1)[0]!.thumbprint;
  const sign = async ({ adapter }: ReturnType<PluginPage['install']>): Promise<void> => {
    checkAttached('ofd-signer', await adapter.sign(SAMPLE_DOCUMENT, { thumbprint }));
  };
  const listed = async ({ adapter }: ReturnType<PluginPage['install']>): Promise<void> => {
    await adapter.listCertificates();
  };
  return {
    first: await counted(page, SMALL, sign, listed),
    next: await counted(page, SMALL, sign, async (installed) => {
      await listed(installed);
      await sign(installed);
    }),
    withoutListing: await counted(page, SMALL, sign),
  };
}

/** crypto-pro looks the certificate up by thumbprint on every signature, listed or not. */
async function countCryptoProSign(page: PluginPage): Promise<Counted> {
  const thumbprint = page.certificates(1)[0]!.thumbprint;
  return counted(
    page,
    SMALL,
    async () => checkAttached('crypto-pro', await page.cryptoPro.createAttachedSignature(thumbprint, SAMPLE_DOCUMENT)),
    () => page.cryptoPro.getUserCertificates(true),
  );
}

interface BatchCount {
  /** Calls for each document after the first: (all calls − calls up to the first signature) / (N − 1). */
  perExtraDocument: number;
  /** All calls of the batch after listing, `cachePin()` included for ours. */
  total: number;
  pinPrompts: number;
}

/**
 * Ours as the widget signs a sitting: the list was read, then `signBatch()` asks CryptoPro to keep the PIN and signs
 * BATCH_SIZE documents with one certificate. The count at the first `onSigned` splits first from extra documents.
 */
async function countOursBatch(page: PluginPage): Promise<BatchCount> {
  const thumbprint = page.certificates(1)[0]!.thumbprint;
  const { mock, adapter } = page.install(SMALL, 0);
  await adapter.listCertificates();
  mock.resetCalls();
  let upToFirst = 0;
  const documents = Array.from({ length: BATCH_SIZE }, (_, i) => ({ id: String(i), content: SAMPLE_DOCUMENT }));
  const result = await signBatch(adapter, documents, {
    thumbprint,
    onSigned: ({ index, signature }) => {
      if (index === 0) upToFirst = mock.callCount();
      if (index === 0 || index === BATCH_SIZE - 1) checkAttached('ofd-signer', signature);
    },
  });
  if (result.signed.length !== BATCH_SIZE) throw new Error(`ofd-signer signed ${result.signed.length} of ${BATCH_SIZE} documents`);
  const total = mock.callCount();
  return { perExtraDocument: round((total - upToFirst) / (BATCH_SIZE - 1), 2), total, pinPrompts: mock.pinPrompts };
}

/** crypto-pro has no batch call: one `createAttachedSignature` per document, the certificate looked up each time. */
async function countCryptoProBatch(page: PluginPage): Promise<BatchCount> {
  const thumbprint = page.certificates(1)[0]!.thumbprint;
  const { mock } = page.install(SMALL, 0);
  await page.cryptoPro.getUserCertificates(true);
  mock.resetCalls();
  let upToFirst = 0;
  for (let i = 0; i < BATCH_SIZE; i += 1) {
    const signature = await page.cryptoPro.createAttachedSignature(thumbprint, SAMPLE_DOCUMENT);
    if (i === 0) {
      upToFirst = mock.callCount();
      checkAttached('crypto-pro', signature);
    }
  }
  const total = mock.callCount();
  return { perExtraDocument: round((total - upToFirst) / (BATCH_SIZE - 1), 2), total, pinPrompts: mock.pinPrompts };
}
