/**
 * Review: the names prepareDocuments carries come from the signer's certificate (SN, G, T), which the user cannot
 * edit. Whatever a CA writes there and the widget sends must pass the proxy, or the signer is stuck with
 * "the request body is not valid"; markup and control characters must still not reach OFD.
 */
import { describe, expect, it } from 'vitest';
import { parsePrepareDocumentsRequest } from '../../src/api/parse.js';
import type { DistinguishedName } from '../../src/cms/types.js';
import { ProxyError } from '../../src/proxy/errors/proxy-error.js';
import { checkSignerNames } from '../../src/proxy/validation.js';
import { signerNamesFrom } from '../../src/widget/signer-identity.js';

const dn = (fields: Partial<DistinguishedName>): DistinguishedName => ({ attributes: [], text: '', ...fields });
const code = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as ProxyError).code;
  }
};

/** Subjects as real CAs write them. */
const certificates: Array<[string, Partial<DistinguishedName>]> = [
  ['hyphenated surname with ё', { SN: 'Петрова-Водкина', G: 'Алёна Фёдоровна', T: 'Генеральный директор' }],
  ['Unicode hyphen (U+2010) in a surname', { SN: 'Петрова‐Водкина', G: 'Алёна', T: 'Директор' }],
  ['no-break space inside G', { SN: 'Иванов', G: 'Иван\u00a0Иванович', T: 'Директор' }],
  ['title with an ampersand', { SN: 'Smith', G: 'John', T: 'CEO & Founder' }],
  ['title with a colon and a semicolon', { SN: 'Сидоров', G: 'Пётр', T: 'Директор: по развитию; член правления' }],
  ['inner Russian quotes „…“ in the title', { SN: 'Кузнецова', G: 'Ольга', T: 'Директор филиала „Север“' }],
  ['plus sign and number sign', { SN: 'Ли', G: 'Сун', T: 'Руководитель отдела C++ #2' }],
  ['given name only, no patronymic, no title', { SN: 'Müller', G: 'Hans' }],
  ['modifier-letter apostrophe', { SN: 'Дʼякова', G: 'Ірина' }],
];

describe('signer names from real certificates pass the proxy', () => {
  for (const [what, subject] of certificates) {
    it(what, () => {
      const sent = signerNamesFrom(dn(subject));
      // The widget's client sends these three fields as JSON.
      const checked = checkSignerNames(JSON.parse(JSON.stringify(sent)));
      expect(checked.LastName.replace(/\s+/g, ' ')).toBe(sent.LastName.replace(/\s+/g, ' '));
      expect(checked.GivenName.replace(/\s+/g, ' ')).toBe(sent.GivenName.replace(/\s+/g, ' '));
      expect(checked.Position).toBe(sent.Position);
    });
  }

  it('a certificate without T: Position is forwarded as an empty string, which the request contract (and the mock) accepts', () => {
    const checked = checkSignerNames(JSON.parse(JSON.stringify(signerNamesFrom(dn({ SN: 'Иванов', G: 'Пётр Алексеевич' })))));
    expect(checked).toEqual({ LastName: 'Иванов', GivenName: 'Пётр Алексеевич', Position: '' });
    expect(() => parsePrepareDocumentsRequest(checked)).not.toThrow();
    // Omitted altogether (another client): still forwarded as ''.
    expect(checkSignerNames({ LastName: 'Иванов', GivenName: 'Пётр' }).Position).toBe('');
  });

  it('normalises odd spaces to plain ones', () => {
    expect(checkSignerNames({ LastName: 'Иванов', GivenName: 'Иван\u00a0\u00a0Иванович' }).GivenName).toBe('Иван Иванович');
  });

  it('still refuses markup, control and invisible characters', () => {
    for (const bad of [
      { LastName: '<script>', GivenName: 'x' },
      { LastName: 'Иванов', GivenName: 'Иван\u0000' },
      { LastName: 'Иванов', GivenName: 'Иван\u202eвонавИ' },
      { LastName: 'Иванов\r\nX-Injected: 1', GivenName: 'Иван' },
    ]) {
      expect(code(() => checkSignerNames(bad))).toBe('INVALID_BODY');
    }
  });
});
