import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROXY_ERRORS } from '../../src/proxy/errors/error-catalog.js';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../../docs/proxy.md', import.meta.url), 'utf8');
  it.each(Object.entries(PROXY_ERRORS))('%s has both languages, a 4xx/5xx status and is documented', (code, spec) => {
    expect(spec.en.length).toBeGreaterThan(5);
    expect(spec.ru).toMatch(/[А-Яа-яЁё]/);
    expect(spec.status).toBeGreaterThanOrEqual(400);
    expect(doc).toContain(`\`${code}\``);
  });
});
