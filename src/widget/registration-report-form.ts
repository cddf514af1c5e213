import type { RegistrationReport } from './ports.js';

/** The registration report fields as typed, and what is wrong with each (catalogue keys). */
export interface ReportInput {
  dateTime: string;
  documentNumber: string;
  fiscalSign: string;
}

export type ReportFieldError = 'REPORT_DATE_INVALID' | 'REPORT_DATE_FUTURE' | 'REPORT_NUMBER_INVALID' | 'REPORT_SIGN_INVALID';

export interface ReportValidation {
  report?: RegistrationReport;
  errors: Partial<Record<keyof ReportInput, ReportFieldError>>;
}

/** The fiscal sign (ФП) printed on the report is an unsigned 32-bit number, at most 10 digits. */
const MAX_FISCAL_SIGN = 4_294_967_295;

export function validateRegistrationReport(input: ReportInput, now = new Date()): ReportValidation {
  const errors: ReportValidation['errors'] = {};
  const dateTime = parseReportDateTime(input.dateTime);
  if (!dateTime) errors.dateTime = 'REPORT_DATE_INVALID';
  // A few minutes of slack: the cash register's clock and the computer's rarely agree to the second.
  else if (new Date(dateTime).getTime() > now.getTime() + 10 * 60_000) errors.dateTime = 'REPORT_DATE_FUTURE';

  const documentNumber = input.documentNumber.trim();
  if (!/^\d{1,10}$/.test(documentNumber) || Number(documentNumber) === 0) errors.documentNumber = 'REPORT_NUMBER_INVALID';

  const fiscalSign = input.fiscalSign.trim();
  if (!/^\d{1,10}$/.test(fiscalSign) || Number(fiscalSign) > MAX_FISCAL_SIGN) errors.fiscalSign = 'REPORT_SIGN_INVALID';

  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    report: {
      dateTime: dateTime!,
      documentNumber: String(Number(documentNumber)),
      fiscalSign: String(Number(fiscalSign)),
    },
  };
}

/**
 * The date and time as the report prints them (`15.01.2026 10:30`, `15.01.26 10:30`) or in ISO form
 * (`2026-01-15T10:30`) → `YYYY-MM-DDTHH:mm:ss`; undefined when it is not a real moment.
 */
export function parseReportDateTime(text: string): string | undefined {
  const t = text.trim();
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T\s](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  const parts = ru ? [ru[3]!.length === 2 ? `20${ru[3]}` : ru[3]!, ru[2]!, ru[1]!, ru[4]!, ru[5]!, ru[6]] : iso ? [iso[1]!, iso[2]!, iso[3]!, iso[4]!, iso[5]!, iso[6]] : undefined;
  if (!parts) return undefined;
  const [y, mo, d, h, mi, se] = parts.map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, se);
  // The proxy refuses years outside 2000..2100 too; a typo is better caught here, next to the field.
  if (y < 2000 || y > 2100) return undefined;
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h || date.getMinutes() !== mi) {
    return undefined;
  }
  const two = (n: number) => String(n).padStart(2, '0');
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(se)}`;
}
