/**
 * A file link from an API answer, fit to bind to `href`: an absolute http(s) URL, or a relative one (it resolves
 * against the page, so same-origin). Anything else — `javascript:`, `data:`, `vbscript:`, `blob:` of another
 * origin, a protocol-relative `//host` that the page's scheme would complete — gives undefined: the caller
 * renders the label without a link. The answer normally comes from our proxy, but a custom client or a
 * compromised upstream must not be able to run script in the page through a link.
 */
export function safeLink(href: string, base: string = globalThis.location?.href ?? 'http://invalid.invalid/'): string | undefined {
  if (typeof href !== 'string' || href.trim() === '') return undefined;
  // Browsers drop tabs and newlines inside URLs and trim spaces/control characters: judge what they would see.
  const seen = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  let url: URL;
  let pageOrigin: string;
  try {
    url = new URL(seen, base);
    pageOrigin = new URL(base).origin;
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:' || url.protocol === 'http:') {
    // A relative spelling is fine only when it stays on the page's origin (`//evil.example/x` does not).
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(seen);
    return absolute || url.origin === pageOrigin ? url.href : undefined;
  }
  return undefined;
}
