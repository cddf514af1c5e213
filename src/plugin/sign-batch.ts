/**
 * Many documents, one certificate, in sequence: the PIN is asked once where CryptoPro can keep it, each signature
 * is handed to the caller as soon as it exists (so it can be sent and is never lost), and the first failure stops
 * the batch — a cancelled PIN on document k keeps the k-1 signatures made and attempts nothing after k.
 */
import { isCryptoProError, type CryptoProError } from './errors/crypto-pro-error.js';
import { PluginError } from './errors/plugin-error.js';
import { UserCancelledError } from './errors/user-cancelled-error.js';
import type { CryptoProAdapter, SignOptions } from './types.js';
import { messageOf } from './hresult.js';

/** The part of the adapter a batch needs (any object with these two methods, e.g. the widget's port). */
export type BatchSigner = Pick<CryptoProAdapter, 'sign' | 'cachePin'>;

export interface BatchDocument {
  /** The caller's id for the document (e.g. "<application id>/<document id>"). */
  id: string;
  content: string;
}

export interface SignedDocument {
  id: string;
  index: number;
  /** base64 CMS, as `adapter.sign()` returns it. */
  signature: string;
}

export interface SignBatchOptions extends SignOptions {
  /** Ask CryptoPro to keep the PIN for the session first (`adapter.cachePin`). Default true. */
  cachePin?: boolean;
  /** Called once the PIN-caching answer is known, before the first document (to tell the user what to expect). */
  onPinCaching?: (cached: boolean) => void;
  /** Called after each signature, in order; awaited, so a caller can send it before the next document is signed. */
  onSigned?: (signed: SignedDocument, progress: { done: number; total: number }) => void | Promise<void>;
  /** Stops before the next document (the one being signed finishes: the plug-in call cannot be withdrawn). */
  signal?: AbortSignal;
}

export type BatchStop = 'cancelled' | 'failed' | 'aborted';

export interface SignBatchResult {
  /** Signatures made, in document order (always a prefix of the documents). */
  signed: SignedDocument[];
  /** Whether CryptoPro agreed to keep the PIN (false: it asked, or will ask, for each document). */
  pinCached: boolean;
  /** Why the batch ended early; undefined when every document was signed. */
  stoppedBy?: BatchStop | undefined;
  /** The document that failed and its error (`UserCancelledError` when the user cancelled the PIN dialog). */
  failure?: { id: string; index: number; error: CryptoProError } | undefined;
  /** Ids never attempted. */
  notAttempted: string[];
}

/**
 * Signs `documents` one after another with one certificate. Never rejects for a signing failure (it is in the
 * result); rejects only if `onSigned` or `onPinCaching` throws.
 */
export async function signBatch(
  adapter: BatchSigner,
  documents: readonly BatchDocument[],
  options: SignBatchOptions,
): Promise<SignBatchResult> {
  const { cachePin = true, onPinCaching, onSigned, signal, ...signOptions } = options;
  const pinCached = cachePin && documents.length > 1 ? await adapter.cachePin(signOptions.thumbprint) : false;
  onPinCaching?.(pinCached);
  const signed: SignedDocument[] = [];
  const rest = (from: number): string[] => documents.slice(from).map((d) => d.id);

  for (const [index, document] of documents.entries()) {
    if (signal?.aborted) return { signed, pinCached, stoppedBy: 'aborted', notAttempted: rest(index) };
    let signature: string;
    try {
      signature = await adapter.sign(document.content, signOptions);
    } catch (thrown) {
      const error = isCryptoProError(thrown)
        ? thrown
        : new PluginError({ originalMessage: messageOf(thrown), cause: thrown });
      return {
        signed,
        pinCached,
        stoppedBy: error instanceof UserCancelledError ? 'cancelled' : 'failed',
        failure: { id: document.id, index, error },
        notAttempted: rest(index + 1),
      };
    }
    const item = { id: document.id, index, signature };
    signed.push(item);
    await onSigned?.(item, { done: signed.length, total: documents.length });
  }
  return { signed, pinCached, notAttempted: [] };
}
