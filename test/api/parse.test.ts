import { describe, expect, it } from 'vitest';
import {
  parseApplication,
  parsePrepareDocumentsRequest,
  parseRegistrationReportRequest,
  parseSignRequest,
  parseSimplifiedStatus,
  ShapeError,
} from '../../src/api/index.js';

/** Trimmed from the 7.5 example of the spec (Finalization / New with an RNM report). */
const STATUS_SAMPLE = {
  Id: '81c178ca-fdf0-46f1-a4e6-a6cf0d77d39c',
  CompanyDetails: {
    CompanyType: 'LegalEntity',
    Director: { FirstName: 'Алла', LastName: 'Романова', MiddleName: 'Романовна' },
    CreatedDate: '0001-01-01T00:00:00',
    Inn: '5252012620',
    Signatory: { Name: 'Романова Алла', IsRepresent: false },
  },
  KktDetails: { SerialNumber: '00307404867358', FiscalDocumentData: {}, RegNumber: '0000002950038403', FormatVersion: 3, UsageMode: { Internet: true, Odd: 'x' } },
  AutomaticDevices: [],
  Status: 'New',
  Stage: 'Finalization',
  CanDelete: false,
  Documents: [{ Id: '5de805db-d44b-4f7b-af93-1ff4028125d4', Kind: '1110061', Signature: 'Signed', Description: 'Заявление', FileName: 'KO_ZVLREGKKT_7725' }],
  Purpose: 'InitialRegistration',
  Gateway: 'SuccessMock',
  KktAgreementId: '00000000-0000-0000-0000-000000000000',
  ResultDocs: [
    {
      KktId: 16840,
      ReportTypeId: 50,
      DocType: 'RnmReport',
      ConversationUuid: '81c178ca-fdf0-46f1-a4e6-a6cf0d77d39c',
      ReportSizeInBytes: 114984,
      FileType: 'application/pdf',
      DownloadUri: 'https://dev.ofd.ru/api/kkt/application/doc/81c178ca-fdf0-46f1-a4e6-a6cf0d77d39c/16840/50',
    },
  ],
  DownloadUri: 'https://dev.ofd.ru/document/KktRegistrationApplication?Id=81c178ca&format=pdf',
};

describe('parseApplication', () => {
  it('reads the spec sample, numbers where the table says string included', () => {
    const app = parseApplication(STATUS_SAMPLE);
    expect(app).toMatchObject({ Id: STATUS_SAMPLE.Id, Stage: 'Finalization', Status: 'New', Purpose: 'InitialRegistration' });
    expect(app.ResultDocs[0]).toMatchObject({ KktId: '16840', ReportTypeId: '50', DocType: 'RnmReport', ReportSizeInBytes: 114984 });
    expect(app.Documents[0]).not.toHaveProperty('Content');
    expect(app.KktDetails.UsageMode).toEqual({ Internet: true });
    expect(app.CompanyDetails.Director?.LastName).toBe('Романова');
    expect(app).not.toHaveProperty('Gateway');
  });

  it('turns absent or null lists into empty ones', () => {
    const app = parseApplication({ ...STATUS_SAMPLE, Documents: null, ResultDocs: undefined, AutomaticDevices: null });
    expect(app.Documents).toEqual([]);
    expect(app.ResultDocs).toEqual([]);
    expect(app.AutomaticDevices).toEqual([]);
  });

  it('maps an unknown status to UnknownError and keeps the original', () => {
    const app = parseApplication({ ...STATUS_SAMPLE, Status: 'BrandNewStatus' });
    expect(app.Status).toBe('UnknownError');
    expect(app.RawStatus).toBe('BrandNewStatus');
    expect(parseApplication(STATUS_SAMPLE)).not.toHaveProperty('RawStatus');
  });

  it('reads Table 13 values in any casing, and keeps an unknown status, purpose or stage beside the default', () => {
    const cased = parseApplication({ ...STATUS_SAMPLE, Status: 'approved', Stage: ' FINALIZATION ', Purpose: 'reregistration' });
    expect(cased).toMatchObject({ Status: 'Approved', Stage: 'Finalization', Purpose: 'Reregistration' });
    expect(cased).not.toHaveProperty('RawStatus');
    const unknown = parseApplication({ ...STATUS_SAMPLE, Status: 'Archived', Stage: 'Middle', Purpose: 'Transfer' });
    expect(unknown).toMatchObject({ Status: 'UnknownError', RawStatus: 'Archived', Stage: 'Initialization', RawStage: 'Middle', RawPurpose: 'Transfer' });
    expect(parseApplication({ ...STATUS_SAMPLE, Purpose: undefined, Stage: undefined })).toMatchObject({ RawPurpose: '', RawStage: '' });
  });

  it('maps an unknown DocType to UnKnown', () => {
    const app = parseApplication({ ...STATUS_SAMPLE, ResultDocs: [{ DocType: 'Whatever' }] });
    expect(app.ResultDocs[0]!.DocType).toBe('UnKnown');
  });

  it.each([
    [{ ...STATUS_SAMPLE, Id: undefined }, 'Id'],
    [{ ...STATUS_SAMPLE, Stage: { x: 1 } }, 'Stage'],
    [{ ...STATUS_SAMPLE, Purpose: [] }, 'Purpose'],
    [{ ...STATUS_SAMPLE, Documents: [{ Kind: '1110061' }] }, 'Documents[0].Id'],
    [{ ...STATUS_SAMPLE, Documents: {} }, 'Documents'],
    [{ ...STATUS_SAMPLE, CompanyDetails: { Director: 'Иванов' } }, 'CompanyDetails.Director'],
    [{ ...STATUS_SAMPLE, CanDelete: 'no' }, 'CanDelete'],
  ])('names the bad field (%#)', (value, path) => {
    let caught: unknown;
    try {
      parseApplication(value);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ShapeError);
    expect((caught as ShapeError).path).toBe(path);
    expect((caught as ShapeError).code).toBe('BAD_SHAPE');
  });

  it('refuses a non-object', () => {
    expect(() => parseApplication(null)).toThrow(ShapeError);
    expect(() => parseApplication([])).toThrow(ShapeError);
  });
});

describe('request and small parsers', () => {
  it('parseSimplifiedStatus (Table 20)', () => {
    expect(parseSimplifiedStatus({ Status: 'SUCCESS', DownloadUrl: 'https://x' })).toEqual({ Status: 'SUCCESS', DownloadUrl: 'https://x' });
    expect(() => parseSimplifiedStatus({ Status: 'DONE' })).toThrow(ShapeError);
  });

  it('parsePrepareDocumentsRequest', () => {
    expect(parsePrepareDocumentsRequest({ LastName: 'Р', GivenName: 'А С', Position: 'Д', extra: 1 })).toEqual({ LastName: 'Р', GivenName: 'А С', Position: 'Д' });
    expect(() => parsePrepareDocumentsRequest({ LastName: 'Р' })).toThrow(/GivenName/);
  });

  it('parseSignRequest keeps strings only', () => {
    expect(parseSignRequest({ DocumentId: 'd', Signature: 's' })).toEqual({ DocumentId: 'd', Signature: 's' });
    expect(() => parseSignRequest({ DocumentId: 1, Signature: 's' })).toThrow(/DocumentId/);
  });

  it('parseRegistrationReportRequest', () => {
    const body = { KktDetails: { FiscalDocumentData: { DateTime: '2021-12-09T00:00:00', DocumentNumber: 1, Signature: '12345' } } };
    expect(parseRegistrationReportRequest(body).KktDetails.FiscalDocumentData).toEqual({ DateTime: '2021-12-09T00:00:00', DocumentNumber: '1', Signature: '12345' });
    expect(() => parseRegistrationReportRequest({ KktDetails: {} })).toThrow(/FiscalDocumentData/);
  });
});
