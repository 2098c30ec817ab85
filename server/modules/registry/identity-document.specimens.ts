/**
 * Synthetic machine-readable zones for tests and demonstrations, with correct check digits (ICAO 9303
 * §4.9: weights 7-3-1, `<` = 0, A = 10 … Z = 35). Not used by the application itself.
 */
import { foldName } from '../../../contracts/identity-document.js';

/** ICAO 9303 check digit of a field. */
export function mrzCheckDigit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    const value = c === '<' ? 0 : /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * weights[i % 3]!;
  }
  return String(sum % 10);
}

const pad = (value: string, length: number) => value.padEnd(length, '<').slice(0, length);
const mrzName = (value: string) => foldName(value).replace(/ /g, '<');
/** YYYY-MM-DD → YYMMDD. */
const yymmdd = (iso: string) => `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;

export interface SpecimenPerson {
  surname: string;
  givenNames: string;
  birthDate: string;
  sex?: 'F' | 'M';
}

/** The 2021 French identity card (TD1, three lines of 30). */
export function td1Specimen(person: SpecimenPerson, options: { number?: string; expiry: string; state?: string }): string {
  const number = pad(options.number ?? 'X4RTBPFW4', 9);
  const state = pad(options.state ?? 'FRA', 3);
  const line1 = `ID${state}${number}${mrzCheckDigit(number)}${pad('', 15)}`;
  const birth = yymmdd(person.birthDate);
  const expiry = yymmdd(options.expiry);
  const head2 = `${birth}${mrzCheckDigit(birth)}${person.sex ?? 'F'}${expiry}${mrzCheckDigit(expiry)}${state}${pad('', 11)}`;
  const composite = mrzCheckDigit(line1.slice(5, 30) + head2.slice(0, 7) + head2.slice(8, 15) + head2.slice(18, 29));
  const line3 = pad(`${mrzName(person.surname)}<<${mrzName(person.givenNames)}`, 30);
  return [line1, `${head2}${composite}`, line3].join('\n');
}

/** A passport (TD3, two lines of 44). */
export function td3Specimen(person: SpecimenPerson, options: { number?: string; expiry: string; state?: string }): string {
  const state = pad(options.state ?? 'FRA', 3);
  const line1 = pad(`P<${state}${mrzName(person.surname)}<<${mrzName(person.givenNames)}`, 44);
  const number = pad(options.number ?? '19AB12345', 9);
  const birth = yymmdd(person.birthDate);
  const expiry = yymmdd(options.expiry);
  const personal = pad('', 14);
  const body = `${number}${mrzCheckDigit(number)}${state}${birth}${mrzCheckDigit(birth)}${person.sex ?? 'F'}${expiry}${mrzCheckDigit(expiry)}${personal}${mrzCheckDigit(personal)}`;
  const composite = mrzCheckDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
  return [line1, `${body}${composite}`].join('\n');
}

/** The French identity card of 1988–2021 (two lines of 36; issue month instead of expiry). */
export function frenchCardSpecimen(person: SpecimenPerson, options: { issued: string; office?: string; sequence?: string }): string {
  const line1 = `IDFRA${pad(mrzName(person.surname), 25)}${pad('075012', 6)}`;
  const number = `${options.issued.slice(2, 4)}${options.issued.slice(5, 7)}${pad(options.office ?? '751', 3)}${pad(options.sequence ?? '10285', 5)}`;
  const birth = yymmdd(person.birthDate);
  // The older card separates given names with two fillers.
  const head2 = `${number}${mrzCheckDigit(number)}${pad(foldName(person.givenNames).replace(/ /g, '<<'), 14)}${birth}${mrzCheckDigit(birth)}${person.sex ?? 'F'}`;
  return [line1, `${head2}${mrzCheckDigit(line1 + head2)}`].join('\n');
}

/** Replaces one character of an MRZ (lines joined by \n), to break a check digit on purpose. */
export function alterMrz(mrz: string, line: number, column: number, character: string): string {
  const lines = mrz.split('\n');
  lines[line] = lines[line]!.slice(0, column) + character + lines[line]!.slice(column + 1);
  return lines.join('\n');
}
