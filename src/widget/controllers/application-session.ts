import type { Application, ApplicationDocument } from '../../api/types.js';
import { base64ToBytes } from '../../cms/base64.js';
import { inspectCms } from '../../cms/index.js';
import { applicationPhase, unsignedDocuments, type ApplicationPhase } from '../application-phase.js';
import { decodeDocumentXml, documentKeyFields, type DocumentKeyFields } from '../document-fields.js';
import { planSend, withPreparedDocuments } from '../round-documents.js';
import { WidgetError } from '../errors/widget-error.js';
import type { ContentMode, OfdClientPort, RegistrationReport, SignatureMode, SignerAdapterPort, SignerNames } from '../ports.js';

/** A document as the review shows it. */
export interface ReviewedDocument {
  document: ApplicationDocument;
  xml: string;
  fields: DocumentKeyFields;
}

export interface SigningOptions {
  thumbprint: string;
  signatureMode: SignatureMode;
  contentMode: ContentMode;
}

/** How sending a round of signatures ended. */
export interface SendOutcome {
  sent: string[];
  /** Documents whose `sign` may or may not have reached OFD: resolved through status, never re-sent. */
  unknown: string[];
}

/**
 * Everything about one application: its last known state, its documents, the signatures made for the current
 * round and which of them were sent. The element keeps one; a batch will keep one per application.
 */
export class ApplicationSession {
  application: Application | undefined;
  signatures = new Map<string, string>();
  private reviewed: ReviewedDocument[] = [];
  /** The round's documents as prepareDocuments returned them: the status answer may list none (round-documents.ts). */
  private prepared: ApplicationDocument[] = [];
  /**
   * Documents OFD definitely refused: 7.4 (l.2318) allows no repeated `sign`, so they are never offered again —
   * with none left to sign, the flow prepares the round again and new documents come.
   */
  private readonly refused = new Set<string>();

  constructor(
    readonly id: string,
    private readonly client: OfdClientPort,
  ) {}

  get phase(): ApplicationPhase | undefined {
    return this.application && applicationPhase(this.application);
  }

  get documents(): readonly ReviewedDocument[] {
    return this.reviewed;
  }

  async refresh(): Promise<Application> {
    return this.accept(await this.client.getApplication(this.id));
  }

  async prepare(signer: SignerNames): Promise<Application> {
    const answer = await this.client.prepareDocuments(this.id, signer);
    // A new round: only what this answer carries belongs to it (nothing yet while AwaitingDocuments).
    this.prepared = [];
    return this.accept(answer);
  }

  async submitReport(report: RegistrationReport): Promise<void> {
    await this.client.submitRegistrationReport(this.id, report);
  }

  /** Documents of this round still to sign. */
  get toSign(): ApplicationDocument[] {
    return this.application ? this.signable(this.application) : [];
  }

  private signable(app: Application): ApplicationDocument[] {
    return unsignedDocuments(app).filter((d) => !this.refused.has(d.Id.toLowerCase()));
  }

  /**
   * Signs every unsigned document in order and checks each signature before anything leaves the browser.
   * A failure (a cancelled PIN included) throws and leaves nothing sent.
   */
  async signAll(
    adapter: SignerAdapterPort,
    options: SigningOptions,
    onSigned: (doc: ApplicationDocument, signature: string, index: number, total: number) => void,
    onProgress: (index: number, total: number) => void,
  ): Promise<void> {
    const docs = this.toSign;
    if (docs.length === 0) throw new WidgetError('NO_DOCUMENTS');
    this.signatures.clear();
    for (const [i, doc] of docs.entries()) {
      onProgress(i + 1, docs.length);
      const content = doc.Content;
      if (!content) throw new WidgetError('NO_DOCUMENTS', { detail: doc.Id });
      const signature = await adapter.sign(content, {
        thumbprint: options.thumbprint,
        detached: options.signatureMode === 'detached',
        contentMode: options.contentMode,
      });
      verifyLocally(signature, content, options);
      this.signatures.set(doc.Id, signature);
      onSigned(doc, signature, i + 1, docs.length);
    }
  }

  /**
   * Sends each signature once; an ambiguous failure is recorded, not retried. Another tab on the same application
   * may have sent its own signatures while this one waited for the PIN: the sending is serialised across tabs
   * (Web Locks, where the browser has them); `planSend` decides what still goes out — a status listing no
   * documents sends them all, a document OFD shows signed is not sent again, one it no longer lists is reported.
   */
  async sendAll(onProgress: (index: number, total: number) => void): Promise<SendOutcome> {
    return withSendLock(this.id, async () => {
      const outcome: SendOutcome = { sent: [], unknown: [] };
      const fresh = this.accept(await this.client.getApplication(this.id));
      const plan = planSend([...this.signatures.keys()], fresh);
      for (const documentId of plan.alreadySigned) this.signatures.delete(documentId);
      if (plan.notAwaited.length > 0) {
        // OFD shows other documents now: these signatures cannot go out, and the user must hear it.
        for (const documentId of plan.notAwaited) this.signatures.delete(documentId);
        if (plan.send.length === 0) throw new WidgetError('DOCUMENTS_CHANGED', { detail: plan.notAwaited.join(',') });
      }
      for (const [i, documentId] of plan.send.entries()) {
        onProgress(i + 1, plan.send.length);
        const signature = this.signatures.get(documentId)!;
        try {
          const answer = await this.client.sign(this.id, documentId, signature);
          if (isApplication(answer)) this.accept(answer);
          outcome.sent.push(documentId);
        } catch (error) {
          if ((error as { code?: string }).code !== 'SIGN_OUTCOME_UNKNOWN') {
            this.refused.add(documentId.toLowerCase());
            this.signatures.delete(documentId);
            throw error;
          }
          outcome.unknown.push(documentId);
        }
        this.signatures.delete(documentId);
      }
      return outcome;
    });
  }

  private accept(answer: Application): Application {
    if (answer.Status === 'AwaitingSignature' && answer.Documents.some((d) => d.Content)) {
      this.prepared = answer.Documents.filter((d) => d.Content && d.Signature !== 'Signed');
    } else if (answer.Status !== 'AwaitingSignature' && answer.Status !== 'AwaitingDocuments') {
      this.prepared = [];
    }
    const app = withPreparedDocuments(answer, this.prepared);
    this.application = app;
    this.reviewed = this.signable(app).map((document) => {
      let xml = '';
      try {
        xml = document.Content ? decodeDocumentXml(document.Content) : '';
      } catch {
        /* not base64: shown as empty, signing will still sign the string as it is */
      }
      return { document, xml, fields: documentKeyFields(xml) };
    });
    return app;
  }
}

/** Runs `work` holding this application's send lock in every tab of the origin (plain call without Web Locks). */
function withSendLock<T>(applicationId: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (typeof locks?.request !== 'function') return work();
  return locks.request(`ofd-signer:send:${applicationId}`, () => work()) as Promise<T>;
}

function isApplication(value: unknown): value is Application {
  return typeof value === 'object' && value !== null && typeof (value as Application).Status === 'string';
}

/** The local check of section 7 of the issue: SignedData, one signer, the chosen certificate, the right content. */
export function verifyLocally(signature: string, content: string, options: SigningOptions): void {
  let info;
  try {
    info = inspectCms(base64ToBytes(signature));
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
    const expected = options.contentMode === 'decoded' ? base64ToBytes(content) : new TextEncoder().encode(content);
    if (!sameBytes(info.content, expected)) throw new WidgetError('SIGNATURE_WRONG_CONTENT');
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
