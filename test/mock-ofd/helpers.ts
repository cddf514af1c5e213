import { buildCadesBes } from '../../src/testing/cms-builder.js';
import { createDemoCertificates } from '../../src/testing/demo-certificates.js';
import type { TestCertificate } from '../../src/testing/certificates.js';
import { DEMO_COMPANY } from '../../src/testing/demo-identity.js';

export const REGISTRATION = '/api/integration/v2/b2b/kkt/registration';

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  text: string;
  contentType: string | null;
}

interface RequestLike {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** Talk to the mock through app.request(), with the token in the query as the spec writes it. */
export function talk(app: RequestLike, token: string) {
  return async (method: string, path: string, body?: unknown, query = `AuthToken=${encodeURIComponent(token)}`): Promise<Answer> => {
    const url = `http://mock.test${path}${query ? (path.includes('?') ? '&' : '?') + query : ''}`;
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers = { 'Content-Type': 'application/json' };
    }
    const response = await app.request(url, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text, contentType: response.headers.get('content-type') };
  };
}

export const certificates = () => createDemoCertificates();

/** A real CAdES-BES over the bytes of the Content string, as section 7.4 asks. */
export function signContent(
  content: string,
  certificate: TestCertificate = certificates().director,
  options: { detached?: boolean } = {},
): string {
  const cms = buildCadesBes({ content: new TextEncoder().encode(content), certificate, detached: options.detached ?? false });
  return Buffer.from(cms).toString('base64');
}

export const DIRECTOR_SIGNER = {
  LastName: DEMO_COMPANY.director.lastName,
  GivenName: `${DEMO_COMPANY.director.firstName} ${DEMO_COMPANY.director.middleName}`,
  Position: DEMO_COMPANY.director.title,
};
