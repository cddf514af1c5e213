import { describe, expect, it } from 'vitest';
import {
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOgrnip,
  isValidOgrnOrOgrnip,
  isValidSnils,
  legalEntityInnOf,
  personalInnOf,
} from '../../src/cms/identifiers.js';
import { DEMO_COMPANY, DEMO_ENTREPRENEUR, OTHER_COMPANY } from '../../src/testing/demo-identity.js';

/** Every variant of `value` with one digit changed: a single typo must always be caught for these checks. */
function oneDigitOff(value: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== value[i]) variants.push(value.slice(0, i) + d + value.slice(i + 1));
    }
  }
  return variants;
}

describe('INN', () => {
  it('accepts valid 10- and 12-digit INNs', () => {
    for (const inn of ['7707083893', '7830002293', '500100732259', DEMO_COMPANY.inn, OTHER_COMPANY.inn, DEMO_COMPANY.director.personalInn, DEMO_ENTREPRENEUR.inn]) {
      expect(isValidInn(inn), inn).toBe(true);
    }
  });

  it('rejects a wrong check digit', () => {
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('500100732249')).toBe(false);
  });

  it('catches most one-digit typos (the mod-11 weights catch every change of the check digit itself)', () => {
    const typos = oneDigitOff('7707083893');
    const accepted = typos.filter(isValidInn);
    // Changing the check digit is always caught; a typo elsewhere slips through only when it keeps the sum mod 11.
    expect(accepted.every((t) => t[9] === '3')).toBe(true);
    expect(accepted.length / typos.length).toBeLessThan(0.15);
  });

  it('rejects wrong lengths and non-digits', () => {
    for (const bad of ['', '770708389', '77070838930', '7707O83893', ' 7707083893', '50010073225', '5001007322590']) {
      expect(isValidInn(bad), bad).toBe(false);
    }
  });
});

describe('OGRN and OGRNIP', () => {
  it('accepts valid numbers', () => {
    for (const ogrn of ['1027700132195', '1027739609391', DEMO_COMPANY.ogrn, OTHER_COMPANY.ogrn]) expect(isValidOgrn(ogrn), ogrn).toBe(true);
    for (const ogrnip of ['304500116000157', DEMO_ENTREPRENEUR.ogrnip]) expect(isValidOgrnip(ogrnip), ogrnip).toBe(true);
    expect(isValidOgrnOrOgrnip(DEMO_COMPANY.ogrn)).toBe(true);
    expect(isValidOgrnOrOgrnip(DEMO_ENTREPRENEUR.ogrnip)).toBe(true);
  });

  it('rejects every change of the check digit and the wrong length', () => {
    for (const typo of oneDigitOff('1027700132195').filter((t) => t.slice(0, 12) === '102770013219')) {
      expect(isValidOgrn(typo)).toBe(false);
    }
    for (const typo of oneDigitOff('304500116000157').filter((t) => t.slice(0, 14) === '30450011600015')) {
      expect(isValidOgrnip(typo)).toBe(false);
    }
    expect(isValidOgrn('304500116000157')).toBe(false);
    expect(isValidOgrnip('1027700132195')).toBe(false);
    expect(isValidOgrn('102770013219a')).toBe(false);
  });

  it('uses the real remainder for 15 digits (beyond 2^53 no float arithmetic is exact enough)', () => {
    // 14 leading digits whose remainder mod 13 is 10 -> check digit 0.
    const base = '30477001234567';
    const check = Number(BigInt(base) % 13n) % 10;
    expect(isValidOgrnip(base + check)).toBe(true);
    expect(isValidOgrnip(base + ((check + 1) % 10))).toBe(false);
  });
});

describe('SNILS', () => {
  it('accepts valid numbers, compact or formatted', () => {
    expect(isValidSnils('11223344595')).toBe(true);
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('92000000300')).toBe(true); // weighted sum exactly 100 -> "00"
    expect(isValidSnils('08765430300')).toBe(true); // sum 202, mod 101 = 0 -> "00"
    expect(isValidSnils('00100199800')).toBe(true); // below 001-001-998: no check digits
  });

  it('rejects a wrong check number, a one-digit typo and bad formats', () => {
    expect(isValidSnils('11223344596')).toBe(false);
    expect(isValidSnils('11223344495')).toBe(false);
    expect(isValidSnils('1122334459')).toBe(false);
    expect(isValidSnils('112-233-44595')).toBe(false);
  });
});

describe('KPP', () => {
  it('accepts the FNS format and rejects others', () => {
    expect(isValidKpp(DEMO_COMPANY.kpp)).toBe(true);
    expect(isValidKpp('7701AB001')).toBe(true);
    expect(isValidKpp('77010100')).toBe(false);
    expect(isValidKpp('7701ab001')).toBe(false);
    expect(isValidKpp('770101O01')).toBe(false);
  });
});

describe('INN of a certificate subject', () => {
  it('prefers INNLE, and reads an old-style company INN padded with 00', () => {
    expect(legalEntityInnOf({ INNLE: '7701234560', INN: '771234567859' })).toBe('7701234560');
    expect(legalEntityInnOf({ INN: '007701234560' })).toBe('7701234560');
    expect(legalEntityInnOf({ INN: '7701234560' })).toBe('7701234560');
    expect(legalEntityInnOf({ INN: '771234567859' })).toBeUndefined();
    expect(legalEntityInnOf({ INN: '007701234561' })).toBeUndefined();
    expect(legalEntityInnOf({})).toBeUndefined();
  });

  it('tells a personal INN from a padded company one', () => {
    expect(personalInnOf({ INN: '771234567859' })).toBe('771234567859');
    expect(personalInnOf({ INN: '007701234560' })).toBeUndefined();
    expect(personalInnOf({ INN: '7701234560' })).toBeUndefined();
  });
});
