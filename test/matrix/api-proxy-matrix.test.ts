/**
 * Issue 11's matrix, without the widget: the API client → proxy → mock OFD, under every named reading of the spec
 * (src/mock-ofd/scenarios.ts), for an initial registration (both rounds), a re-registration and a de-registration,
 * one application and a batch, to the outcome a user calls success — and no document ever sent twice. The client
 * follows the application with the widget's own pure rules (application-phase, round-documents, signer-identity),
 * as a partner using `src/api` alone would. The widget part is test/widget/spec-readings-matrix.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createOfdClient, type OfdClient } from '../../src/api/index.js';
import type { Application, ApplicationDocument, ApplicationPurpose } from '../../src/api/types.js';
import { MOCK_SCENARIO_NAMES, mockScenarioOptions, type MockScenarioName } from '../../src/mock-ofd/index.js';
import type { MockOfdControl } from '../../src/mock-ofd/types.js';
import { createTicket } from '../../src/proxy/index.js';
import { buildCadesBes } from '../../src/testing/cms-builder.js';
import { createDemoCertificates } from '../../src/testing/demo-certificates.js';
import { applicationPhase } from '../../src/widget/application-phase.js';
import { planSend, withPreparedDocuments } from '../../src/widget/round-documents.js';
import { checkSignerIdentity, signerNamesFrom } from '../../src/widget/signer-identity.js';
import { createMockBackend, TICKET_SECRET } from '../widget/mock-backend.js';

const director = createDemoCertificates().director;
const PURPOSES: ApplicationPurpose[] = ['InitialRegistration', 'Reregistration', 'Unregistration'];
const KKT: Record<ApplicationPurpose, object> = {
  InitialRegistration: {},
  Reregistration: { RegNumber: '0000000001046313', ReregistrationReasons: { InstallmentPlaceChanged: true } },
  Unregistration: { RegNumber: '0000000001046313', UnregistrationReasons: { Broken: true } },
};

interface World {
  control: MockOfdControl;
  clientFor(ids: string[]): OfdClient;
  /** Moves the mock's clock (and the proxy's) on. */
  advance(ms: number): void;
  now(): number;
}

function createWorld(scenario: MockScenarioName): World {
  let now = Date.UTC(2026, 10, 24, 9, 0, 0);
  const named = mockScenarioOptions(scenario);
  const { control, proxy } = createMockBackend(() => now, {
    ...named,
    timings: { processingMs: 200, sendingMs: 200, fnsMs: 600 },
    scenario: { ...named.scenario, ...(named.scenario.awaitingDocumentsMs ? { awaitingDocumentsMs: 400 } : {}) },
  });
  return {
    control,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    clientFor(ids) {
      const ticket = createTicket({ applicationIds: ids, expiresInSeconds: 600, secret: TICKET_SECRET });
      return createOfdClient({
        baseUrl: 'http://proxy.test/api',
        ticket,
        fetch: (input, init) => Promise.resolve(proxy.request(input instanceof Request ? input : String(input), init)),
        retry: { limit: 0 },
      });
    },
  };
}

/**
 * What a partner's own front end does with the client: follow the status, prepare with the certificate's names,
 * sign each document once with what prepareDocuments returned, send what `planSend` says, enter the report.
 */
async function journey(world: World, client: OfdClient, id: string, sent: Map<string, number>): Promise<Application> {
  let prepared: ApplicationDocument[] = [];
  let emptyPrepares = 0;
  for (let step = 0; step < 300; step++) {
    const app = withPreparedDocuments(await client.getApplication(id), prepared);
    const phase = applicationPhase(app);
    if (phase === 'approved') return app;
    if (phase === 'rejected') throw new Error(`rejected: ${app.StatusReason}`);
    if (phase === 'needs-report') {
      // Printed at 12:00 Moscow time an hour ago: sent in UTC (Table 13.2, l.970).
      await client.submitRegistrationReport(id, { dateTime: new Date(world.now() - 3600_000), documentNumber: 7, fiscalSign: 3826481913 });
      prepared = [];
      continue;
    }
    const toSign = app.Documents.filter((d) => d.Signature !== 'Signed' && d.Content && !sent.has(d.Id));
    if (phase === 'needs-prepare' || (phase === 'awaiting-signature' && toSign.length === 0 && prepared.length === 0 && emptyPrepares++ < 2)) {
      expect(checkSignerIdentity(director.info.subject, app.CompanyDetails).problems).toEqual([]);
      const answer = await client.prepareDocuments(id, signerNamesFrom(director.info.subject, app.CompanyDetails));
      prepared = answer.Documents.filter((d) => d.Content && d.Signature !== 'Signed');
      continue;
    }
    if (phase === 'awaiting-signature' && toSign.length > 0) {
      const signatures = new Map(toSign.map((d) => [d.Id, Buffer.from(buildCadesBes({ content: new TextEncoder().encode(d.Content!), certificate: director })).toString('base64')]));
      const fresh = withPreparedDocuments(await client.getApplication(id), prepared);
      const plan = planSend([...signatures.keys()], fresh);
      for (const documentId of plan.send) {
        sent.set(documentId, (sent.get(documentId) ?? 0) + 1);
        await client.sign(id, documentId, signatures.get(documentId)!);
      }
      prepared = prepared.filter((d) => !signatures.has(d.Id));
      continue;
    }
    world.advance(200);
  }
  throw new Error(`no outcome for ${id}: ${JSON.stringify(await client.getApplication(id).then((a) => [a.Stage, a.Status, a.RawStatus]))}`);
}

function expectSuccess(app: Application, purpose: ApplicationPurpose): void {
  // What a user calls success: Approved, or SentToFns with the positive FNS document (docs/api.md).
  const positive = { InitialRegistration: 'RegReport', Reregistration: 'ReRegReport', Unregistration: 'UnReg' }[purpose];
  if (app.Status !== 'Approved') {
    expect(app.Status).toBe('SentToFns');
    expect(app.ResultDocs.map((d) => d.DocType)).toContain(positive);
  }
}

describe.each(MOCK_SCENARIO_NAMES)('API client → proxy → mock OFD, scenario %s', (scenario) => {
  it.each(PURPOSES)('%s: one application, then a batch of three, each to success, each document signed once', async (purpose) => {
    const world = createWorld(scenario);
    const single = world.control.createDemoApplication({ Purpose: purpose, KktDetails: KKT[purpose] }).Id;
    const sent = new Map<string, number>();
    const singleClient = world.clientFor([single]);
    const done = await journey(world, singleClient, single, sent);
    expectSuccess(done, purpose);
    // Every FNS document the user is offered downloads, by type, wherever OFD put the link (l.1319, l.3141).
    for (const doc of done.ResultDocs) {
      const key = doc.DownloadUri!.split('/files/')[1]!;
      expect(key).toMatch(new RegExp(`^result/${doc.DocType}`));
      const file = await singleClient.getFile(single, key);
      expect(new TextDecoder().decode(await file.arrayBuffer()).slice(0, 5)).toBe('%PDF-');
    }

    const batch = [0, 1, 2].map(() => world.control.createDemoApplication({ Purpose: purpose, KktDetails: KKT[purpose] }).Id);
    const client = world.clientFor(batch);
    const outcomes = await Promise.all(batch.map((id) => journey(world, client, id, sent)));
    for (const app of outcomes) expectSuccess(app, purpose);

    // Every document: one sign from the client, one sign reaching OFD.
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    for (const id of [single, ...batch]) {
      const calls = world.control.calls().filter((c) => c.route === 'sign' && c.applicationId === id);
      const perDocument = new Map<string, number>();
      for (const c of calls) perDocument.set(c.documentId!, (perDocument.get(c.documentId!) ?? 0) + 1);
      expect([...perDocument.values()].every((n) => n === 1), `${id}: ${JSON.stringify([...perDocument])}`).toBe(true);
      expect(perDocument.size).toBeGreaterThan(0);
    }
  });
});
