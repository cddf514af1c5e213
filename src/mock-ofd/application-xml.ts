/**
 * The XML the mock "generates for FNS" on prepareDocuments: an approximation of the KND 1110061 / 1110062
 * forms with the data a signer recognises (company, director or signer, cash register, fiscal drive,
 * address), encoded in windows-1251 as OFD's real documents are. Not a schema-valid FNS file.
 */
import type { CompanyDetails, FiscalDocumentData, KktDetails, PrepareDocumentsRequest } from '../api/types.js';
import { encodeCp1251, isCp1251Encodable } from './cp1251.js';

export type DocumentVariant = 'registration' | 'registration-report' | 'reregistration' | 'unregistration';

export interface ApplicationXmlInput {
  variant: DocumentVariant;
  fileId: string;
  /** KND form code written in the document. */
  knd: string;
  /** Date of the document, `dd.mm.yyyy`. */
  date: string;
  company: CompanyDetails;
  kkt: KktDetails;
  signer: PrepareDocumentsRequest;
  /** Set when the signer acts under a power of attorney (МЧД). */
  representative?: { Number?: string; EvaluateDate?: string; DocId?: string } | undefined;
  report?: FiscalDocumentData | undefined;
  /** 1-based index when a round has several documents. */
  part?: number;
}

/** Escape for XML text and attributes; characters windows-1251 lacks become character references. */
export function escapeXml(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (cp < 0x20 && ch !== '\n' && ch !== '\t') out += ' ';
    else if (!isCp1251Encodable(cp)) out += `&#x${cp.toString(16).toUpperCase()};`;
    else out += ch;
  }
  return out;
}

type Attrs = Record<string, string | undefined>;

function element(name: string, attrs: Attrs, children: string[] = [], indent = ''): string {
  const attrText = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
    .join('');
  if (children.length === 0) return `${indent}<${name}${attrText}/>`;
  return `${indent}<${name}${attrText}>\n${children.join('\n')}\n${indent}</${name}>`;
}

const TITLES: Record<DocumentVariant, string> = {
  registration: 'Заявление о регистрации контрольно-кассовой техники',
  'registration-report': 'Отчёт о регистрации контрольно-кассовой техники',
  reregistration: 'Заявление о перерегистрации контрольно-кассовой техники',
  unregistration: 'Заявление о снятии контрольно-кассовой техники с регистрационного учёта',
};

/** The XML text (declaring windows-1251). */
export function buildApplicationXml(input: ApplicationXmlInput): string {
  const c = input.company;
  const k = input.kkt;
  const isEntrepreneur = c.CompanyType === 'PrivateEntrepreneur' || (c.Inn?.length ?? 0) === 12;
  const i4 = '      ';
  const applicant = isEntrepreneur
    ? element('СвИП', { ИННФЛ: c.Inn, ОГРНИП: c.Ogrn, Наим: c.CompanyName }, [], '    ')
    : element('СвЮЛ', { НаимОрг: c.CompanyName, ИННЮЛ: c.Inn, КПП: c.Kpp, ОГРН: c.Ogrn }, [], '    ');
  const signerChildren = [
    element('ФИО', { Фамилия: input.signer.LastName, ИмяОтчество: input.signer.GivenName }, [], i4),
    element('Должность', { Наим: input.signer.Position }, [], i4),
  ];
  if (input.representative) {
    signerChildren.push(
      element(
        'СвМЧД',
        {
          НомДовер: input.representative.Number,
          ДатаДовер: input.representative.EvaluateDate,
          ИдДовер: input.representative.DocId,
        },
        [],
        i4,
      ),
    );
  }
  const signer = element('Подписант', { ПрПодп: input.representative ? '2' : '1' }, signerChildren, '    ');
  const kktChildren = [
    element('СведККТ', { МодельККТ: k.Model, ЗаводНомерККТ: k.SerialNumber, РегНомерККТ: k.RegNumber }, [], i4),
    element('СведФН', { МодельФН: k.FnName, ЗаводНомерФН: k.FnNumber }, [], i4),
    element('АдрУстККТ', { АдрТекст: k.InstallmentAddress?.FullAddress }, [], i4),
    element('МестоУстККТ', { Наим: k.InstallmentPlace }, [], i4),
    element('СведОФД', { ИННЮЛ: k.OfdInn, НаимОрг: k.OfdName }, [], i4),
  ];
  if (input.report) {
    kktChildren.push(
      element(
        'СведОтчетРег',
        { ДатаВремя: input.report.DateTime, НомФД: input.report.DocumentNumber, ФП: input.report.Signature },
        [],
        i4,
      ),
    );
  }
  const document = element(
    'Документ',
    {
      КНД: input.knd,
      ДатаДок: input.date,
      КодНО: c.FnsBranchCode ?? k.FnsBranchCode,
      Наим: TITLES[input.variant],
      Часть: input.part && input.part > 1 ? String(input.part) : undefined,
    },
    [applicant, signer, element('СведРегККТ', {}, kktChildren, '    ')],
    '  ',
  );
  const file = element('Файл', { ИдФайл: input.fileId, ВерсПрог: 'ofd-signer mock', ВерсФорм: '5.05' }, [document]);
  return `<?xml version="1.0" encoding="windows-1251"?>\n${file}\n`;
}

/** The XML as OFD hands it out: windows-1251 bytes, base64. */
export function buildApplicationContent(input: ApplicationXmlInput): { xml: string; content: string } {
  const xml = buildApplicationXml(input);
  return { xml, content: Buffer.from(encodeCp1251(xml)).toString('base64') };
}
