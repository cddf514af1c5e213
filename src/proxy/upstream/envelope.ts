/**
 * Just enough of OFD's two envelope styles for the proxy to decide success or failure:
 * `{Status:"Success",Data}` / `{Status:"Failed",Error}` (section 6.1) and
 * `{Data,Success:true}` / `{Data:null,Success:false,Errors:[…]}` (section 7 examples).
 * A failure body on HTTP 200 is a failure. Bodies are otherwise passed through untouched.
 */
export type EnvelopeReading =
  | { kind: 'success'; data: unknown }
  | { kind: 'failure' }
  | { kind: 'unrecognised' };

export function readEnvelope(body: unknown): EnvelopeReading {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'unrecognised' };
  const o = body as Record<string, unknown>;
  if (o.Status === 'Failed' || o.Success === false || (o.Error !== undefined && o.Error !== null)) return { kind: 'failure' };
  if (Array.isArray(o.Errors) && o.Errors.length > 0 && o.Success !== true) return { kind: 'failure' };
  if ((o.Status === 'Success' || o.Success === true) && 'Data' in o) return { kind: 'success', data: o.Data };
  return { kind: 'unrecognised' };
}

/** Fields of an application the proxy itself looks at. */
export interface ApplicationView {
  status: string | undefined;
  stage: string | undefined;
  documents: { id: string; signature: string | undefined; content: string | undefined }[];
  downloadUri: string | undefined;
  /** `ResultDocs` in OFD's order: its type and link. */
  resultDocs: { docType: string | undefined; uri: string | undefined }[];
  /** `StatusChangeDateUtc`, to tell whether OFD moved the application since a moment. */
  statusChangedAt: string | undefined;
  /** `UDateUtc` ("Дата изменения заявки", Table 13): whether OFD changed the application at all since a moment. */
  updatedAt: string | undefined;
}

export function viewApplication(data: unknown): ApplicationView | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const documents = Array.isArray(d.Documents)
    ? d.Documents.flatMap((doc) => {
        if (typeof doc !== 'object' || doc === null) return [];
        const x = doc as Record<string, unknown>;
        const id = str(x.Id);
        return id ? [{ id: id.toLowerCase(), signature: str(x.Signature), content: str(x.Content) }] : [];
      })
    : [];
  const resultDocs = Array.isArray(d.ResultDocs)
    ? d.ResultDocs.map((r) => {
        const x = typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {};
        return { docType: str(x.DocType), uri: str(x.DownloadUri) };
      })
    : [];
  return {
    status: str(d.Status),
    stage: str(d.Stage),
    documents,
    downloadUri: str(d.DownloadUri),
    resultDocs,
    statusChangedAt: str(d.StatusChangeDateUtc),
    updatedAt: str(d.UDateUtc),
  };
}
