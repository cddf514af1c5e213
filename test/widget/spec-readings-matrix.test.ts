/**
 * Issue 11's matrix through the widget: <ofd-signer> → proxy → mock OFD under every named reading of the spec
 * (src/mock-ofd/scenarios.ts), one application and a batch, initial registration (report included),
 * re-registration and de-registration, to what the user sees as success — and every document signed once.
 * Driven only through the element and the shared harnesses, so it holds across rewrites of the widget's inside.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationPurpose } from '../../src/api/types.js';
import { MOCK_SCENARIO_NAMES, mockScenarioOptions, type MockScenarioName } from '../../src/mock-ofd/index.js';
import type { MockOfdOptions } from '../../src/mock-ofd/types.js';
import { createBatchWorld, type BatchWorld } from './batch-world.js';
import { SignerHarness } from './signer-harness.js';
import { createSigningWorld, type SigningWorld } from './signing-world.js';

const KKT: Record<ApplicationPurpose, object> = {
  InitialRegistration: {},
  Reregistration: { RegNumber: '0000000001046313', ReregistrationReasons: { InstallmentPlaceChanged: true } },
  Unregistration: { RegNumber: '0000000001046313', UnregistrationReasons: { Broken: true } },
};
const PURPOSES = Object.keys(KKT) as ApplicationPurpose[];
const REPORT = { dateTime: '15.01.2026 10:30', documentNumber: '7', fiscalSign: '1234567890' };

function mockFor(scenario: MockScenarioName): MockOfdOptions {
  const named = mockScenarioOptions(scenario);
  return {
    ...named,
    timings: { processingMs: 300, sendingMs: 300, fnsMs: 900 },
    scenario: { ...named.scenario, ...(named.scenario.awaitingDocumentsMs ? { awaitingDocumentsMs: 1000 } : {}) },
  };
}

/** Every `sign` that reached OFD, per document: exactly one each, and at least one document. */
function expectEachSignedOnce(calls: readonly { route: string; documentId?: string }[]): void {
  const perDocument = new Map<string, number>();
  for (const c of calls) if (c.route === 'sign' && c.documentId) perDocument.set(c.documentId, (perDocument.get(c.documentId) ?? 0) + 1);
  expect(perDocument.size).toBeGreaterThan(0);
  expect([...perDocument.entries()].filter(([, n]) => n !== 1)).toEqual([]);
}

/** One application through the element, to the "approved" step (the report round for an initial registration). */
async function signToSuccess(signer: SignerHarness, purpose: ApplicationPurpose): Promise<void> {
  await signer.chooseCertificate('Романова');
  await signer.signAll();
  if (purpose === 'InitialRegistration') {
    await signer.waitForStep('report');
    await signer.fillReport(REPORT);
    await signer.signAll();
  }
  await signer.waitFor(() => signer.step === 'approved' || signer.step === 'error' || signer.step === 'rejected', 'the outcome');
  expect(signer.step, signer.text()).toBe('approved');
  expect(signer.eventsOf('ofd-approved')).toHaveLength(1);
}

let single: SigningWorld | undefined;
let batch: BatchWorld | undefined;
afterEach(() => {
  single?.dispose();
  batch?.dispose();
  single = batch = undefined;
});

describe.each(MOCK_SCENARIO_NAMES)('<ofd-signer> → proxy → mock OFD, scenario %s', (scenario) => {
  it.each(PURPOSES)('%s, one application', async (purpose) => {
    single = createSigningWorld({ mock: mockFor(scenario), application: { Purpose: purpose, KktDetails: KKT[purpose] } });
    await signToSuccess(single.harness, purpose);
    expectEachSignedOnce(single.control.calls());
  });

  it.each(PURPOSES)('%s, a batch of two', async (purpose) => {
    batch = createBatchWorld({ count: 0, cachePin: true, mock: mockFor(scenario), others: [0, 1].map(() => ({ Purpose: purpose, KktDetails: KKT[purpose] })) });
    const table = batch.harness;
    await table.chooseCertificate('Романова');
    await table.signAll();
    const done = purpose === 'InitialRegistration' ? 'report' : 'approved';
    const rows = await table.waitForTable((r) => r.every((x) => x.state === done || x.state === 'error'));
    expect(rows.map((r) => r.state), JSON.stringify(rows)).toEqual([done, done]);
    if (purpose === 'InitialRegistration') {
      // The report round on the table screen: one form per register, the certificate kept, then one "sign all".
      expect(table.reportForms()).toHaveLength(2);
      for (const [i, id] of table.reportForms().entries()) {
        await table.fillRowReport(id, { ...REPORT, documentNumber: String(7 + i), fiscalSign: String(1234567890 + i) });
      }
      expect(table.reportForms()).toEqual([]);
      await table.waitFor(() => table.focused()?.hasAttribute('data-sign-all') ?? false, '"Подписать все" to take focus');
      (table.focused() as HTMLButtonElement).click();
    }
    const settled = await table.waitForTable((r) => r.every((x) => x.state === 'approved'));
    expect(settled).toHaveLength(2);
    expectEachSignedOnce(batch.control.calls());
  });
});
