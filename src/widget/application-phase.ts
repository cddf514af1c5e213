import type { Application, ApplicationPurpose, ApplicationStage, ResultDocType } from '../api/types.js';

/**
 * Where an application is, from the signer's point of view (spec 6.3, table 14).
 * - needs-prepare: documents must be generated with the signer's name (Initialization/New, or Finalization/New
 *   once the registration report is in);
 * - needs-report: the RNM is assigned and the cash register's registration report must be entered;
 * - awaiting-documents: OFD is generating documents, poll;
 * - awaiting-signature: documents are ready to sign;
 * - in-progress: signed, OFD and FNS are working — also any status this version does not know (shown as sent);
 * - approved / rejected: the end (`UnknownError` is not one: see `in-progress`).
 */
export type ApplicationPhase =
  | 'needs-prepare'
  | 'needs-report'
  | 'awaiting-documents'
  | 'awaiting-signature'
  | 'in-progress'
  | 'approved'
  | 'rejected';

/**
 * The FNS answer that means this round succeeded, per purpose and stage (Table 13.6). The spec's own final
 * examples stop at `SentToFns` with it already in `ResultDocs` (7.6.4 l.4128 with RegReport l.4211; 7.7.4 l.5083
 * with ReRegReport l.5163) while Table 14 names `Approved`: both count as success.
 */
const POSITIVE: Record<ApplicationPurpose, Partial<Record<ApplicationStage, ResultDocType>>> = {
  // The first round's RnmReport is not the end: Finalization/New follows (7.5, l.3034–3136).
  InitialRegistration: { Finalization: 'RegReport' },
  Reregistration: { Initialization: 'ReRegReport', Finalization: 'ReRegReport' },
  Unregistration: { Initialization: 'UnReg', Finalization: 'UnReg' },
};

/** FNS's refusal for the round, read the same way as POSITIVE (a rejection document under `SentToFns`). */
const NEGATIVE: Record<ApplicationPurpose, Partial<Record<ApplicationStage, ResultDocType>>> = {
  InitialRegistration: { Initialization: 'RnmRejection', Finalization: 'RegRejection' },
  Reregistration: { Initialization: 'ReRegRejection', Finalization: 'ReRegRejection' },
  Unregistration: { Initialization: 'UnRegRejection', Finalization: 'UnRegRejection' },
};

export function applicationPhase(app: Application): ApplicationPhase {
  switch (app.Status) {
    case 'New':
      if (app.Stage === 'Finalization' && isInitialRegistration(app) && !hasRegistrationReport(app)) return 'needs-report';
      // Table 14 has Finalization/New only for the registration report; elsewhere it is OFD's business.
      if (app.Stage === 'Finalization' && !isInitialRegistration(app)) return 'in-progress';
      return 'needs-prepare';
    case 'AwaitingDocuments':
      return 'awaiting-documents';
    case 'AwaitingSignature': {
      // Every listed document signed: OFD has them and will move on by itself. `Documents: []` in the status
      // answer says nothing (the later examples, l.2871, l.3517, show it empty): the documents still await us.
      const listed = app.Documents ?? [];
      return listed.length > 0 && unsignedDocuments(app).length === 0 ? 'in-progress' : 'awaiting-signature';
    }
    case 'Approved':
      return 'approved';
    case 'Rejected':
      return 'rejected';
    case 'SentToFns':
    case 'DownloadingDocuments':
      if (hasResultDoc(app, POSITIVE)) return 'approved';
      if (hasResultDoc(app, NEGATIVE)) return 'rejected';
      return 'in-progress';
    default:
      // The other statuses of Table 13, `UnknownError` and any status or casing outside it: OFD is still
      // working as far as we can tell; keep following it and show what it said (`statusShown`).
      return 'in-progress';
  }
}

/** What to show for the status: OFD's own word when it is outside Table 13. */
export function statusShown(app: Application): string {
  return app.RawStatus ?? app.Status;
}

/** The FNS documents to offer at the end: the round's positive answer first, then the others, by type. */
export function resultDocumentsByType(app: Application): Application['ResultDocs'] {
  const positive = app.RawPurpose === undefined ? POSITIVE[app.Purpose]?.[app.Stage] : undefined;
  return [...app.ResultDocs].sort((a, b) => Number(b.DocType === positive) - Number(a.DocType === positive));
}

function hasResultDoc(app: Application, table: typeof POSITIVE): boolean {
  // A purpose outside Table 13: any of the answers that end a round in that table.
  const wanted =
    app.RawPurpose === undefined
      ? [table[app.Purpose]?.[app.Stage]]
      : Object.values(table).flatMap((byStage) => Object.values(byStage)).filter((t) => t !== 'RnmReport');
  return app.ResultDocs.some((doc) => wanted.includes(doc.DocType));
}

function isInitialRegistration(app: Application): boolean {
  return app.Purpose === 'InitialRegistration' && app.RawPurpose === undefined;
}

export function unsignedDocuments(app: Application) {
  return (app.Documents ?? []).filter((d) => d.Signature !== 'Signed');
}

function hasRegistrationReport(app: Application): boolean {
  const data = app.KktDetails?.FiscalDocumentData;
  return Boolean(data && data.DocumentNumber && data.Signature);
}
