import { describe, expect, it } from 'vitest';
import { generateGostKeyPair, gostVerify } from '../../src/cms/gost.js';
import { createCaSigner } from '../../src/testing/ca-signer.js';

describe('createCaSigner (test CA, fixed nonce)', () => {
  it('produces signatures the regular verifier accepts, for any data', () => {
    const keys = generateGostKeyPair();
    const sign = createCaSigner(keys.privateKey, 256);
    for (const text of ['', 'a', 'tbsCertificate'.repeat(100)]) {
      const data = new TextEncoder().encode(text);
      const signature = sign(data);
      expect(signature).toHaveLength(64);
      expect(gostVerify(keys.publicKey, data, signature)).toBe(true);
      expect(gostVerify(keys.publicKey, new TextEncoder().encode(`${text}!`), signature)).toBe(false);
    }
  });

  it('signs with 512-bit CA keys as well', () => {
    const keys = generateGostKeyPair(512);
    const data = new TextEncoder().encode('x');
    expect(gostVerify(keys.publicKey, data, createCaSigner(keys.privateKey, 512)(data), 512)).toBe(true);
  });
});
