import { afterEach, describe, expect, it } from 'vitest';
import { createBatchWorld, type BatchWorld } from './batch-world.js';

let world: BatchWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

function signedTwice(w: BatchWorld): string[] {
  return [...w.signCallsPerDocument()].filter(([, n]) => n > 1).map(([id]) => id);
}

describe('batch interrupted mid-way: nothing is ever sent twice', () => {
  it('a reload in the middle (the element recreated) picks up the rest and re-sends nothing', async () => {
    let signs = 0;
    let before = 0;
    world = createBatchWorld({
      count: 10,
      cachePin: true,
      mock: { documentsPerRound: 2 },
      wrapAdapter: (adapter) => ({
        ...adapter,
        load: () => adapter.load(),
        about: () => adapter.about(),
        listCertificates: (o) => adapter.listCertificates(o),
        sign: (content, o) => {
          // The tab reloads while CryptoPro signs document 9 of 20.
          if (++signs === 9) {
            before = world!.totalSignCalls();
            world!.reload();
          }
          return adapter.sign(content, o);
        },
      }),
    });
    const batch = world.harness;
    await batch.chooseCertificate('Романова');
    await batch.reviewedRegisters();
    await batch.press(/Подписать все/);
    const again = await batch.waitFor(() => (world!.harness !== batch ? world!.harness : undefined), 'the reload');
    expect(before).toBe(8);

    await again.chooseCertificate('Романова');
    const cards = await again.reviewedRegisters();
    // What was sent before the reload is not offered again.
    expect(cards.filter((c) => c.state === 'ready')).toHaveLength(6);
    expect(world.totalSignCalls()).toBe(8);
    await again.signAll();
    const rows = await again.waitForTable();
    expect(rows.every((r) => r.state === 'report')).toBe(true);
    expect(world.totalSignCalls()).toBe(20);
    expect(signedTwice(world)).toEqual([]);
  });

  it('network loss: answers lost mid-batch are reconciled through status, never re-sent; the others go on; retry finishes', async () => {
    world = createBatchWorld({ count: 10, cachePin: true, mock: { documentsPerRound: 2 } });
    const batch = world.harness;
    await batch.chooseCertificate('Романова');
    await batch.reviewedRegisters();
    let sends = 0;
    let lost5 = false;
    const network = world.network;
    // Register 3's answers are lost after OFD took them; register 5 cannot reach the proxy at all.
    const original = batch.element.client!;
    batch.element.client = {
      ...original,
      getApplication: async (id) => {
        // Register 5 loses the network just when its signatures are about to be sent.
        if (id === world!.ids[4] && sends > 0 && !lost5) {
          lost5 = true;
          network.mode = 'down';
          try {
            return await original.getApplication(id);
          } finally {
            network.mode = 'up';
          }
        }
        return original.getApplication(id);
      },
      prepareDocuments: (id, s) => original.prepareDocuments(id, s),
      submitRegistrationReport: (id, r) => original.submitRegistrationReport(id, r),
      sign: async (id, documentId, signature) => {
        sends++;
        network.mode = id === world!.ids[2] ? 'answer-lost' : 'up';
        try {
          return await original.sign(id, documentId, signature);
        } finally {
          network.mode = 'up';
        }
      },
    };
    // The element restarts when its client changes: choose again (sessionStorage and OFD are the truth).
    await batch.chooseCertificate('Романова');
    await batch.signAll();
    const rows = await batch.waitForTable((r) => r.every((x) => ['report', 'error', 'unresolved'].includes(x.state)) && r[2]!.state === 'report');
    expect(sends).toBe(18);
    // Register 3: OFD had both documents; the widget learnt it from the status, without sending again.
    expect(world.control.signCallCount(world.ids[2]!)).toBe(2);
    // Register 5: the request never left; nothing reached OFD; retriable.
    expect(rows[4]!.state).toBe('error');
    expect(world.control.signCallCount(world.ids[4]!)).toBe(0);
    expect(rows.filter((r) => r.state === 'report')).toHaveLength(9);

    await batch.retry();
    const after = await batch.waitForTable((r) => r.every((x) => x.state === 'report'));
    expect(after).toHaveLength(10);
    expect(world.totalSignCalls()).toBe(20);
    expect(signedTwice(world)).toEqual([]);
  });
});
