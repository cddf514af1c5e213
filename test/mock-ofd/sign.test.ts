import { describe, expect, it } from 'vitest';
import { createMockOfd } from '../../src/mock-ofd/index.js';
import { DEMO_ENTREPRENEUR } from '../../src/testing/demo-identity.js';
import { certificates, DIRECTOR_SIGNER, REGISTRATION, signContent, talk } from './helpers.js';

async function prepared(options: Parameters<typeof createMockOfd>[0] = {}) {
  const mock = createMockOfd(options);
  const call = talk(mock.app, mock.control.authToken);
  const id = mock.control.createDemoApplication().Id;
  const document = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents[0];
  const sign = (body: unknown) => call('POST', `${REGISTRATION}/${id}/sign`, body);
  return { mock, call, id, document, sign };
}

const KEP = { Code: 'ValidationError', Message: 'Не удалось проверить КЭП' };

describe('mock OFD: sign (7.4, Table 25)', () => {
  it('accepts an attached CAdES-BES over the Content string by the director, once', async () => {
    const { mock, id, document, sign } = await prepared();
    const signature = signContent(document.Content);
    const first = await sign({ DocumentId: document.Id, Signature: signature });
    expect(first.status).toBe(200);
    expect(first.json.Data.Documents[0].Signature).toBe('Signed');
    expect(mock.control.acceptedSignature(id, document.Id)).toBe(signature);

    const again = await sign({ DocumentId: document.Id, Signature: signature });
    expect(again.status).toBe(400);
    expect(again.json.Errors[0]).toEqual({ Code: 'ValidationError', Message: 'Некорректный статус заявки' });
    expect(mock.control.signCallCount(id, document.Id)).toBe(2);
  });

  it('accepts only one of several concurrent identical signs', async () => {
    const { mock, id, document, sign } = await prepared();
    const signature = signContent(document.Content);
    const answers = await Promise.all(Array.from({ length: 5 }, () => sign({ DocumentId: document.Id, Signature: signature })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.json.Errors?.[0]?.Message === 'Некорректный статус заявки')).toHaveLength(4);
    expect(mock.control.signCallCount(id, document.Id)).toBe(5);
  });

  it("answers 'Заявка не найдена' for an unknown or malformed application id", async () => {
    const { call, document } = await prepared();
    for (const id of ['7d6bdbd6-38b1-4f5c-9c1e-3a57b0c4e1aa', 'not-a-uuid']) {
      const answer = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: document.Id, Signature: signContent(document.Content) });
      expect(answer.status).toBe(400);
      expect(answer.json.Errors[0]).toEqual({ Code: 'ValidationError', Message: 'Заявка не найдена' });
    }
  });

  it("answers 'Файл не найден' for a document the application does not have", async () => {
    const { document, sign } = await prepared();
    const answer = await sign({ DocumentId: '9c3ad1a4-2b1f-4e11-8d0f-1b1c2d3e4f50', Signature: signContent(document.Content) });
    expect(answer.json.Errors[0]).toEqual({ Code: 'ValidationError', Message: 'Файл не найден' });
  });

  it('refuses missing fields', async () => {
    const { document, sign } = await prepared();
    expect((await sign({ Signature: 'MIIB' })).json.Errors[0].Message).toBe('Не задан идентификатор документа (DocumentId)');
    expect((await sign({ DocumentId: document.Id })).json.Errors[0].Message).toBe('Не задана подпись (Signature)');
  });

  it.each([
    ['not base64 at all', () => '!!!'],
    ['base64 that is not CMS', () => Buffer.from('hello world, not a CMS').toString('base64')],
  ])("answers 'Не удалось проверить КЭП' for %s", async (_what, make) => {
    const { mock, document, sign } = await prepared();
    const answer = await sign({ DocumentId: document.Id, Signature: make() });
    expect(answer.json.Errors[0]).toEqual(KEP);
    expect(mock.control.lastSignatureRejection()).toBeTruthy();
  });

  it('refuses a signature over the decoded XML instead of the Content string', async () => {
    const { mock, document, sign } = await prepared();
    const xmlBytes = Buffer.from(document.Content, 'base64');
    const { buildCadesBes } = await import('../../src/testing/cms-builder.js');
    const cms = buildCadesBes({ content: new Uint8Array(xmlBytes), certificate: certificates().director });
    const answer = await sign({ DocumentId: document.Id, Signature: Buffer.from(cms).toString('base64') });
    expect(answer.json.Errors[0]).toEqual(KEP);
    expect(mock.control.lastSignatureRejection()).toMatch(/Content string/);
  });

  it("refuses another company's director and an expired certificate", async () => {
    const { mock, call, id, document, sign } = await prepared();
    const other = await sign({ DocumentId: document.Id, Signature: signContent(document.Content, certificates().otherCompanyDirector) });
    expect(other.json.Errors[0]).toEqual(KEP);
    expect(mock.control.lastSignatureRejection()).toMatch(/does not belong to the company/);
    // 7.4 (l.2318): no repeated request — the refused document takes no second sign, even a good one.
    const good = await sign({ DocumentId: document.Id, Signature: signContent(document.Content) });
    expect(good.json.Errors[0]).toEqual({ Code: 'ValidationError', Message: 'Некорректный статус заявки' });
    // Prepared again, the new document can be signed; an expired certificate is refused there.
    const fresh = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents[0];
    const expired = await sign({ DocumentId: fresh.Id, Signature: signContent(fresh.Content, certificates().expiredDirector) });
    expect(expired.json.Errors[0]).toEqual(KEP);
    expect(mock.control.lastSignatureRejection()).toMatch(/not valid at/);
  });

  it('verifies the signature cryptographically: a flipped bit in the signature value is refused', async () => {
    const { mock, document, sign } = await prepared();
    const der = Buffer.from(signContent(document.Content), 'base64');
    der[der.length - 1]! ^= 0x01; // the SignerInfo's signature value ends the structure
    const answer = await sign({ DocumentId: document.Id, Signature: der.toString('base64') });
    expect(answer.json.Errors[0]).toEqual(KEP);
    expect(mock.control.lastSignatureRejection()).toMatch(/SIGNATURE_INVALID/);

    const lenient = await prepared({ verifySignatures: false });
    const derAgain = Buffer.from(signContent(lenient.document.Content), 'base64');
    derAgain[derAgain.length - 1]! ^= 0x01;
    expect((await lenient.sign({ DocumentId: lenient.document.Id, Signature: derAgain.toString('base64') })).status).toBe(200);
  });

  it('refuses a detached signature unless acceptDetached is set', async () => {
    const strict = await prepared();
    const detached = signContent(strict.document.Content, certificates().director, { detached: true });
    expect((await strict.sign({ DocumentId: strict.document.Id, Signature: detached })).json.Errors[0]).toEqual(KEP);

    const lenient = await prepared({ acceptDetached: true });
    const ok = await lenient.sign({
      DocumentId: lenient.document.Id,
      Signature: signContent(lenient.document.Content, certificates().director, { detached: true }),
    });
    expect(ok.status).toBe(200);
  });

  it("accepts an individual entrepreneur's own certificate for their application", async () => {
    const mock = createMockOfd();
    const call = talk(mock.app, mock.control.authToken);
    const id = mock.control.createDemoApplication({ CompanyDetails: { Inn: DEMO_ENTREPRENEUR.inn } }).Id;
    const data = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, { LastName: 'Иванов', GivenName: 'Пётр Алексеевич', Position: '' })).json.Data;
    expect(data.CompanyDetails.CompanyType).toBe('PrivateEntrepreneur');
    const document = data.Documents[0];
    const answer = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: document.Id, Signature: signContent(document.Content, certificates().entrepreneur) });
    expect(answer.status, mock.control.lastSignatureRejection()).toBe(200);
  });

  it('uses a custom verifier when given one', async () => {
    const seen: number[] = [];
    const { document, sign } = await prepared({
      verifier: (cms, content) => {
        seen.push(cms.length, content.length);
        return false;
      },
    });
    const answer = await sign({ DocumentId: document.Id, Signature: signContent(document.Content) });
    expect(answer.json.Errors[0]).toEqual(KEP);
    expect(seen[1]).toBe(document.Content.length);
  });
});
