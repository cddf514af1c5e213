import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { collapseHtml, litTemplates } from '../../vite.lit-templates';

// The build step that strips the indentation of lit's html templates: what renders must stay what renders.
describe('collapseHtml', () => {
  it('drops line breaks between block tags', () => {
    expect(collapseHtml(['<div part="base">\n    <p>Текст</p>\n  </div>'])).toEqual(['<div part="base"><p>Текст</p></div>']);
  });

  it('keeps one space where the whitespace separates inline content or an expression', () => {
    expect(collapseHtml(['<span>ИНН</span>\n  <strong>', '</strong>\n  ', ''])).toEqual(['<span>ИНН</span> <strong>', '</strong> ', '']);
    expect(collapseHtml(['<p>\n  ', '\n</p>'])).toEqual(['<p> ', ' </p>']);
  });

  it('leaves spaces without a line break as written', () => {
    expect(collapseHtml(['<p>a  b</p> <p>c</p>'])).toEqual(['<p>a  b</p> <p>c</p>']);
  });

  it('keeps whitespace inside <pre> and <textarea>, across expressions', () => {
    expect(collapseHtml(['<pre>\n  a\n', '\n</pre>\n<div>\n</div>'])).toEqual(['<pre>\n  a\n', '\n</pre><div></div>']);
    expect(collapseHtml(['<textarea>\n x\n</textarea>'])).toEqual(['<textarea>\n x\n</textarea>']);
  });
});

describe('litTemplates (the vite plugin)', () => {
  const run = (code: string, id = '/repo/src/widget/view.ts'): string | null => {
    const plugin = litTemplates();
    const transform = plugin.transform as (this: { parse: typeof parseAst }, code: string, id: string) => { code: string } | null;
    return transform.call({ parse: parseAst }, code, id)?.code ?? null;
  };

  it("minifies css`` and html`` of our modules, nested templates too, and keeps the JS around them", () => {
    const out = run(
      "const styles = css`\n  :host {\n    display: block;\n    margin: 0 0 0.5rem;\n  }\n`;\n" +
        'const view = (x) => html`<div>\n  ${x ? html`<p>\n    a\n  </p>` : nothing}\n</div>`;\n',
    );
    expect(out).toBe(
      'const styles = css`:host{margin:0 0 .5rem;display:block}`;\n' + 'const view = (x) => html`<div> ${x ? html`<p> a </p>` : nothing} </div>`;\n',
    );
  });

  it('leaves css with expressions, other tags and node_modules as written', () => {
    const css = 'const s = css`\n  a { color: ${c}; }\n`;\nconst t = other`\n  x\n`;\n';
    expect(run(css)).toBeNull();
    expect(run('const v = html`<p>\n</p>`;', '/repo/node_modules/lit/x.js')).toBeNull();
  });
});
