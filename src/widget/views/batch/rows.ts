/**
 * One application as a row of the batch: its state in a word, and the one-line summary of the table ("Одобрено 3
 * из 12 · Нужен отчёт о регистрации: 8 · Отклонена: 1") shown above it and announced (once, coalesced) by the journey.
 */
import type { Messages } from '../../i18n/index.js';
import type { AppState } from '../../journey/machine.js';

export type RowState =
  | 'loading' | 'preparing' | 'skipped' | 'ready' | 'signing' | 'sending' | 'tracking' | 'unresolved' | 'report' | 'approved'
  | 'rejected' | 'error';

export function rowState(s: AppState): RowState {
  switch (s.phase) {
    case 'skipped':
    case 'ready':
    case 'signing':
    case 'sending':
    case 'unresolved':
    case 'approved':
    case 'rejected':
    case 'error':
      return s.phase;
    case 'tracking':
      return s.unresolved ? 'unresolved' : 'tracking';
    case 'needs-report':
      return 'report';
    // A report was saved (or a round is being prepared): OFD makes the documents to sign.
    case 'submitting-report':
    case 'preparing':
    case 'awaiting-documents':
      return 'preparing';
    default:
      return 'loading';
  }
}

export function tableSummary(states: readonly AppState[], b: Messages['batch']): string {
  const counts = new Map<RowState, number>();
  let approved = 0;
  for (const s of states) {
    const state = rowState(s);
    if (state === 'approved') approved++;
    else counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return [b.approvedAll(approved, states.length), ...[...counts].map(([state, n]) => `${b.states[state]}: ${n}`)].join(' · ');
}
