/**
 * Rewrites an OFD answer before it reaches a browser: links to OFD files become links to this proxy's
 * `/api/registration/:id/files/…` routes, and no string anywhere may still carry the AuthToken
 * (the simplified-registration `DownloadUrl` has it in its query).
 */
import { tokenSpellings } from '../token-spellings.js';

export type FileKey = 'application' | 'simplified' | `result/${string}`;

/**
 * The key of each FNS answer: its `DocType` (Table 13.6), with `-2`, `-3` … for a repeated type. Never the
 * position: `ResultDocs` changes order between polls (RnmReport first at l.3134, second at l.4219), so a link
 * shown earlier must still fetch the same document.
 */
export function resultDocKeys(docTypes: readonly (string | undefined)[]): `result/${string}`[] {
  const seen = new Map<string, number>();
  return docTypes.map((raw) => {
    const type = raw && /^[A-Za-z]{1,40}$/.test(raw) ? raw : 'UnKnown';
    const n = (seen.get(type) ?? 0) + 1;
    seen.set(type, n);
    return `result/${type}${n > 1 ? `-${n}` : ''}` as const;
  });
}

const docTypeOf = (doc: unknown) =>
  typeof doc === 'object' && doc !== null && typeof (doc as Record<string, unknown>).DocType === 'string'
    ? ((doc as Record<string, unknown>).DocType as string)
    : undefined;

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
    const keys = resultDocKeys(d.ResultDocs.map(docTypeOf));
    d.ResultDocs.forEach((doc, index) => {
      if (typeof doc === 'object' && doc !== null) {
        const r = doc as Record<string, unknown>;
        if (typeof r.DownloadUri === 'string' && r.DownloadUri !== '') r.DownloadUri = link(keys[index]!);
      }
    });
  }
  return envelope;
}

/**
 * The rewritten answer as JSON text meaning exactly what `JSON.stringify(rewriteUpstreamBody(body, ctx))` means,
 * at a fraction of its cost on the status poll. `raw` is the text `body` was parsed from, when there is one.
 *
 * 1. With `raw` and no backslash in it, every string in it is written literally, so the file links (each found
 *    exactly once, quoted) are replaced in the text itself: no copy, no serialisation.
 * 2. Otherwise the links are replaced on shallow copies of just the objects that hold them (the body itself may
 *    sit in the status cache), serialised once.
 * Either text is sent only if it shows neither the token nor `AuthToken=` anywhere: every string value that
 * held them would show them letter for letter, so the deep scrub would have changed nothing. Otherwise, or
 * for a token that JSON would escape, the whole value is deep-scrubbed and serialised (`rewriteUpstreamBody`).
 */
export function renderUpstreamBody(body: unknown, ctx: RewriteContext, raw?: string): string | undefined {
  if (plainToken(ctx.authToken)) {
    const links = linkFields(body, ctx);
    if (raw !== undefined) {
      const text = relinkText(raw, links);
      // A backslash here can only come from a link; refused all the same, as in `raw`.
      if (text !== undefined && !text.includes('\\') && clean(text, ctx.authToken)) return text;
    }
    // JSON.stringify escapes only quotes, backslashes and control characters: a plain token shows as it is.
    const text = JSON.stringify(links ? replaceLinks(body as Record<string, unknown>, links) : body);
    if (text === undefined || clean(text, ctx.authToken)) return text;
  }
  return JSON.stringify(rewriteUpstreamBody(body, ctx));
}

const AUTH_PARAM_NAME = /AuthToken(?:=|%3d|%253d)/i;

function clean(text: string, token: string): boolean {
  return !tokenSpellings(token).test(text) && !AUTH_PARAM_NAME.test(text);
}

function plainToken(token: string): boolean {
  return token.length > 0 && JSON.stringify(token) === `"${token}"` && !/[\ud800-\udfff]/.test(token);
}

/** Where `rewriteUpstreamBody` puts a proxy link: the object, its key, the value there now, the link. */
interface LinkField {
  holder: Record<string, unknown>;
  key: string;
  value: string;
  link: string;
  /** Index in `Data.ResultDocs`, for result documents. */
  index?: number;
}

/** The link fields of `rewriteUpstreamBody`, found on the value without changing it; undefined when it has no `Data` object. */
function linkFields(body: unknown, ctx: RewriteContext): LinkField[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const data = (body as Record<string, unknown>).Data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  const link = (key: FileKey) => `${ctx.publicBase}${filePath(ctx.applicationId, key)}`;
  const fields: LinkField[] = [];
  if (typeof d.DownloadUri === 'string' && d.DownloadUri !== '') fields.push({ holder: d, key: 'DownloadUri', value: d.DownloadUri, link: link('application') });
  if (typeof d.DownloadUrl === 'string' && d.DownloadUrl !== '') fields.push({ holder: d, key: 'DownloadUrl', value: d.DownloadUrl, link: link('simplified') });
  if (Array.isArray(d.ResultDocs)) {
    const keys = resultDocKeys(d.ResultDocs.map(docTypeOf));
    d.ResultDocs.forEach((doc: unknown, index) => {
      if (typeof doc !== 'object' || doc === null) return;
      const r = doc as Record<string, unknown>;
      if (typeof r.DownloadUri === 'string' && r.DownloadUri !== '') {
        fields.push({ holder: r, key: 'DownloadUri', value: r.DownloadUri, link: link(keys[index]!), index });
      }
    });
  }
  return fields;
}

/** Step 1: each link value replaced where it stands in the text; undefined when that cannot be done for certain. */
function relinkText(raw: string, links: LinkField[] | undefined): string | undefined {
  if (raw.includes('\\')) return undefined;
  let out = raw;
  for (const field of links ?? []) {
    // Without escapes a string value appears as exactly `"value"`; found once, that one is this field.
    const quoted = `"${field.value}"`;
    const at = out.indexOf(quoted);
    if (at < 0 || out.indexOf(quoted, at + 1) >= 0) return undefined;
    out = `${out.slice(0, at)}${JSON.stringify(field.link)}${out.slice(at + quoted.length)}`;
  }
  return out;
}

/** Step 2: the body with the link fields replaced, on copies of the envelope, `Data` and the result documents touched. */
function replaceLinks(body: Record<string, unknown>, links: LinkField[]): Record<string, unknown> {
  const data: Record<string, unknown> = { ...(body.Data as Record<string, unknown>) };
  const resultDocs = Array.isArray(data.ResultDocs) ? [...(data.ResultDocs as unknown[])] : undefined;
  for (const field of links) {
    if (field.index === undefined) data[field.key] = field.link;
    else resultDocs![field.index] = { ...field.holder, [field.key]: field.link };
  }
  if (resultDocs) data.ResultDocs = resultDocs;
  return { ...body, Data: data };
}

const TOKEN_PARAM = /([?&;]|\b)AuthToken(?:=|%3d|%253d)[^&#"\s]*/gi;

/** Deep copy of a JSON value with the token and any `AuthToken=` query value removed from every string, keys included. */
export function scrubToken<T>(value: T, authToken: string): T {
  return scrub(value, authToken) as T;
}

function scrub(value: unknown, token: string): unknown {
  if (typeof value === 'string') return scrubString(value, token);
  if (Array.isArray(value)) return value.map((v) => scrub(v, token));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Names too: a token in a key would reach the browser as surely as in a value.
      const key = scrubString(k, token);
      const scrubbed = scrub(v, token);
      // As JSON.parse does, `__proto__` stays an own field instead of becoming the copy's prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: scrubbed, enumerable: true, writable: true, configurable: true });
      else out[key] = scrubbed;
    }
    return out;
  }
  return value;
}

export function scrubString(text: string, token: string): string {
  // Every spelling of the token (percent-encoded, JSON-escaped, base64), not only the literal one.
  let out = tokenSpellings(token).replace(text, '[redacted]');
  if (AUTH_PARAM_NAME.test(out)) out = out.replace(TOKEN_PARAM, '$1AuthToken=[redacted]');
  return out;
}
