import { describe, expect, it } from 'vitest';
import { safeLink } from '../../src/widget/safe-link.js';

/** Issue 14, finding 6: only http(s) or same-origin file links are bound to href. */
const PAGE = 'https://sign.example/app/?application=x';

describe('safeLink', () => {
  it.each([
    ['https://sign.example/api/registration/1/files/application', 'https://sign.example/api/registration/1/files/application'],
    ['http://proxy.test/api/registration/1/files/result/0', 'http://proxy.test/api/registration/1/files/result/0'],
    ['/api/registration/1/files/application', 'https://sign.example/api/registration/1/files/application'],
    ['files/x.pdf', 'https://sign.example/app/files/x.pdf'],
  ])('keeps %s', (href, expected) => {
    expect(safeLink(href, PAGE)).toBe(expected);
  });

  it.each([
    'javascript:alert(document.domain)',
    'JaVaScRiPt:alert(1)',
    ' \tjava\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://evil.example/0b0e',
    'file:///etc/passwd',
    '//evil.example/x.pdf',
    '',
  ])('refuses %j', (href) => {
    expect(safeLink(href, PAGE)).toBeUndefined();
  });
});
