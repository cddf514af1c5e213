/**
 * Check-digit validation of Russian registration numbers, as found in certificates and the OFD API.
 * Each takes the string as written (digits only; no spaces or dashes except where noted).
 */

function digitsOf(value: string, length: number): number[] | undefined {
  if (value.length !== length || !/^\d+$/.test(value)) return undefined;
  return Array.from(value, (c) => c.charCodeAt(0) - 48);
}

function weightedCheck(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i]! * weights[i]!;
  return (sum % 11) % 10;
}

/** ИНН: 10 digits (organisation, one check digit) or 12 digits (person, two check digits). */
export function isValidInn(value: string): boolean {
  if (value.length === 10) {
    const d = digitsOf(value, 10);
    return d !== undefined && weightedCheck(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  }
  const d = digitsOf(value, 12);
  if (!d) return false;
  return (
    weightedCheck(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
    weightedCheck(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
  );
}

/** Remainder of a long decimal number (as digits) modulo a small divisor, without BigInt precision loss. */
function remainder(digits: string, divisor: number): number {
  let r = 0;
  for (const c of digits) r = (r * 10 + (c.charCodeAt(0) - 48)) % divisor;
  return r;
}

/** ОГРН: 13 digits; the last is (first 12 mod 11) mod 10. */
export function isValidOgrn(value: string): boolean {
  if (!digitsOf(value, 13)) return false;
  return remainder(value.slice(0, 12), 11) % 10 === Number(value[12]);
}

/** ОГРНИП: 15 digits; the last is (first 14 mod 13) mod 10. */
export function isValidOgrnip(value: string): boolean {
  if (!digitsOf(value, 15)) return false;
  return remainder(value.slice(0, 14), 13) % 10 === Number(value[14]);
}

/** ОГРН or ОГРНИП by length. */
export function isValidOgrnOrOgrnip(value: string): boolean {
  return value.length === 15 ? isValidOgrnip(value) : isValidOgrn(value);
}

/**
 * СНИЛС: 11 digits, also accepted as "123-456-789 01". The check number is the sum of the first nine digits
 * weighted 9..1, taken mod 101, with 100 and 101 becoming 00. Numbers up to 001-001-998 carry no check.
 */
export function isValidSnils(value: string): boolean {
  const compact = /^\d{3}-\d{3}-\d{3}[ -]\d{2}$/.test(value) ? value.replace(/[ -]/g, '') : value;
  const d = digitsOf(compact, 11);
  if (!d) return false;
  const number = Number(compact.slice(0, 9));
  if (number <= 1001998) return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d[i]! * (9 - i);
  const check = sum % 101 === 100 ? 0 : sum % 101;
  return check === Number(compact.slice(9));
}

/**
 * КПП: 9 characters: 4 digits (tax office code), 2 digits or capital Latin letters (reason), 3 digits.
 * There is no check digit; this is the format the FNS publishes.
 */
export function isValidKpp(value: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(value);
}

/**
 * The company INN a certificate names: INNLE (1.2.643.100.4) when present; before that attribute existed, CAs wrote
 * a company's 10-digit INN into the INN attribute, often padded to 12 digits with "00".
 */
export function legalEntityInnOf(name: { INN?: string | undefined; INNLE?: string | undefined }): string | undefined {
  if (name.INNLE !== undefined) return name.INNLE;
  const inn = name.INN;
  if (inn === undefined) return undefined;
  if (inn.length === 10 && isValidInn(inn)) return inn;
  if (inn.length === 12 && inn.startsWith('00') && isValidInn(inn.slice(2))) return inn.slice(2);
  return undefined;
}

/** The personal INN (12 digits) a certificate names, if any; a padded company INN is not one. */
export function personalInnOf(name: { INN?: string | undefined }): string | undefined {
  const inn = name.INN;
  return inn !== undefined && inn.length === 12 && !inn.startsWith('00') ? inn : undefined;
}
