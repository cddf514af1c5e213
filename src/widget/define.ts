import { OfdSignerElement } from './ofd-signer.js';

/**
 * Registers `<ofd-signer>` unless something already did: a partner page may load two bundles that both carry
 * the element, and `customElements.define` throws on the second.
 */
export function defineOfdSigner(tagName = 'ofd-signer'): CustomElementConstructor {
  const existing = customElements.get(tagName);
  if (existing) return existing;
  // A subclass per extra tag name: one constructor can be registered under one name only.
  const ctor = tagName === 'ofd-signer' ? OfdSignerElement : class extends OfdSignerElement {};
  customElements.define(tagName, ctor);
  return ctor;
}

declare global {
  interface HTMLElementTagNameMap {
    'ofd-signer': OfdSignerElement;
  }
}
