/**
 * Named mock scenarios: one reading of the spec per ambiguity (issue 11), each citing the lines it follows. Line
 * numbers are those of the OFD spec text (`003_d05080e8c6526e36.txt`, sections 6–8). The product must reach the
 * outcome a user calls success under every one of them; `test/spec-readings-matrix.test.ts` and
 * `test/widget/spec-readings-matrix.test.ts` run the journey under each.
 */
import type { EnvelopeStyle } from '../api/envelope.js';
import type { MockReadings, MockScenario } from './types.js';

/** The spec's examples where they speak; where none does (GET during AwaitingSignature), the prepare answer's form. */
export const DEFAULT_READINGS: MockReadings = {
  success: 'approved',
  statusDocuments: 'content',
  fileLinks: 'same-host',
  resultDocsOrder: 'newest-first',
  errorCodes: 'named',
  directorNames: 'examples',
  statusCasing: 'as-table',
  downloadingDocuments: false,
  transientUnknownError: false,
  unregistrationKind: 'example',
};

export interface MockScenarioDefinition {
  /** What the scenario plays and the spec lines it follows. */
  description: string;
  readings?: Partial<MockReadings>;
  scenario?: Partial<MockScenario>;
  envelope?: EnvelopeStyle;
  documentsPerRound?: number;
}

export const MOCK_SCENARIOS = {
  examples: {
    description: "The defaults: Table 14's Approved, Table 13's spelling, named error codes, the examples' Director names.",
  },
  'sent-to-fns-final': {
    description: 'A round ends at SentToFns with the positive FNS document in ResultDocs and stays there (7.6.4 l.4128/l.4211, 7.7.4 l.5083/l.5163).',
    readings: { success: 'sent-to-fns' },
  },
  'status-without-content': {
    description: 'GET lists the documents without Content while AwaitingSignature (as the signed document at l.3037–3047).',
    readings: { statusDocuments: 'no-content' },
  },
  'status-documents-empty': {
    description: 'GET answers Documents: [] while AwaitingSignature (as l.2871, l.3517, l.4134, l.5087 in other states).',
    readings: { statusDocuments: 'empty' },
  },
  'awaiting-documents': {
    description: 'prepareDocuments answers AwaitingDocuments, the documents come later in GET (Table 14 l.1071 "возможное промежуточное состояние AwaitingDocuments").',
    scenario: { awaitingDocumentsMs: 2000 },
  },
  'other-file-host': {
    description: 'File links on dev.<host>, outside /api/integration (7.1 calls ofd.ru and answers dev.ofd.ru links, l.1319–1320, l.3141).',
    readings: { fileLinks: 'other-host' },
  },
  'result-docs-reordered': {
    description: 'ResultDocs change order on every read (RnmReport first at l.3134, second at l.4219).',
    readings: { resultDocsOrder: 'reordered' },
  },
  'numeric-error-codes': {
    description: "Errors in 6.1's form with a numeric Code ≠ 0 (l.612–626), the tables' messages kept (Tables 17–28).",
    readings: { errorCodes: 'numeric' },
    envelope: 'status',
  },
  'status-envelope': {
    description: "Section 6.1's envelope {Status:\"Success\",Data} / {Status:\"Failed\",Error} instead of the examples' {Data,Success}.",
    envelope: 'status',
  },
  'director-names-tables': {
    description: 'Director.FirstName holds the surname and LastName the given name, as the field tables say (l.868, 1379, 2147, 2572, 3201).',
    readings: { directorNames: 'tables' },
  },
  'status-lower-case': {
    description: "Statuses, stages and purposes in another casing than Table 13's (nothing promises the casing).",
    readings: { statusCasing: 'lower-case' },
  },
  'downloading-documents': {
    description: 'Passes through DownloadingDocuments (Table 13 l.841) before FNS answers.',
    readings: { downloadingDocuments: true },
  },
  'unknown-error-transient': {
    description: 'Shows UnknownError (Table 13 l.842) between SentToFns and the FNS answer, then carries on.',
    readings: { transientUnknownError: true },
  },
  'unregistration-form-kind': {
    description: 'De-registration documents with Kind 1110062 (the FNS form code) instead of the 7.8.2 example’s 1110061 (l.5533).',
    readings: { unregistrationKind: 'form' },
  },
  'two-documents': {
    description: 'Two documents per round (Documents is an array, Table 13.5 l.1030; 7.4 signs each with its DocumentId).',
    documentsPerRound: 2,
  },
  'all-at-once': {
    description: 'Every strict reading together: SentToFns end, Documents: [] in GET, other file host, reordered ResultDocs, numeric codes, table names, lower-case statuses.',
    readings: {
      success: 'sent-to-fns',
      statusDocuments: 'empty',
      fileLinks: 'other-host',
      resultDocsOrder: 'reordered',
      errorCodes: 'numeric',
      directorNames: 'tables',
      statusCasing: 'lower-case',
      unregistrationKind: 'form',
    },
    envelope: 'status',
  },
} satisfies Record<string, MockScenarioDefinition>;

export type MockScenarioName = keyof typeof MOCK_SCENARIOS;

export const MOCK_SCENARIO_NAMES = Object.keys(MOCK_SCENARIOS) as MockScenarioName[];

/** Options of `createMockOfd` for a named scenario. */
export function mockScenarioOptions(name: MockScenarioName): {
  readings: Partial<MockReadings>;
  scenario: Partial<MockScenario>;
  envelope?: EnvelopeStyle;
  documentsPerRound?: number;
} {
  const definition: MockScenarioDefinition = MOCK_SCENARIOS[name];
  if (!definition) throw new RangeError(`unknown mock scenario ${name}`);
  return {
    readings: definition.readings ?? {},
    scenario: definition.scenario ?? {},
    ...(definition.envelope ? { envelope: definition.envelope } : {}),
    ...(definition.documentsPerRound ? { documentsPerRound: definition.documentsPerRound } : {}),
  };
}
