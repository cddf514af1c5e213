import { describe, expect, it } from 'vitest';
import { collapseHtml } from '../../vite.lit-templates';

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
