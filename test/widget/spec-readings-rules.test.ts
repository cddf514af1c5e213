/**
 * The widget's pure rules under every reading the OFD spec allows (issue 11): when an application has succeeded,
 * which signatures still go out, who the director is, what the registration report sends.
 */
import { describe, expect, it } from 'vitest';
import { parseApplication } from '../../src/api/parse.js';
import type { Application } from '../../src/api/types.js';
import type { DistinguishedName } from '../../src/cms/types.js';
import { applicationPhase, resultDocumentsByType, statusShown } from '../../src/widget/application-phase.js';
import { validateRegistrationReport } from '../../src/widget/registration-report-form.js';
import { planSend, withPreparedDocuments } from '../../src/widget/round-documents.js';
import { checkSignerIdentity, signerNamesFrom } from '../../src/widget/signer-identity.js';

const app = (fields: Record<string, unknown>): Application =>
  parseApplication({ Id: '81c178ca-fdf0-46f1-a4e6-a6cf0d77d39c', Purpose: 'InitialRegistration', Stage: 'Initialization', Status: 'New', ...fields });
const doc = (Id: string, Signature = 'Unsigned', Content?: string) => ({ Id, Kind: '1110061', Signature, ...(Content ? { Content } : {}) });
const result = (DocType: string) => ({ DocType, DownloadUri: `https://dev.ofd.ru/api/kkt/application/doc/x/1/${DocType}` });

describe('the successful end, under both readings', () => {
  it.each([
    ['Table 14: Approved', { Stage: 'Finalization', Status: 'Approved' }, 'approved'],
    ['7.8.4 (l.5944, ResultDocs: []): Approved without any document', { Purpose: 'Unregistration', Stage: 'Finalization', Status: 'Approved' }, 'approved'],
    ['7.6.4 (l.4128, l.4211): SentToFns with RegReport', { Stage: 'Finalization', Status: 'SentToFns', ResultDocs: [result('RegReport'), result('RnmReport')] }, 'approved'],
    ['7.7.4 (l.5083, l.5163): SentToFns with ReRegReport, stage Initialization', { Purpose: 'Reregistration', Status: 'SentToFns', ResultDocs: [result('ReRegReport')] }, 'approved'],
    ['de-registration: SentToFns with UnReg', { Purpose: 'Unregistration', Status: 'SentToFns', ResultDocs: [result('UnReg')] }, 'approved'],
    ['the first round: SentToFns with only the RnmReport is not the end', { Status: 'SentToFns', ResultDocs: [result('RnmReport')] }, 'in-progress'],
    ['the report round: the old RnmReport alone is not the end', { Stage: 'Finalization', Status: 'SentToFns', ResultDocs: [result('RnmReport')] }, 'in-progress'],
    ['SentToFns with the refusal of the round', { Stage: 'Finalization', Status: 'SentToFns', ResultDocs: [result('RegRejection'), result('RnmReport')] }, 'rejected'],
    ['Rejected', { Status: 'Rejected' }, 'rejected'],
    ['Finalization/New without a report: the report is needed (l.3034)', { Stage: 'Finalization', Status: 'New' }, 'needs-report'],
  ])('%s', (_what, fields, phase) => {
    expect(applicationPhase(app(fields))).toBe(phase);
  });

  it('offers the round’s positive document first, whatever the order OFD lists them in', () => {
    const a = app({ Stage: 'Finalization', Status: 'SentToFns', ResultDocs: [result('RnmReport'), result('RegReport')] });
    expect(resultDocumentsByType(a).map((d) => d.DocType)).toEqual(['RegReport', 'RnmReport']);
  });
});

describe('statuses outside Table 13 keep the application in progress', () => {
  it.each(['UnknownError', 'DownloadingDocuments', 'Archived', 'SENTTOFNS_PENDING'])('%s', (status) => {
    const a = app({ Status: status });
    expect(applicationPhase(a)).toBe('in-progress');
    expect(statusShown(a)).toBe(status === 'DownloadingDocuments' ? 'DownloadingDocuments' : status);
  });

  it('another casing of a Table 13 status is that status', () => {
    expect(applicationPhase(app({ Status: 'approved', Stage: 'finalization' }))).toBe('approved');
    expect(applicationPhase(app({ Status: 'AWAITINGSIGNATURE', Documents: [doc('d1')] }))).toBe('awaiting-signature');
  });
});

describe('what GET carries during AwaitingSignature: a signature is never dropped', () => {
  const prepared = [{ Id: 'D1', Kind: '1110061', Signature: 'Unsigned', Content: 'PD94bWwg' }];

  it('Documents: [] in the status answer keeps the documents prepareDocuments returned', () => {
    const latest = app({ Status: 'AwaitingSignature', Documents: [] });
    expect(applicationPhase(latest)).toBe('awaiting-signature');
    expect(withPreparedDocuments(latest, prepared).Documents).toEqual(prepared);
  });

  it('documents listed without Content get the prepared Content back', () => {
    const latest = app({ Status: 'AwaitingSignature', Documents: [doc('d1')] });
    expect(withPreparedDocuments(latest, prepared).Documents[0]!.Content).toBe('PD94bWwg');
  });

  it.each([
    ['GET lists no documents', { Status: 'AwaitingSignature', Documents: [] }, { send: ['D1'], alreadySigned: [], notAwaited: [] }],
    ['GET lists it unsigned (any id casing)', { Status: 'AwaitingSignature', Documents: [doc('d1')] }, { send: ['D1'], alreadySigned: [], notAwaited: [] }],
    ['GET shows it signed (another tab sent it)', { Status: 'AwaitingSignature', Documents: [doc('d1', 'Signed')] }, { send: [], alreadySigned: ['D1'], notAwaited: [] }],
    ['OFD is past signing', { Status: 'ProcessingSignedDocuments', Documents: [] }, { send: [], alreadySigned: ['D1'], notAwaited: [] }],
    ['GET lists other documents (prepared again)', { Status: 'AwaitingSignature', Documents: [doc('d9')] }, { send: [], alreadySigned: [], notAwaited: ['D1'] }],
    ['the round was started over', { Status: 'New', Documents: [] }, { send: [], alreadySigned: [], notAwaited: ['D1'] }],
  ])('%s', (_what, fields, plan) => {
    expect(planSend(['D1'], app(fields))).toEqual(plan);
  });
});

describe('the director under both readings of FirstName/LastName', () => {
  const subject = { SN: 'Романова', G: 'Анна Сергеевна', T: 'Генеральный директор', INNLE: '7707083893', OGRN: '1027700132195', text: '' } as DistinguishedName;
  const company = (Director: Record<string, string>) => ({ CompanyType: 'LegalEntity', Inn: '7707083893', Ogrn: '1027700132195', Director });

  it.each([
    ['the examples: FirstName is the given name', { FirstName: 'Анна', LastName: 'Романова' }],
    ['the tables (l.868, 1379, 2147, 2572, 3201): FirstName is the surname', { FirstName: 'Романова', LastName: 'Анна' }],
  ])('%s', (_what, director) => {
    expect(checkSignerIdentity(subject, company(director)).problems).toEqual([]);
  });

  it('someone else is still not the director under either reading', () => {
    expect(checkSignerIdentity(subject, company({ FirstName: 'Иван', LastName: 'Петров' })).problems).toEqual(['IDENTITY_NOT_DIRECTOR']);
  });

  it('a certificate without a title takes the position the application names, not an empty one', () => {
    const noTitle = { ...subject, T: undefined } as DistinguishedName;
    expect(signerNamesFrom(noTitle, { Signatory: { Position: 'Директор' } }).Position).toBe('Директор');
    expect(signerNamesFrom(noTitle, { Inn: '500100732259' }).Position).toBe('Индивидуальный предприниматель');
  });
});

describe('the registration report DateTime is UTC (Table 13.2, l.970)', () => {
  const now = new Date('2026-03-02T00:00:00Z');
  it.each([
    [180, '2026-03-01T07:15:00'],
    [300, '2026-03-01T05:15:00'],
    [0, '2026-03-01T10:15:00'],
  ])('printed 01.03.2026 10:15 at UTC%+d min → %s', (offset, utc) => {
    const v = validateRegistrationReport({ dateTime: '01.03.2026 10:15', documentNumber: '5', fiscalSign: '7', utcOffsetMinutes: offset }, now);
    expect(v.printed).toBe('2026-03-01T10:15:00');
    expect(v.report?.dateTime).toBe(utc);
  });

  it('a time in the future is judged in UTC, not as printed', () => {
    const v = validateRegistrationReport({ dateTime: '02.03.2026 02:00', documentNumber: '5', fiscalSign: '7', utcOffsetMinutes: 180 }, now);
    expect(v.errors).toEqual({});
    expect(v.report?.dateTime).toBe('2026-03-01T23:00:00');
  });
});
