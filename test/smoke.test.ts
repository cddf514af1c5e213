import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

describe('package', () => {
  it('is the ESM package ofd-signer for Node 20+', () => {
    expect(pkg.name).toBe('ofd-signer');
    expect(pkg.type).toBe('module');
    expect(pkg.engines.node).toBe('>=20');
  });
});
