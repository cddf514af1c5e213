import type { Application, ApplicationDocument } from '../api/types.js';

/**
 * The documents of the current prepare → sign round, as the signer must see them whatever OFD's status answer
 * carries. No example of `GET /registration/{id}` shows `Documents` with `Content` while `AwaitingSignature`
 * (7.5 l.2871, 7.6.1 l.3517 and the later ones show `Documents: []`), so what `prepareDocuments` returned
 * (7.3 l.2010–2029) is kept and counts until OFD shows otherwise.
 */
export function withPreparedDocuments(latest: Application, prepared: readonly ApplicationDocument[]): Application {
  if (latest.Status !== 'AwaitingSignature' || prepared.length === 0) return latest;
  const listed = latest.Documents ?? [];
  if (listed.length === 0) return { ...latest, Documents: prepared.map((d) => ({ ...d })) };
  const byId = new Map(prepared.map((d) => [d.Id.toLowerCase(), d]));
  const documents = listed.map((d) => {
    const known = byId.get(d.Id.toLowerCase());
    return d.Content || !known?.Content ? d : { ...d, Content: known.Content };
  });
  return { ...latest, Documents: documents };
}

/**
 * The round to keep after OFD's answer. Listed with their `Content` (prepareDocuments, or a read that shows them):
 * those, unsigned. Awaiting signatures or documents with none shown: the round kept so far (`kept`; undefined right
 * after a new prepareDocuments — only its answer belongs to the new round). Past the round: nothing.
 */
export function keptRound(kept: readonly ApplicationDocument[] | undefined, answer: Application): ApplicationDocument[] {
  const listed = answer.Documents ?? [];
  if (answer.Status === 'AwaitingSignature' && listed.some((d) => d.Content)) return listed.filter((d) => d.Content && d.Signature !== 'Signed');
  if (answer.Status === 'AwaitingSignature' || answer.Status === 'AwaitingDocuments') return [...(kept ?? [])];
  return [];
}

/** What to do with each signature made in this round, given the latest status. */
export interface SendPlan {
  /** Still awaited by OFD as far as the status shows: send each once. */
  send: string[];
  /** OFD shows them signed, or has moved past the round: sent by another tab (or by us, before a reload). */
  alreadySigned: string[];
  /** OFD shows other documents now (prepared again elsewhere): not sent, and the caller must say so. */
  notAwaited: string[];
}

/** Statuses of Table 14 that come only after every document of the round was signed. */
const PAST_SIGNING = new Set(['ProcessingSignedDocuments', 'ReadyToBeSentToFns', 'SentToFns', 'Approved', 'Rejected', 'DownloadingDocuments']);

/**
 * Decides, for the documents signed in this round, which still need their one `sign`. A signature is never
 * dropped silently: a status that lists no documents (`Documents: []`) leaves every signature to be sent, and a
 * document OFD no longer lists is reported (`notAwaited`) instead of skipped.
 */
export function planSend(signedDocumentIds: readonly string[], latest: Application): SendPlan {
  const plan: SendPlan = { send: [], alreadySigned: [], notAwaited: [] };
  const listed = new Map((latest.Documents ?? []).map((d) => [d.Id.toLowerCase(), d]));
  for (const id of signedDocumentIds) {
    const shown = listed.get(id.toLowerCase());
    if (shown?.Signature === 'Signed') plan.alreadySigned.push(id);
    else if (latest.Status === 'AwaitingSignature') (shown || listed.size === 0 ? plan.send : plan.notAwaited).push(id);
    else if (PAST_SIGNING.has(latest.Status) && latest.RawStatus === undefined) plan.alreadySigned.push(id);
    else plan.notAwaited.push(id);
  }
  return plan;
}
