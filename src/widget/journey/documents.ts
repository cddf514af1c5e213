import type { Application, ApplicationDocument } from '../../api/types.js';
import { unsignedDocuments } from '../application-phase.js';
import { decodeDocumentXml, documentKeyFields, documentSigner, type DocumentKeyFields } from '../document-fields.js';
import type { SignerNames } from '../ports.js';
import { word } from '../signer-identity.js';

/** A document as the review shows it: OFD's record, its XML and the fields a director checks. */
export interface ReviewedDocument {
  document: ApplicationDocument;
  xml: string;
  fields: DocumentKeyFields;
}

/** The documents of the current round still to sign, decoded once; never one OFD definitely refused (`refused`). */
export function reviewDocuments(app: Application, refused: readonly string[] = []): ReviewedDocument[] {
  return unsignedDocuments(app).filter((d) => !refused.includes(d.Id.toLowerCase())).map((document) => {
    let xml = '';
    try {
      xml = document.Content ? decodeDocumentXml(document.Content) : '';
    } catch {
      /* not base64: shown as empty, signing still signs the string as it is */
    }
    return { document, xml, fields: documentKeyFields(xml) };
  });
}

/**
 * The documents carry the signer's name (what prepareDocuments was given): prepared for someone else — after
 * "choose another certificate", or by another person's visit — they must be made again, or the new signer would
 * sign papers naming the previous one. Only while none of the round is signed (OFD allows preparing again until
 * then); a document whose XML names nobody is left alone.
 */
export function preparedForSomeoneElse(app: Application, documents: readonly ReviewedDocument[], names: SignerNames): boolean {
  if ((app.Documents ?? []).some((d) => d.Signature === 'Signed')) return false;
  return documents.some(({ xml }) => {
    const named = documentSigner(xml);
    if (named.lastName === undefined) return false;
    if (word(named.lastName) !== word(names.LastName)) return true;
    return named.givenName !== undefined && word(named.givenName) !== word(names.GivenName);
  });
}
