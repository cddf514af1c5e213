import { transform as transformCss } from 'lightningcss';
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/**
 * Minifies the text of lit's tagged templates in our own modules at build time; the JS minifier leaves template
 * literals as written, so every indent and newline of a view would otherwise reach the browser.
 *
 * - css`…` (no `${}`): minified by Lightning CSS, the CSS minifier vite itself uses, rather than rules of our own.
 * - html`…` / svg`…`: every whitespace run that holds a line break becomes one space (what the browser renders it as
 *   anyway, so a space between inline content stays) — or nothing where it only separates a tag from a block
 *   element's tag, where no text can render. Runs inside <pre> and <textarea> are kept as written.
 *
 * Tags are recognised by name (`html`, `svg`, `css`), as lit imports them in `src/`; node_modules is left alone.
 * Whitespace that must survive as written (the XML shown in <pre>) stays in values, never in a template's own text:
 * this step cannot know that a template will be rendered inside another template's <pre>.
 */
export function litTemplates(): Plugin {
  return {
    name: 'ofd-signer:lit-templates',
    transform(code, id) {
      if (id.includes('node_modules') || !/\/src\/.*\.ts$/.test(id) || !/\b(html|svg|css)`/.test(code)) return null;
      const s = new MagicString(code);
      let changed = false;
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const quasis: TemplateElement[] = node.quasi.quasis;
        if (node.tag.name === 'css') {
          if (quasis.length !== 1) return;
          const q = quasis[0]!;
          const minified = minifyCss(q.value.raw, id);
          if (minified !== q.value.raw) {
            s.overwrite(q.start, q.end, minified);
            changed = true;
          }
        } else if (node.tag.name === 'html' || node.tag.name === 'svg') {
          const texts = collapseHtml(quasis.map((q) => q.value.raw));
          quasis.forEach((q, i) => {
            if (texts[i] !== q.value.raw) {
              // An empty quasi has start === end; MagicString cannot overwrite nothing (and nothing changes there).
              if (q.end > q.start) s.overwrite(q.start, q.end, texts[i]!);
              changed = true;
            }
          });
        }
      });
      return changed ? { code: s.toString(), map: s.generateMap({ hires: true, source: id }) } : null;
    },
  };
}

interface TemplateElement {
  start: number;
  end: number;
  value: { raw: string };
}

function walk(node: any, visit: (node: any) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node.type === 'string') visit(node);
  for (const key of Object.keys(node)) if (key !== 'type' && key !== 'start' && key !== 'end') walk(node[key], visit);
}

function minifyCss(raw: string, filename: string): string {
  // A raw template literal may hold escapes (`\\`, `` \` ``) that CSS would read differently: leave such text alone.
  if (raw.includes('\\') || raw.includes('`')) return raw;
  const { code } = transformCss({ filename, code: Buffer.from(raw), minify: true });
  return code.toString();
}

/** Elements whose box starts on a line of its own, so whitespace beside their tags never renders. */
const BLOCK = new Set(
  'address article aside blockquote details dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol p pre section summary table tbody td tfoot th thead tr ul caption'.split(
    ' ',
  ),
);

/**
 * The whitespace of one html template, given as its static parts (the text between `${}`s). A run of whitespace with
 * a line break becomes one space, or nothing when a block element's tag is on either side of it and the other side
 * is a tag too (never next to `${}`, whose content could be inline text).
 */
export function collapseHtml(parts: readonly string[]): string[] {
  let keep: string | null = null; // inside <pre> or <textarea>: the tag to wait for
  return parts.map((part) => {
    let out = '';
    const tokens = part.split(/(<\/?[a-zA-Z][\w-]*|\s*\n\s*)/);
    tokens.forEach((token, i) => {
      const tag = /^<(\/?)([a-zA-Z][\w-]*)$/.exec(token);
      if (tag) {
        const name = tag[2]!.toLowerCase();
        if (keep === null && !tag[1] && (name === 'pre' || name === 'textarea')) keep = name;
        else if (keep === name && tag[1]) keep = null;
        out += token;
      } else if (keep === null && /\n/.test(token) && /^\s+$/.test(token)) {
        const before = out;
        const after = tokens.slice(i + 1).join('');
        out += betweenBlockTags(before, after) ? '' : ' ';
      } else {
        out += token;
      }
    });
    return out;
  });
}

function betweenBlockTags(before: string, after: string): boolean {
  const open = /<(\/?)([a-zA-Z][\w-]*)(?:[^<>]*)>$/.exec(before);
  const next = /^<\/?([a-zA-Z][\w-]*)/.exec(after);
  if (!open || !next) return false;
  return BLOCK.has(open[2]!.toLowerCase()) || BLOCK.has(next[1]!.toLowerCase());
}
