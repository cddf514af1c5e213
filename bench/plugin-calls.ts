import { inspectCms } from '../src/cms/index.js';
import { round, type BenchSection, type Figures } from './context.js';
import { pluginPage, type PluginPage } from './plugin-env.js';

/** Certificate counts the call-count line is fitted over: calls = fixed + perCertificate · N. */
const SMALL = 10;
const LARGE = 100;

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
