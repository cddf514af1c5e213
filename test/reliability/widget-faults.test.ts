// @vitest-environment happy-dom
/**
 * The same OFD faults on `sign`, seen by a person in front of <ofd-signer> (emulated plug-in, real proxy, mock
 * OFD, all in process): where the journey ends, what the screen says, and how many `sign` requests reached OFD
 * per document — at most one, even after "try again".
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../src/mock-ofd/types.js';
import { createSigningWorld, type SigningWorld } from '../widget/signing-world.js';

let world: SigningWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

const table: string[] = [];
afterAll(() => console.log(`[reliability] upstream faults on sign (widget view):\n  ${table.join('\n  ')}`));

const FINAL_STEPS = ['status', 'report', 'error', 'approved', 'rejected'] as const;

function maxSignsPerDocument(w: SigningWorld): number {
  const perDocument = new Map<string, number>();
  for (const call of w.control.calls()) {
    if (call.route !== 'sign' || call.applicationId !== w.application.Id) continue;
    perDocument.set(call.documentId ?? '?', (perDocument.get(call.documentId ?? '?') ?? 0) + 1);
  }
  return Math.max(0, ...perDocument.values());
}

const FAULTS: (FaultKind | 'slow')[] = ['slow', 'timeout', 'timeout-after-processing', 'drop-after-processing', '500', '500-after-processing', 'failure-200', 'html'];

describe('<ofd-signer> when OFD misbehaves during sign', () => {
  for (const fault of FAULTS) {
    it(`${fault}: ends in a clear state, at most one sign per document, also after "try again"`, async () => {
      world = createSigningWorld();
      if (fault === 'slow') world.control.injectFault({ route: 'sign', kind: 'latency', latencyMs: 200 });
      else world.control.injectFault({ route: 'sign', kind: fault, hangMs: 100 });
      const signer = world.harness;
      await signer.chooseCertificate('Романова');
      await signer.signAll();
      const unknown = ['timeout', '500', 'failure-200', 'html'].includes(fault);
      let step = await signer.waitForStep(...FINAL_STEPS);
      const first = signer.text();
      // An unknown outcome is followed through the status; when the document stays unsigned the widget says so.
      if (unknown) step = await signer.waitForStep('error', 'report', 'approved');
      const shown = signer.text();
      let afterRetry = '';
      if (step === 'error' && /Повторить/.test(shown)) {
        // The user insists: the widget re-checks; if it offers to sign again, they do.
        await signer.press('Повторить');
        const next = await signer.waitForStep('review', 'status', 'report', 'error', 'certificates');
        if (next === 'certificates') await signer.chooseCertificate('Романова');
        if (next === 'review' || next === 'certificates') {
          await signer.signAll();
          await signer.waitForStep(...FINAL_STEPS);
        }
        afterRetry = `${signer.step}: ${signer.text().slice(0, 90)}`;
      }
      expect(shown.length).toBeGreaterThan(0);
      expect(maxSignsPerDocument(world)).toBeLessThanOrEqual(1);
      if (unknown) {
        expect(first).toContain('Подпись повторно не отправляется');
        expect(step).toBe('error');
        expect(shown).toContain('Пока неизвестно');
      } else {
        expect(['status', 'report', 'approved']).toContain(step);
      }
      table.push(`${fault.padEnd(25)} → ${step}: «${shown.slice(0, 110)}»${afterRetry ? ` | after "Повторить" → ${afterRetry}` : ''} | signs/doc ${maxSignsPerDocument(world)}`);
    });
  }
});
