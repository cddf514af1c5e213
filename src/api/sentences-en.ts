/**
 * The API client's sentences in English: one language's part of the catalogue, so that a page loads only the language
 * it shows (the widget installs it with its own English sentences). `messages.ts` joins both languages.
 */
import type { ApiCatalogue, OfdErrorReason, Sentence } from './sentences.js';

const CONTACT_PARTNER_EN = 'Please contact the company that sent you the link.';

const reasons: Record<OfdErrorReason, Sentence> = {
  APPLICATION_NOT_FOUND: `OFD cannot find this application. The link may be out of date. ${CONTACT_PARTNER_EN}`,
  DOCUMENT_NOT_FOUND: 'OFD cannot find the document being signed; the documents may have been generated again. Reload the page and sign again.',
  SIGNATURE_NOT_VERIFIED: "OFD could not verify the electronic signature. Make sure you chose a valid qualified certificate of the company's director and sign again.",
  WRONG_APPLICATION_STATUS: 'The application is not waiting for a signature right now; it may have been signed already (in another tab, for example). Reload the page to see where it stands.',
  NO_ACCESS: `No access to this application. ${CONTACT_PARTNER_EN}`,
  ACCESS_FORBIDDEN: `OFD denied access. ${CONTACT_PARTNER_EN}`,
  TOKEN_NOT_DETERMINED: `The signing service is misconfigured (OFD did not receive the partner key). ${CONTACT_PARTNER_EN}`,
  AUTH_DATA_NOT_FOUND: `The signing service is misconfigured (OFD does not know the partner key). ${CONTACT_PARTNER_EN}`,
  INVALID_AUTH_TOKEN: `The signing service is misconfigured (invalid partner key). ${CONTACT_PARTNER_EN}`,
  PARTNER_CABINET_NOT_FOUND: `OFD cannot find the partner's account. ${CONTACT_PARTNER_EN}`,
  KKT_MODEL_UNKNOWN: `OFD could not identify the cash register model in the application. ${CONTACT_PARTNER_EN}`,
  KKT_SERIAL_UNKNOWN: `OFD could not identify the cash register serial number in the application. ${CONTACT_PARTNER_EN}`,
  KKT_NOT_REGISTERED: `The cash register is not registered with the tax service. ${CONTACT_PARTNER_EN}`,
  REPORT_FIELD_INVALID: (d) => `The registration report data were not accepted: ${d}. Check them against the report the cash register printed.`,
};

export const apiEn: ApiCatalogue = {
  reasons,
  codes: {
    ValidationError: (d) => `OFD did not accept the request: ${d}`,
    DataNotFound: reasons.APPLICATION_NOT_FOUND,
    AccessDenied: reasons.ACCESS_FORBIDDEN,
    B2bAgreementNotFound: reasons.PARTNER_CABINET_NOT_FOUND,
    InternalServerError: 'OFD had an internal error. Please try again in a few minutes.',
    InternalError: 'OFD had an internal error. Please try again in a few minutes.',
    NETWORK_ERROR: 'Cannot reach the signing server. Check your internet connection and try again.',
    TIMEOUT: 'The signing server did not answer in time. Please try again.',
    BAD_RESPONSE: 'The signing server gave an answer that could not be read (it may be overloaded or misconfigured). Please try again later.',
    BAD_SHAPE: 'The signing server returned the application in an unexpected form. Please try again later.',
    SIGN_OUTCOME_UNKNOWN: 'The connection broke while the signature was being sent, and it is not known whether it arrived. Do not sign again: checking the application status.',
  },
  proxyFallback: (d) => `The signing server refused (${d}). ${CONTACT_PARTNER_EN}`,
  unknown: (d) => `Error while talking to OFD: ${d}`,
};
