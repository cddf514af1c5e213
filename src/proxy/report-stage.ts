import { ProxyError } from './errors/proxy-error.js';
import type { ApplicationView } from './upstream/envelope.js';

/**
 * The registration report (fiscal document number, sign, date) is entered once the RNM is assigned: the
 * application is then in Stage Finalization with Status New (OFD spec 6.3, table 14). OFD's `PUT /registration/{id}`
 * is its general application edit (7.9), so the proxy opens it to a ticket holder at that moment only. Matched in
 * any casing, as the sign check matches the status: Table 13's spelling is not promised (issue 11).
 */
export function assertAwaitingReport(view: ApplicationView | undefined): void {
  if (view?.stage?.toLowerCase() !== 'finalization' || view.status?.toLowerCase() !== 'new') {
    throw new ProxyError('NOT_AWAITING_REPORT', { detail: `stage ${view?.stage}, status ${view?.status}` });
  }
}
