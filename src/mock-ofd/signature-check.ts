/**
 * What the mock checks before it accepts a `sign` (Table 25 "Не удалось проверить КЭП" otherwise): a CMS
 * SignedData with one signer and its certificate, over the bytes of the document's `Content` string
 * (section 7.4), attached — or detached when allowed —, by a certificate valid now that names the applicant's
 * company, and a signature that verifies cryptographically.
 */
import { base64ToBytes } from '../cms/base64.js';
import { inspectCms } from '../cms/cms.js';
import type { CmsInfo } from '../cms/types.js';
import { verifyCmsSignature } from '../cms/verify.js';
import type { MockSignatureVerifier } from './types.js';

export interface SignatureCheckContext {
  /** The document's Content string, exactly as handed out. */
  content: string;
  /** The applicant's INN (10 digits for a company, 12 for an entrepreneur). */
  companyInn: string | undefined;
  now: Date;
  acceptDetached: boolean;
  checkSignerIdentity: boolean;
  /** The application carries an МЧД: a representative's personal certificate (no company data) may sign. */
  representative?: boolean;
  /** Whom prepareDocuments named (7.3 l.1904–1906: "из КЭП"): a representative's certificate must be that person's. */
  signer?: { LastName: string; GivenName: string } | undefined;
  verifySignatures: boolean;
  verifier: MockSignatureVerifier | undefined;
}

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Undefined when the signature is acceptable; otherwise why not (English, for diagnostics). */
export async function findSignatureProblem(signatureBase64: string, ctx: SignatureCheckContext): Promise<string | undefined> {
  if (!BASE64.test(signatureBase64)) return 'Signature is not base64';
  let der: Uint8Array;
  let info: CmsInfo;
  try {
    der = base64ToBytes(signatureBase64);
    info = inspectCms(der);
  } catch (e) {
    return `not a readable CMS: ${(e as Error).message}`;
  }
  if (!info.isSignedData) return 'CMS is not SignedData';
  if (info.signers.length !== 1) return `CMS has ${info.signers.length} signers, expected 1`;
  const certificate = info.signers[0]!.certificate;
  if (!certificate) return "the signer's certificate is not included";
  // OFD signs "the string data of the Content parameter": the base64 text's own bytes.
  const content = new TextEncoder().encode(ctx.content);
  if (info.attached) {
    if (!sameBytes(info.content ?? new Uint8Array(), content)) return "the signed content is not the document's Content string";
  } else if (!ctx.acceptDetached) {
    return 'detached signatures are not accepted';
  }
  if (ctx.checkSignerIdentity && ctx.companyInn) {
    const subject = certificate.subject;
    const names = ctx.companyInn.length === 12 ? [subject.INN] : [subject.INNLE, subject.INN];
    const personal = !subject.INNLE && !subject.OGRN && !subject.OGRNIP;
    if (!names.includes(ctx.companyInn) && !(ctx.representative && personal)) return `the certificate does not belong to the company with INN ${ctx.companyInn}`;
    // Under an МЧД any personal certificate would otherwise do: it must be the person the documents name.
    if (!names.includes(ctx.companyInn) && ctx.signer && !samePerson(subject, ctx.signer)) {
      return 'the representative certificate is not the signer named in the documents';
    }
  }
  if (!(certificate.notBefore <= ctx.now && ctx.now <= certificate.notAfter)) {
    return `the certificate is not valid at ${ctx.now.toISOString()}`;
  }
  if (!ctx.verifySignatures) return undefined;
  if (ctx.verifier) return (await ctx.verifier(der, content)) ? undefined : 'the signature does not verify';
  const result = await verifyCmsSignature(info, { detachedContent: content });
  return result.valid ? undefined : `${result.code}: ${result.reason}`;
}

const word = (s: string | undefined) => (s ?? '').trim().toLocaleLowerCase('ru').replace(/ё/g, 'е');

function samePerson(subject: { SN?: string; G?: string }, signer: { LastName: string; GivenName: string }): boolean {
  return word(subject.SN) === word(signer.LastName) && word(subject.G).split(/\s+/)[0] === word(signer.GivenName).split(/\s+/)[0];
}
