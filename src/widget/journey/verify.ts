import { readSignedData } from '../../cms/signed-data.js';
import { base64Bytes } from '../../plugin/base64.js';
import { WidgetError } from '../errors/widget-error.js';
import type { ContentMode, SignatureMode } from '../ports.js';

export interface SigningOptions {
  thumbprint: string;
  signatureMode: SignatureMode;
  contentMode: ContentMode;
}

/** Checked before anything leaves the browser: SignedData, one signer, the chosen certificate, the right content. */
export function verifyLocally(signature: string, content: string, options: SigningOptions): void {
  let info;
  try {
    info = readSignedData(base64Bytes(signature));
  } catch (cause) {
    throw new WidgetError('SIGNATURE_NOT_CMS', { cause });
  }
  if (!info.isSignedData) throw new WidgetError('SIGNATURE_NOT_CMS');
  if (info.signers.length !== 1) throw new WidgetError('SIGNATURE_SIGNER_COUNT', { detail: String(info.signers.length) });
  const signerCert = info.signers[0]!.certificate;
  if (!signerCert || signerCert.thumbprint.toUpperCase() !== options.thumbprint.toUpperCase()) {
    throw new WidgetError('SIGNATURE_WRONG_CERTIFICATE');
  }
  if (info.attached !== (options.signatureMode === 'attached')) throw new WidgetError('SIGNATURE_WRONG_CONTENT', { detail: 'mode' });
  if (info.attached) {
    const expected = options.contentMode === 'decoded' ? base64Bytes(content) : new TextEncoder().encode(content);
    if (!sameBytes(info.content, expected)) throw new WidgetError('SIGNATURE_WRONG_CONTENT');
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
