import type { RegistrationReport } from './ports.js';

/** The registration report fields as typed, and what is wrong with each (catalogue keys). */
export interface ReportInput {
  /** As printed on the report: the cash register's local time. */
  dateTime: string;
  documentNumber: string;
  fiscalSign: string;
  /**
   * The cash register's offset from UTC in minutes (Moscow: 180). Default: this computer's offset at that moment —
   * the person entering the report usually stands next to the register.
   */
  utcOffsetMinutes?: number;
}

export type ReportFieldError = 'REPORT_DATE_INVALID' | 'REPORT_DATE_FUTURE' | 'REPORT_NUMBER_INVALID' | 'REPORT_SIGN_INVALID';

export interface ReportValidation {
  /** What will be sent: `dateTime` in UTC, as Table 13.2 asks (`FiscalDocumentData.DateTime`, l.970). */
  report?: RegistrationReport;
  /** The time as read from the report (`YYYY-MM-DDTHH:mm:ss`, local), for the form to show beside the UTC one. */
  printed?: string;
  errors: Partial<Record<keyof ReportInput, ReportFieldError>>;
}

/** The fiscal sign (ФП) printed on the report is an unsigned 32-bit number, at most 10 digits. */
const MAX_FISCAL_SIGN = 4_294_967_295;

export function validateRegistrationReport(input: ReportInput, now = new Date()): ReportValidation {
  const errors: ReportValidation['errors'] = {};
  const printed = parseReportDateTime(input.dateTime);
  const dateTime = printed === undefined ? undefined : reportDateTimeInUtc(printed, input.utcOffsetMinutes);
  if (!dateTime) errors.dateTime = 'REPORT_DATE_INVALID';
  // A few minutes of slack: the cash register's clock and the computer's rarely agree to the second.
  else if (Date.parse(`${dateTime}Z`) > now.getTime() + 10 * 60_000) errors.dateTime = 'REPORT_DATE_FUTURE';

  const documentNumber = input.documentNumber.trim();
  if (!/^\d{1,10}$/.test(documentNumber) || Number(documentNumber) === 0) errors.documentNumber = 'REPORT_NUMBER_INVALID';

  const fiscalSign = input.fiscalSign.trim();
  if (!/^\d{1,10}$/.test(fiscalSign) || Number(fiscalSign) > MAX_FISCAL_SIGN) errors.fiscalSign = 'REPORT_SIGN_INVALID';

  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    printed: printed!,
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

/**
 * The printed local time → UTC `YYYY-MM-DDTHH:mm:ss` (Table 13.2, l.970: "Время и дата пробития (UTC)"), with the
 * register's offset, or this computer's time zone for that date when none is given.
 */
export function reportDateTimeInUtc(printed: string, utcOffsetMinutes?: number): string {
  const [y, mo, d, h, mi, se] = printed.split(/\D/).map(Number) as [number, number, number, number, number, number];
  const ms =
    utcOffsetMinutes === undefined
      ? new Date(y, mo - 1, d, h, mi, se).getTime()
      : Date.UTC(y, mo - 1, d, h, mi, se) - utcOffsetMinutes * 60_000;
  return new Date(ms).toISOString().slice(0, 19);
}

/** This computer's offset from UTC in minutes (east positive), for the form's note. */
export function localUtcOffsetMinutes(at = new Date()): number {
  return -at.getTimezoneOffset();
}

/** `UTC+3`, `UTC+5:30`, `UTC−2`. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}
