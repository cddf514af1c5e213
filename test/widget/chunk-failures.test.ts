/**
 * A chunk beside the embed file that does not arrive (offline, a CDN 404, a deploy that renamed the hashed chunks):
 * what the user sees, that nothing is sent, and that "Повторить" fetches it again and the journey goes on.
 * The failure goes in through the widget's one way of fetching chunks (`setChunkFetch`); a chunk, once arrived, is
 * kept for the page's life, so each test makes a chunk fail the first time it is needed and says which attempt it is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setChunkFetch, type ChunkName } from '../../src/widget/lazy.js';
import { createBatchWorld, type BatchWorld } from './batch-world.js';
import { createSigningWorld, type SigningWorld } from './signing-world.js';

/** How many more times each chunk fails; every attempt to fetch one, in order. */
const failing = new Map<ChunkName, number>();
const attempts: ChunkName[] = [];
setChunkFetch((name, load) => {
  attempts.push(name);
  const left = failing.get(name) ?? 0;
  if (left === 0) return load();
  failing.set(name, left - 1);
  // What a browser rejects `import()` with when the file is not there.
  return Promise.reject(new TypeError(`Failed to fetch dynamically imported module: https://cdn.example/ofd-signer/chunks/${name}-0a1b2c3d.js`));
});
const attemptsOf = (name: ChunkName) => attempts.filter((n) => n === name).length;

let world: SigningWorld | undefined;
let batchWorld: BatchWorld | undefined;
afterEach(() => {
  world?.dispose();
  batchWorld?.dispose();
  world = batchWorld = undefined;
  failing.clear();
  localStorage.clear();
  sessionStorage.clear();
});

const REPORT = { dateTime: '2026-01-15T10:30', documentNumber: '1', fiscalSign: '1234567890' };
const NOT_LOADED = 'Часть формы не загрузилась. Проверьте связь и нажмите «Повторить» или обновите страницу.';

/** No stack, no file name, no browser wording in what the user reads. */
function expectNoTechnicalText(text: string): void {
  expect(text).not.toMatch(/TypeError|Failed to fetch|\.js|\bat\s|chunk/i);
}

describe('a chunk that does not arrive', () => {
  it('journey, plug-in side, report form: each says so, sends nothing, and "Повторить" fetches it again', async () => {
    failing.set('journey', 1).set('plugin', 1).set('report', 1);
    world = createSigningWorld();
    const signer = world.harness;

    // The shell's own screen: the journey's chunk did not arrive.
    await signer.waitFor(() => signer.step === 'error', 'the journey chunk to fail');
    expect(attemptsOf('journey')).toBe(1);
    expect(signer.heading()).toBe('Не получилось');
    expect(signer.alertText()).toBe(NOT_LOADED);
    expectNoTechnicalText(signer.text());
    expect(signer.eventsOf('ofd-error').map((e) => [e.detail.code, e.detail.message])).toEqual([['CHUNK_UNAVAILABLE', NOT_LOADED]]);
    expect(world.control.calls()).toEqual([]);

    await signer.press('Повторить');
    // The journey goes on: the application is read, then the plug-in side is needed — and does not arrive either.
    await signer.waitFor(() => signer.step === 'plugin' && signer.alertText() !== '', 'the plug-in chunk to fail');
    expect(attemptsOf('journey')).toBe(2);
    expect(attemptsOf('plugin')).toBe(1);
    expect(signer.alertText()).toBe(NOT_LOADED);
    // Not a plug-in problem: no CryptoPro checklist sending the user to install what is installed.
    expect(signer.text()).not.toContain('КриптоПро');
    expectNoTechnicalText(signer.text());
    expect(signer.eventsOf('ofd-error').map((e) => e.detail.code)).toEqual(['CHUNK_UNAVAILABLE', 'CHUNK_UNAVAILABLE']);
    expect(world.signCalls()).toBe(0);

    await signer.press('Повторить');
    expect(await signer.usableCertificates()).toEqual(['Романова Анна Сергеевна']);
    expect(attemptsOf('plugin')).toBe(2);
    await signer.chooseCertificate('Романова');
    await signer.signAll();

    // FNS asks for the registration report: its form's chunk does not arrive.
    await signer.waitFor(() => signer.step === 'report' && signer.alertText() !== '', 'the report chunk to fail');
    expect(attemptsOf('report')).toBe(1);
    expect(signer.alertText()).toBe(NOT_LOADED);
    expect(signer.element.shadowRoot!.querySelector('form')).toBeNull();
    const edits = world.control.calls().filter((c) => c.route === 'edit').length;

    await signer.press('Повторить');
    await signer.waitFor(() => signer.element.shadowRoot!.querySelector('form'), 'the report form');
    expect(attemptsOf('report')).toBe(2);
    // Nothing of the report was sent while its form was missing.
    expect(world.control.calls().filter((c) => c.route === 'edit').length).toBe(edits);
    await signer.fillReport(REPORT);
    await signer.signAll();
    await signer.waitForStatus('Approved');
    expect(world.signCalls()).toBe(2);
  });

  it('English: the page goes on in Russian when the English catalogue does not arrive, and the next start fetches it again', async () => {
    failing.set('english', 1);
    world = createSigningWorld({ attributes: { lang: 'en' } });
    await world.harness.waitForStep('certificates');
    expect(attemptsOf('english')).toBe(1);
    expect(world.harness.heading()).toBe('Выберите сертификат');
    expect(world.harness.eventsOf('ofd-error')).toEqual([]);

    // The next start (a reload, or the page changing the element's target) fetches English again.
    world.element.restart();
    await world.harness.waitFor(() => world!.harness.heading() === 'Choose a certificate', 'the English certificate list');
    expect(attemptsOf('english')).toBe(2);
  });

  it('the batch views (English): the sentence in English, nothing signed, and "Try again" brings the review', async () => {
    failing.set('batch', 1);
    batchWorld = createBatchWorld({ count: 2, lang: 'en' });
    const batch = batchWorld.harness;
    await batch.chooseCertificate('Романова');
    await batch.waitFor(() => batch.alertText() !== '', 'the batch chunk to fail');
    expect(attemptsOf('batch')).toBe(1);
    expect(batch.heading()).toBe('Something went wrong');
    expect(batch.alertText()).toBe('Part of the form did not load. Check your connection and press “Try again”, or reload the page.');
    expectNoTechnicalText(batch.text());
    expect(batchWorld.totalSignCalls()).toBe(0);

    await batch.press('Try again');
    expect(await batch.reviewedRegisters()).toHaveLength(2);
    expect(attemptsOf('batch')).toBe(2);
    await batch.signAll();
    expect(batchWorld.totalSignCalls()).toBe(2);
  });
});
