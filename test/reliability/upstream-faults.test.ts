/**
 * OFD misbehaving during `sign`, seen from the API client the widget uses (through the real proxy and the mock
 * OFD): what the caller is finally told, what the status shows afterwards, and how many `sign` requests reached
 * OFD — never more than one per document, even when the user presses "sign" again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createOfdClient, OfdApiError, SignOutcomeUnknownError } from '../../src/api/index.js';
import type { FaultKind } from '../../src/mock-ofd/types.js';
import { expectNoSecret } from './helpers/secrets.js';
import { createWorld, signContent, type World } from './helpers/world.js';

const table: string[] = [];
afterAll(() => console.log(`[reliability] upstream faults on sign (client view):\n  ${table.join('\n  ')}`));

function clientFor(world: World, ticket: string) {
  return createOfdClient({
    baseUrl: 'http://proxy.test/api',
    ticket,
    fetch: async (input, init) => {
      const res = await world.proxy.request(input instanceof Request ? input : String(input), init);
      const text = await res.clone().text();
      world.responses.push({ status: res.status, headers: Object.fromEntries(res.headers), text, json: undefined });
      return res;
    },
    retry: { limit: 0 },
  });
}

interface FaultCase {
  fault: FaultKind | 'slow';
  /** What the client's `sign` ends in. */
  expected: 'signed' | 'SIGN_OUTCOME_UNKNOWN';
  /** The document's state in OFD once things settle. */
  finally: 'Signed' | 'Unsigned';
}

const CASES: FaultCase[] = [
  { fault: 'slow', expected: 'signed', finally: 'Signed' },
  { fault: 'timeout', expected: 'SIGN_OUTCOME_UNKNOWN', finally: 'Unsigned' },
  { fault: 'timeout-after-processing', expected: 'signed', finally: 'Signed' },
  { fault: 'drop-after-processing', expected: 'signed', finally: 'Signed' },
  { fault: '500', expected: 'SIGN_OUTCOME_UNKNOWN', finally: 'Unsigned' },
  { fault: '500-after-processing', expected: 'signed', finally: 'Signed' },
  { fault: 'failure-200', expected: 'SIGN_OUTCOME_UNKNOWN', finally: 'Unsigned' },
  { fault: 'html', expected: 'SIGN_OUTCOME_UNKNOWN', finally: 'Unsigned' },
];

describe('faults on the upstream sign', () => {
  for (const c of CASES) {
    it(`${c.fault}: the client is told "${c.expected}", the document ends ${c.finally}, at most one sign reached OFD`, async () => {
      const world = createWorld({ limits: { signTimeoutMs: 400, unknownOutcomeGraceMs: 60_000 } });
      const app = await world.preparedApplication();
      const doc = app.documents[0]!;
      const signature = signContent(doc.Content);
      if (c.fault === 'slow') world.control.injectFault({ route: 'sign', kind: 'latency', latencyMs: 250 });
      else world.control.injectFault({ route: 'sign', kind: c.fault, hangMs: 1_500 });
      const client = clientFor(world, app.ticket);

      let told: string;
      let message = '';
      try {
        const application = await client.sign(app.id, doc.Id, signature);
        told = application.Documents?.find((d) => d.Id === doc.Id)?.Signature === 'Signed' ? 'signed' : 'unsigned answer';
      } catch (error) {
        expect(error).toBeInstanceOf(OfdApiError);
        const e = error as OfdApiError;
        told = e.code;
        message = e.userMessage('en');
        // A sentence in each language, and not the same one.
        expect(e.userMessage('ru')).toMatch(/[а-яё]/i);
        expect(e.userMessage('en')).toMatch(/[a-z]/i);
        expect(e.userMessage('ru')).not.toBe(e.userMessage('en'));
        if (c.expected === 'SIGN_OUTCOME_UNKNOWN') expect(error).toBeInstanceOf(SignOutcomeUnknownError);
      }
      expect(told).toBe(c.expected);

      // Reconcile the way the widget does: through the status.
      await new Promise((r) => setTimeout(r, c.fault.includes('timeout') ? 1_600 : 0));
      const status = await client.getApplication(app.id);
      const state = status.Documents?.find((d) => d.Id === doc.Id)?.Signature;
      expect(state).toBe(c.finally);

      // The impatient user presses "sign" again: within the grace period nothing new reaches OFD.
      const again = await client.sign(app.id, doc.Id, signature).then(
        () => 'signed',
        (e: OfdApiError) => e.code,
      );
      expect(again).toBe(c.expected === 'signed' ? 'signed' : 'SIGN_OUTCOME_UNKNOWN');
      expect(world.control.signCallCount(app.id, doc.Id)).toBe(1);
      table.push(
        `${c.fault.padEnd(25)} client: ${told.padEnd(21)} status: ${String(state).padEnd(8)} repeat: ${again.padEnd(21)} upstream signs: ${world.control.signCallCount(app.id, doc.Id)}${message ? `  «${message}»` : ''}`,
      );
      for (const r of world.responses) expectNoSecret(r.text, `${c.fault} response`);
      for (const line of world.logs) expectNoSecret(line, `${c.fault} log`, world.tickets);
    });
  }

  it('failure-200 in the other envelope (Status/Error): also "unknown", and a repeat does not reach OFD', async () => {
    const world = createWorld({ mock: { envelope: 'status' }, limits: { unknownOutcomeGraceMs: 60_000 } });
    const app = await world.preparedApplication();
    const doc = app.documents[0]!;
    const signature = signContent(doc.Content);
    world.control.injectFault({ route: 'sign', kind: 'failure-200' });
    const client = clientFor(world, app.ticket);
    await expect(client.sign(app.id, doc.Id, signature)).rejects.toBeInstanceOf(SignOutcomeUnknownError);
    await expect(client.sign(app.id, doc.Id, signature)).rejects.toBeInstanceOf(SignOutcomeUnknownError);
    expect(world.control.signCallCount(app.id, doc.Id)).toBe(1);
  });

  it('after the grace period, a document OFD never received is sent once more — and only once', async () => {
    const world = createWorld({ limits: { signTimeoutMs: 300, unknownOutcomeGraceMs: 5_000 } });
    const app = await world.preparedApplication();
    const doc = app.documents[0]!;
    const signature = signContent(doc.Content);
    world.control.injectFault({ route: 'sign', kind: '500' });
    const client = clientFor(world, app.ticket);
    await expect(client.sign(app.id, doc.Id, signature)).rejects.toBeInstanceOf(SignOutcomeUnknownError);
    world.advance(6_000);
    const answers = await Promise.allSettled(Array.from({ length: 10 }, () => client.sign(app.id, doc.Id, signature)));
    expect(answers.every((a) => a.status === 'fulfilled')).toBe(true);
    const signs = world.control.calls().filter((c) => c.route === 'sign');
    expect(signs.map((s) => s.fault ?? 'processed')).toEqual(['500', 'processed']);
  });
});
