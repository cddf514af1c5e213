/**
 * Reading what the director is about to sign: the prepared document is base64 of a windows-1251 XML
 * (KND 1110061). The key fields are picked out by attribute name; names differ between form versions,
 * so each field has a few candidates and a missing one is simply not shown.
 */
export interface DocumentKeyFields {
  company?: string;
  inn?: string;
  kpp?: string;
  kktModel?: string;
  kktSerial?: string;
  fnNumber?: string;
  address?: string;
  /** Registration report round: the report's date and time, ФД number and ФП as the director typed them. */
  reportDateTime?: string;
  reportNumber?: string;
  reportSign?: string;
}

/** `Element.Attribute` or a bare attribute / element name; the first present wins. */
const CANDIDATES: Record<keyof DocumentKeyFields, readonly string[]> = {
  company: ['СвЮЛ.НаимОрг', 'СвИП.Наим', 'НаимОрг', 'НаимЮЛ'],
  inn: ['СвЮЛ.ИННЮЛ', 'СвИП.ИННФЛ', 'ИННЮЛ', 'ИННФЛ'],
  kpp: ['КПП'],
  kktModel: ['МодельККТ', 'МоделККТ'],
  kktSerial: ['ЗаводНомерККТ', 'ЗавНомерККТ'],
  fnNumber: ['ЗаводНомерФН', 'ЗавНомерФН', 'НомерФН'],
  address: ['АдрУстККТ.АдрТекст', 'АдрУстККТ', 'АдрТекст'],
  reportDateTime: ['СведОтчетРег.ДатаВремя'],
  reportNumber: ['СведОтчетРег.НомФД'],
  reportSign: ['СведОтчетРег.ФП'],
};

/** Base64 → text, honouring the encoding the XML declares (windows-1251 for OFD's forms). */
export function decodeDocumentXml(base64: string): string {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const declared = /encoding=["']([\w-]+)["']/i.exec(binary.slice(0, 100))?.[1] ?? 'windows-1251';
  try {
    return new TextDecoder(declared).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/**
 * Every element's text and attribute, as `Element.Attribute` and bare, unescaped and trimmed: the first occurrence
 * of a name, unless it was empty and a later one is not. The one reading of the XML both the key fields and the
 * signer's name come from.
 */
function xmlValues(xml: string): Map<string, string> {
  const values = new Map<string, string>();
  const put = (key: string, value: string) => {
    if (!values.get(key)) values.set(key, unescape(value.trim()));
  };
  for (const el of xml.matchAll(/<([\p{L}\w.-]+)((?:\s+[\p{L}\w.-]+\s*=\s*"[^"]*")*)\s*\/?>(?:([^<]+)<\/\1>)?/gu)) {
    const name = el[1]!;
    if (el[3]) put(name, el[3]);
    for (const a of el[2]!.matchAll(/([\p{L}\w.-]+)\s*=\s*"([^"]*)"/gu)) {
      put(`${name}.${a[1]}`, a[2]!);
      put(a[1]!, a[2]!);
    }
  }
  return values;
}

export function documentKeyFields(xml: string): DocumentKeyFields {
  const values = xmlValues(xml);
  const fields: DocumentKeyFields = {};
  for (const key of Object.keys(CANDIDATES) as (keyof DocumentKeyFields)[]) {
    const value = CANDIDATES[key].map((n) => values.get(n)).find(Boolean);
    if (value) fields[key] = value;
  }
  return fields;
}

function unescape(s: string): string {
  return s.replace(/&(quot|amp|lt|gt|apos|#x([\da-f]+)|#(\d+));/gi, (_, name: string, hex?: string, dec?: string) =>
    hex || dec ? String.fromCodePoint(parseInt(hex ?? dec!, hex ? 16 : 10)) : ({ quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" } as Record<string, string>)[name]!,
  );
}

/** The signer the document was prepared for (`ФИО Фамилия="…" ИмяОтчество="…"`); fields absent when not named. */
export function documentSigner(xml: string): { lastName?: string; givenName?: string } {
  const values = xmlValues(xml);
  const lastName = values.get('ФИО.Фамилия');
  const givenName = values.get('ФИО.ИмяОтчество');
  return { ...(lastName !== undefined ? { lastName } : {}), ...(givenName !== undefined ? { givenName } : {}) };
}
