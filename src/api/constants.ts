/**
 * Runtime lists of OFD's enumerations (spec Tables 13, 13.6, 20). Kept apart from `types.ts` so the parsers can
 * import them without an import cycle; `types.ts` re-exports them.
 */

/** Application statuses of Table 13 / Table 14, in the order an application passes through them. */
export const APPLICATION_STATUSES = [
  'New',
  'AwaitingDocuments',
  'AwaitingSignature',
  'ProcessingSignedDocuments',
  'ReadyToBeSentToFns',
  'SentToFns',
  'AwaitingAutoFinalization',
  'Rejected',
  'Approved',
  'DownloadingDocuments',
  'UnknownError',
] as const;

export const APPLICATION_STAGES = ['Initialization', 'Finalization'] as const;

export const APPLICATION_PURPOSES = ['InitialRegistration', 'Reregistration', 'Unregistration'] as const;

/**
 * Statuses after which nothing more will happen to the application without a new request. Not `UnknownError`:
 * Table 13 calls it "неизвестная ошибка" without saying it is final, so it is followed like any other status.
 * Under the reading of the spec's final examples a round can also end at `SentToFns` with the positive FNS document
 * (see `applicationPhase` in src/widget/application-phase.ts), which a status list alone cannot tell.
 */
export const TERMINAL_STATUSES: readonly (typeof APPLICATION_STATUSES)[number][] = ['Approved', 'Rejected'];

/** Statuses in which OFD or FNS is working and the caller should poll. */
export const IN_PROGRESS_STATUSES: readonly (typeof APPLICATION_STATUSES)[number][] = [
  'AwaitingDocuments',
  'ProcessingSignedDocuments',
  'ReadyToBeSentToFns',
  'SentToFns',
  'AwaitingAutoFinalization',
  'DownloadingDocuments',
  'UnknownError',
];

export const RESULT_DOC_TYPES = [
  'RnmReport',
  'RegReport',
  'ReRegReport',
  'RnmRejection',
  'RegRejection',
  'ReRegRejection',
  'UnReg',
  'UnRegRejection',
  'UnKnown',
] as const;

export const SIMPLIFIED_STATUSES = ['PROCESSING', 'REJECTED', 'SUCCESS', 'ERROR'] as const;
