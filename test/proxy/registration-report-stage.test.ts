import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ID, CONTENT, DOC_ID, createHarness, errorCode, type Harness } from './helpers/setup.js';

/**
 * Issue 14, finding 3: `PUT /registration/{id}` is OFD's application edit (spec 7.9), not only the report's entry.
 * The proxy lets a ticket holder reach it only while the application waits for the registration report
 * (Stage Finalization, Status New, spec 6.3), so nothing else of an application can be changed through it.
 */
const report = { KktDetails: { FiscalDocumentData: { DateTime: '2021-12-09T00:00:00', DocumentNumber: '1', Signature: '12345' } } };
let h: Harness;
beforeEach(() => {
  h = createHarness();
});
const put = () => h.request(`/api/registration/${APP_ID}/registration-report`, { method: 'PUT', body: JSON.stringify(report) });

describe('PUT …/registration-report only when the report is due', () => {
  it.each([
    ['Initialization', 'New'],
    ['Initialization', 'AwaitingSignature'],
    ['Finalization', 'AwaitingSignature'],
    ['Finalization', 'Approved'],
    ['Initialization', 'Rejected'],
  ])('refuses Stage %s / Status %s without any upstream write', async (Stage, Status) => {
    const before = { DateTime: '2021-01-01T00:00:00', DocumentNumber: '7', Signature: '999' };
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }], { Stage, Status, KktDetails: { FiscalDocumentData: before } });
    const res = await put();
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('NOT_AWAITING_REPORT');
    expect(h.ofd.count('PUT', APP_ID)).toBe(0);
    expect(h.ofd.applications.get(APP_ID)!.KktDetails.FiscalDocumentData).toEqual(before);
  });

  it('forwards the report in Finalization / New, reading the application fresh (not from the status cache)', async () => {
    h.ofd.addApplication(APP_ID, [], { Stage: 'Initialization', Status: 'AwaitingSignature' });
    await h.request(`/api/registration/${APP_ID}`);
    Object.assign(h.ofd.applications.get(APP_ID)!, { Stage: 'Finalization', Status: 'New' });
    const res = await put();
    expect(res.status).toBe(200);
    expect(h.ofd.count('PUT', APP_ID)).toBe(1);
    expect(h.ofd.applications.get(APP_ID)!.KktDetails.FiscalDocumentData).toEqual(report.KktDetails.FiscalDocumentData);
  });
});
