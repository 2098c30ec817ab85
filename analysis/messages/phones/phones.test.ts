import fc from 'fast-check';
import type { CountryCode } from 'libphonenumber-js';
import { findPhoneNumbersInText, Metadata } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/metadata.min.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { prepareText } from '../../engine/match.js';
import { detectOrganisations } from '../organisations.js';
import { extractPhones, FRENCH_NUMBER_DIGITS, frenchCategory, MIN_INTERNATIONAL_DIGITS, mayHoldNumber, OFFICIAL_SHORT_NUMBERS, phoneNumbersInRun } from './extract-phones.js';
import { assessPhones } from './phone-findings.js';

describe('extractPhones', () => {
  it('finds French and foreign numbers in E.164 with their position', () => {
    const text = 'Rappelez le 08 99 12 34 56, sinon le +44 20 7946 0958 ou le 06.12.34.56.78.';
    const phones = extractPhones(prepareText(text));
    expect(phones.map((p) => [p.e164, p.category])).toEqual([
      ['+33899123456', 'surtaxe'],
      ['+442079460958', 'etranger'],
      ['+33612345678', 'mobile'],
    ]);
    expect(text.slice(phones[0]!.evidence.start, phones[0]!.evidence.end)).toBe('08 99 12 34 56');
  });

  it('reads a number given alone and short numbers to call', () => {
    expect(extractPhones(prepareText('0899123456'))[0]?.e164).toBe('+33899123456');
    const short = extractPhones(prepareText('Appelez le 3179 ou le 3646.'));
    expect(short.map((p) => p.e164)).toEqual(['3179', '3646']);
    expect(extractPhones(prepareText('En 3179 avant notre ère'))).toEqual([]);
  });

  it('follows the French numbering plan', () => {
    expect(frenchCategory('899123456')).toBe('surtaxe');
    expect(frenchCategory('820000000')).toBe('majore');
    expect(frenchCategory('800288038')).toBe('gratuit');
    expect(frenchCategory('980800307')).toBe('voip');
    expect(frenchCategory('142345678')).toBe('fixe');
  });
});

describe('assessPhones', () => {
  it('flags premium numbers, unknown short numbers and foreign numbers of a « public body »', () => {
    const text = prepareText('Assurance Maladie : appelez le +44 20 7946 0958 ou le 08 99 12 34 56, ou composez le 3179. Le 3646 reste joignable.');
    const findings = assessPhones(extractPhones(text), detectOrganisations(text)).map((f) => f.finding.ruleId);
    expect(findings).toEqual(['telephone.etranger-organisme', 'telephone.surtaxe-organisme', 'telephone.numero-court-inconnu']);
  });

  it('leaves the Ordre’s free helpline alone', () => {
    const text = prepareText('Assistants sociaux : 0800 288 038, du lundi au vendredi.');
    expect(assessPhones(extractPhones(text), [])).toEqual([]);
  });
});

describe('official numbers, read from the register of official sources', () => {
  const found = (text: string) => extractPhones(prepareText(text)).map((p) => [p.e164, p.category, p.officialBody ?? null]);

  it('keeps every short number the engine knew before the register held them', () => {
    const before = ['3646', '3608', '3939', '3949', '3960', '3230', '3919', '3114', '3977', '3018', '3020', '3237', '3624'];
    expect(before.filter((n) => !OFFICIAL_SHORT_NUMBERS.has(n))).toEqual([]);
  });

  it('names the body of a short number written whole or in two groups', () => {
    expect(found('Pour joindre votre caisse, appelez le 36 46.')).toEqual([['3646', 'court', 'Assurance Maladie']]);
    expect(found('Numéro de signalement : 33 700.')).toEqual([['33700', 'court', '33700 / Bloctel']]);
    expect(found('Appelez le 3960 (prix d’un appel).')).toEqual([['3960', 'court', 'Assurance retraite']]);
  });

  it('joins two groups only into an official number, never into an unknown one', () => {
    expect(found('Appelez le 31 79 sans tarder.')).toEqual([]);
    expect(found('Appelez le 3179 sans tarder.')).toEqual([['3179', 'court', null]]);
  });

  it('names the body of a long number in any written form', () => {
    for (const written of ['0 809 401 401', '0809401401', '08 09 40 14 01', '+33 809 40 14 01', '+33 8 09 40 14 01']) {
      expect(found(`Questions fiscales : ${written}`), written).toEqual([['+33809401401', 'gratuit', 'Finances publiques (DGFiP)']]);
    }
  });

  it('never flags an official number, and still flags the same kind of number when it is not official', () => {
    const official = prepareText('Assurance Maladie : composez le 3237, ou appelez le 0 825 801 801.');
    expect(assessPhones(extractPhones(official), detectOrganisations(official))).toEqual([]);
    const unknown = prepareText('Assurance Maladie : composez le 3179, ou appelez le 0 825 123 456.');
    expect(assessPhones(extractPhones(unknown), detectOrganisations(unknown)).map((f) => f.finding.ruleId)).toEqual(['telephone.majore', 'telephone.numero-court-inconnu']);
  });
});

describe('runs skipped before libphonenumber', () => {
  const shortestNationalNumber = (plan: string): number => {
    const data = new Metadata();
    // Non-geographic calling codes (800, 882…) are selected by their code, not by a country.
    data.selectNumberingPlan(plan as CountryCode);
    return Math.min(...(data.numberingPlan?.possibleLengths() ?? [0]));
  };

  it('rests on figures checked against libphonenumber’s metadata', () => {
    expect(shortestNationalNumber('FR')).toBe(FRENCH_NUMBER_DIGITS);
    const shortestInternational = Math.min(...Object.keys(metadata.country_calling_codes).map((code) => code.length + shortestNationalNumber(code)));
    expect(MIN_INTERNATIONAL_DIGITS).toBeLessThanOrEqual(shortestInternational);
  });

  it('never skips a run in which libphonenumber would find a number', () => {
    const run = fc.array(fc.constantFrom('0', '0', '0', '1', '3', '4', '6', '8', '9', ' ', '.', '-', '/', '(', ')', '+', '00', '0033', '0043'), { minLength: 1, maxLength: 14 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(run, (value) => {
        const digits = value.replace(/[^0-9]/g, '').length;
        if (!mayHoldNumber(value, digits)) expect(findPhoneNumbersInText(value, { defaultCountry: 'FR' })).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('still finds French, international and 00-dialled numbers', () => {
    expect(mayHoldNumber('01 99 00 43 21', 10)).toBe(true);
    expect(mayHoldNumber('+43 1234', 6)).toBe(true);
    expect(mayHoldNumber('0043 123456', 10)).toBe(true);
    expect(mayHoldNumber('00 43 1234', 8)).toBe(true);
    expect(mayHoldNumber('12/07/2025', 8)).toBe(false);
    expect(mayHoldNumber('149,90', 5)).toBe(false);
  });
});

describe('the short way for a French number written the usual way', () => {
  const shape = (found: readonly { startsAt: number; endsAt: number; number: { number: string; country?: string; nationalNumber: string } }[]) =>
    found.map((m) => ({ startsAt: m.startsAt, endsAt: m.endsAt, number: m.number.number, country: m.number.country, nationalNumber: m.number.nationalNumber }));

  it('finds exactly what libphonenumber finds (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('0', '+33', '+33 '),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 4, maxLength: 4 }),
        fc.constantFrom('', ' ', '.', '-'),
        (prefix, first, pairs, separator) => {
          const run = `${prefix}${first}${pairs.map((p) => `${separator}${String(p).padStart(2, '0')}`).join('')}`;
          expect(shape(phoneNumbersInRun(run))).toEqual(shape(findPhoneNumbersInText(run, { defaultCountry: 'FR' })));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
