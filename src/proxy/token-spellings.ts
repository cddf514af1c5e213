/**
 * Every way the AuthToken can be written in text the proxy passes on: as is, percent-encoded (any letter of it,
 * upper or lower hex, once or twice: `%41`, `%2541`), JSON-escaped (`\u0041`), or as base64 / base64url of its
 * bytes. One matcher per token serves the answer scrubber (upstream/rewrite.ts), the file-header filter and the
 * log redactor, so no encoding is caught in one place and missed in another.
 */
export interface TokenSpellings {
  /** Whether the text holds the token in any spelling. */
  test(text: string): boolean;
  /** The text with every spelling of the token replaced. */
  replace(text: string, replacement: string): string;
}

const cache = new Map<string, TokenSpellings>();

export function tokenSpellings(token: string): TokenSpellings {
  let found = cache.get(token);
  if (!found) {
    if (cache.size > 16) cache.clear();
    found = build(token);
    cache.set(token, found);
  }
  return found;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function letterPattern(ch: string): string {
  const bytes = [...Buffer.from(ch, 'utf8')];
  const hex = (b: number) => b.toString(16).padStart(2, '0');
  const percent = bytes.map((b) => `%(?:25)?${hex(b)}`).join('');
  const code = ch.codePointAt(0)!;
  const json = code <= 0xffff ? `|\\\\u${code.toString(16).padStart(4, '0')}` : '';
  return `(?:${escapeRegExp(ch)}|${percent}${json})`;
}

function build(token: string): TokenSpellings {
  if (token.length === 0) return { test: () => false, replace: (text) => text };
  // Hex digits in either case; the letters themselves as written (tokens are case-sensitive).
  const encoded = new RegExp([...token].map(letterPattern).join('').replace(/%\(\?:25\)\?([0-9a-f]{2})/g, (_m, h: string) => `%(?:25)?(?:${h}|${h.toUpperCase()})`).replace(/\\\\u([0-9a-f]{4})/g, (_m, h: string) => `\\\\u(?:${h}|${h.toUpperCase()})`), 'g');
  const bytes = Buffer.from(token, 'utf8');
  // base64 of the token alone (a longer value's base64 shifts with its neighbours; not claimed here).
  const literals = [...new Set([bytes.toString('base64'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')])].filter((s) => s.length >= 8);
  const mayBeEncoded = (text: string) => text.includes('%') || text.includes('\\');
  return {
    test(text) {
      if (text.includes(token)) return true;
      for (const l of literals) if (text.includes(l)) return true;
      if (!mayBeEncoded(text)) return false;
      encoded.lastIndex = 0;
      return encoded.test(text);
    },
    replace(text, replacement) {
      let out = text;
      if (out.includes(token)) out = out.split(token).join(replacement);
      for (const l of literals) if (out.includes(l)) out = out.split(l).join(replacement);
      return mayBeEncoded(out) ? out.replace(encoded, replacement) : out;
    },
  };
}
