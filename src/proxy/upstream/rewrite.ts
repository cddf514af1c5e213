/**
 * Rewrites an OFD answer before it reaches a browser: links to OFD files become links to this proxy's
 * `/api/registration/:id/files/…` routes, and no string anywhere may still carry the AuthToken
 * (the simplified-registration `DownloadUrl` has it in its query).
 */
export type FileKey = 'application' | 'simplified' | `result/${number}`;

export function filePath(applicationId: string, key: FileKey): string {
  return `/api/registration/${applicationId}/files/${key}`;
}

export interface RewriteContext {
  applicationId: string;
  /** Origin (and optional path prefix) the browser reaches the proxy at, no trailing slash. */
  publicBase: string;
  authToken: string;
}

export function rewriteUpstreamBody(body: unknown, ctx: RewriteContext): unknown {
  const scrubbed = scrubToken(body, ctx.authToken);
  if (typeof scrubbed !== 'object' || scrubbed === null) return scrubbed;
  const envelope = scrubbed as Record<string, unknown>;
  const data = envelope.Data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return envelope;
  const d = data as Record<string, unknown>;
  const link = (key: FileKey) => `${ctx.publicBase}${filePath(ctx.applicationId, key)}`;
  if (typeof d.DownloadUri === 'string' && d.DownloadUri !== '') d.DownloadUri = link('application');
  if (typeof d.DownloadUrl === 'string' && d.DownloadUrl !== '') d.DownloadUrl = link('simplified');
  if (Array.isArray(d.ResultDocs)) {
    d.ResultDocs.forEach((doc, index) => {
      if (typeof doc === 'object' && doc !== null) {
        const r = doc as Record<string, unknown>;
        if (typeof r.DownloadUri === 'string' && r.DownloadUri !== '') r.DownloadUri = link(`result/${index}`);
      }
    });
  }
  return envelope;
}

const TOKEN_PARAM = /([?&;]|\b)AuthToken=[^&#"\s]*/gi;

/** Deep copy of a JSON value with the token and any `AuthToken=` query value removed from every string. */
export function scrubToken<T>(value: T, authToken: string): T {
  return scrub(value, authToken) as T;
}

function scrub(value: unknown, token: string): unknown {
  if (typeof value === 'string') return scrubString(value, token);
  if (Array.isArray(value)) return value.map((v) => scrub(v, token));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v, token);
    return out;
  }
  return value;
}

export function scrubString(text: string, token: string): string {
  let out = text;
  if (token.length > 0 && out.includes(token)) out = out.split(token).join('[redacted]');
  if (/AuthToken=/i.test(out)) out = out.replace(TOKEN_PARAM, '$1AuthToken=[redacted]');
  return out;
}
