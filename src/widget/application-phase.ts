import type { Application } from '../api/types.js';

/**
 * Where an application is, from the signer's point of view (spec 6.3, table 14).
 * - needs-prepare: documents must be generated with the signer's name (Initialization/New, or Finalization/New
 *   once the registration report is in);
 * - needs-report: the RNM is assigned and the cash register's registration report must be entered;
 * - awaiting-documents: OFD is generating documents, poll;
 * - awaiting-signature: documents are ready to sign;
 * - in-progress: signed, OFD and FNS are working;
 * - approved / rejected / failed: the end.
 */
export type ApplicationPhase =
  | 'needs-prepare'
  | 'needs-report'
  | 'awaiting-documents'
  | 'awaiting-signature'
  | 'in-progress'
  | 'approved'
  | 'rejected'
  | 'failed';

export function applicationPhase(app: Application): ApplicationPhase {
  switch (app.Status) {
    case 'New':
      if (app.Stage === 'Finalization' && !hasRegistrationReport(app)) return 'needs-report';
      return 'needs-prepare';
    case 'AwaitingDocuments':
      return 'awaiting-documents';
    case 'AwaitingSignature':
      // All documents already carry a signature: OFD has them and will move on by itself.
      return unsignedDocuments(app).length > 0 ? 'awaiting-signature' : 'in-progress';
    case 'Approved':
      return 'approved';
    case 'Rejected':
      return 'rejected';
    case 'UnknownError':
      return 'failed';
    default:
      return 'in-progress';
  }
}

export function unsignedDocuments(app: Application) {
  return (app.Documents ?? []).filter((d) => d.Signature !== 'Signed');
}

function hasRegistrationReport(app: Application): boolean {
  const data = app.KktDetails?.FiscalDocumentData;
  return Boolean(data && data.DocumentNumber && data.Signature);
}
