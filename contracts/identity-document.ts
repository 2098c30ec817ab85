/**
 * Reading the machine-readable zone (MRZ) of an identity document typed or scanned at the counter, and
 * comparing it with a register record. Pure: no clock (the caller passes today), no I/O. Shared by the
 * server, which decides, and the web form, which shows the agent what was read before sending.
 * Rules and their reasons: docs/identity-checks.md.
 */
import { parse, type ParseResult } from 'mrz';
import type { IdentityDocumentType } from './registry.schemas.js';

export type { IdentityDocumentType };
export type AcceptedMrzFormat = 'TD1' | 'TD3' | 'FRENCH_NATIONAL_ID';

/** What the MRZ says, once its check digits are right. Never stored as such: only type, last 4, keyed hash, expiry. */
export interface MrzDocument {
  format: AcceptedMrzFormat;
  documentType: IdentityDocumentType;
  documentNumber: string;
  issuingState: string;
  /** As printed in the MRZ, fillers turned to spaces (« DE LA FONTAINE »). */
  surname: string;
  givenNames: string;
  /** The six MRZ digits YYMMDD, `<` where the document leaves the day or month unknown. */
  birthDateRaw: string;
  /** ISO date for display, century inferred (`??` for unknown parts). */
  birthDate: string;
  /** ISO date; for the older French card, derived from the issue month (see `expiryDerived`). */
  expiry: string;
  expiryDerived: boolean;
  /** The name zone is full to its last character: ICAO 9303 truncation may have cut the end. */
  surnameTruncated: boolean;
  givenNamesTruncated: boolean;
}

/** Which check failed, as written in the audit log (never the MRZ content). */
export type MrzFailure =
  | 'mrz_missing'
  | 'unreadable'
  | 'unsupported_format'
  | 'document_number_check_digit'
  | 'birth_date_check_digit'
  | 'expiry_check_digit'
  | 'personal_number_check_digit'
  | 'composite_check_digit'
  | 'invalid_field';

export type MrzReading = { ok: true; document: MrzDocument } | { ok: false; failures: MrzFailure[] };

const FAILURE_BY_FIELD: Partial<Record<string, MrzFailure>> = {
  documentNumberCheckDigit: 'document_number_check_digit',
  birthDateCheckDigit: 'birth_date_check_digit',
  expirationDateCheckDigit: 'expiry_check_digit',
  personalNumberCheckDigit: 'personal_number_check_digit',
  compositeCheckDigit: 'composite_check_digit',
};

/** French sentences for the agent, one per failed check. */
export const MRZ_FAILURE_MESSAGES: Record<MrzFailure, string> = {
  mrz_missing: 'Saisissez ou scannez la bande MRZ du titre : sans elle, l’identité ne peut pas être vérifiée.',
  unreadable: 'Bande MRZ illisible : 2 ou 3 lignes de lettres majuscules, chiffres et « < », de 30, 36 ou 44 caractères.',
  unsupported_format: 'Ce titre n’est ni un passeport ni une carte nationale d’identité : il ne peut pas servir.',
  document_number_check_digit: 'La clé de contrôle du numéro du titre est fausse.',
  birth_date_check_digit: 'La clé de contrôle de la date de naissance est fausse.',
  expiry_check_digit: 'La clé de contrôle de la date d’expiration est fausse.',
  personal_number_check_digit: 'La clé de contrôle du numéro personnel est fausse.',
  composite_check_digit: 'La clé de contrôle globale (dernier chiffre de la bande) est fausse.',
  invalid_field: 'Un champ de la bande MRZ est invalide (date, pays ou caractère inattendu).',
};

/**
 * Splits what a keyboard or a scanner typed into MRZ lines: upper-case, spaces removed, empty lines
 * dropped. A scanner often sends the lines with CR, LF or both.
 */
export function normalizeMrzLines(text: string): string[] {
  return text
    .toUpperCase()
    .split(/[\r\n]+/)
    .map((line) => line.replace(/[\s\u00a0]+/g, ''))
    .filter((line) => line.length > 0);
}

const yy = (today: string) => Number(today.slice(2, 4));

/** YYMMDD → YYYY-MM-DD; `pastOnly` (birth, issue) puts years after this one in the previous century. */
function isoFromMrz(raw: string, today: string, pastOnly: boolean): string {
  const y = raw.slice(0, 2);
  const part = (s: string) => (s.includes('<') ? '??' : s);
  const century = y.includes('<') ? '??' : pastOnly && Number(y) > yy(today) ? '19' : '20';
  return `${century}${part(y)}-${part(raw.slice(2, 4))}-${raw.length > 4 ? part(raw.slice(4, 6)) : '01'}`;
}

function addYearsMinusOneDay(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The older French card (1988–2021) carries its issue month, not its expiry. Cards issued to adults from
 * 2 January 2004 are valid 15 years (décret 2013-1188 extended those issued 2004–2013; later ones were
 * issued for 15 years); cards issued to minors, or before 2004, 10 years. The issue day is unknown: the
 * first of the month gives the earliest possible expiry, and an unknown birth day counts as a minor.
 */
export function deriveFrenchCardExpiry(issueYearMonth: string, birthDate: string): string {
  const issued = `${issueYearMonth}-01`;
  const adultFrom = birthDate.includes('?') ? null : addYearsMinusOneDay(birthDate, 18);
  const adult = adultFrom !== null && adultFrom < issued;
  const years = adult && issued >= '2004-01-01' ? 15 : 10;
  return addYearsMinusOneDay(issued, years);
}

function documentTypeOf(result: ParseResult): IdentityDocumentType | null {
  const code = result.fields.documentCode ?? '';
  if (result.format === 'TD3') return code.startsWith('P') ? 'passeport' : null;
  if (result.format === 'TD1' || result.format === 'FRENCH_NATIONAL_ID') return code.startsWith('I') ? 'carte_nationale_identite' : null;
  return null;
}

const spaced = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/**
 * Parses and verifies an MRZ: every check digit and every field must be right (ICAO 9303 TD1 and TD3,
 * the older French card's two 36-character lines). `today` is YYYY-MM-DD, for the century of dates.
 */
export function readMrz(text: string | undefined, today: string): MrzReading {
  const lines = normalizeMrzLines(text ?? '');
  if (lines.length === 0) return { ok: false, failures: ['mrz_missing'] };
  if (lines.some((line) => !/^[A-Z0-9<]+$/.test(line))) return { ok: false, failures: ['unreadable'] };
  let result: ParseResult;
  try {
    result = parse(lines);
  } catch {
    return { ok: false, failures: ['unreadable'] };
  }
  if (result.format !== 'TD1' && result.format !== 'TD3' && result.format !== 'FRENCH_NATIONAL_ID') return { ok: false, failures: ['unsupported_format'] };
  const documentType = documentTypeOf(result);
  if (!documentType) return { ok: false, failures: ['unsupported_format'] };
  if (!result.valid || !result.documentNumber) {
    const failures = new Set<MrzFailure>();
    for (const detail of result.details) if (!detail.valid) failures.add(FAILURE_BY_FIELD[detail.field ?? ''] ?? 'invalid_field');
    return { ok: false, failures: [...failures].sort() };
  }
  const f = result.fields;
  const raw = (line: number, start: number, end: number) => lines[line]!.slice(start, end);
  const birthDateRaw = (result.format === 'TD3' ? raw(1, 13, 19) : result.format === 'TD1' ? raw(1, 0, 6) : raw(1, 27, 33));
  const birthDate = isoFromMrz(birthDateRaw, today, true);
  let expiry: string;
  let expiryDerived = false;
  if (result.format === 'FRENCH_NATIONAL_ID') {
    expiry = deriveFrenchCardExpiry(isoFromMrz(f.issueDate!, today, true).slice(0, 7), birthDate);
    expiryDerived = true;
  } else {
    expiry = isoFromMrz(f.expirationDate!, today, false);
  }
  const nameZoneFull = result.format === 'TD3' ? raw(0, 43, 44) !== '<' : result.format === 'TD1' ? raw(2, 29, 30) !== '<' : false;
  return {
    ok: true,
    document: {
      format: result.format,
      documentType,
      documentNumber: result.documentNumber,
      issuingState: f.issuingState ?? '',
      surname: spaced(f.lastName),
      givenNames: spaced(f.firstName),
      birthDateRaw,
      birthDate,
      expiry,
      expiryDerived,
      surnameTruncated: result.format === 'FRENCH_NATIONAL_ID' ? raw(0, 29, 30) !== '<' : nameZoneFull,
      givenNamesTruncated: result.format === 'FRENCH_NATIONAL_ID' ? raw(1, 26, 27) !== '<' : nameZoneFull,
    },
  };
}

const LETTER_MAP: Record<string, string> = { Œ: 'OE', Æ: 'AE', ß: 'SS', Ø: 'O', Ð: 'D', Đ: 'D', Þ: 'TH', Ł: 'L', ı: 'I' };
const GERMAN_EXPANSIONS: Record<string, string> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', Å: 'AA', Ø: 'OE' };

/**
 * A name as the MRZ would print it (ICAO 9303 transliteration): capitals without accents, ligatures
 * expanded, hyphens and spaces as single spaces, the apostrophe dropped or (`apostrophe: ' '`) turned to
 * a separator, since issuing states do both. `expandUmlauts` gives the « MUELLER » variant of « Müller ».
 */
export function foldName(value: string, apostrophe: '' | ' ' = '', expandUmlauts = false): string {
  let upper = value.toUpperCase();
  if (expandUmlauts) upper = upper.replace(/[ÄÖÜÅØ]/g, (c) => GERMAN_EXPANSIONS[c]!);
  return upper
    .replace(/[ŒÆßØÐĐÞŁı]/g, (c) => LETTER_MAP[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’ʼ‘`]/g, apostrophe)
    .replace(/[^A-Z]+/g, ' ')
    .trim();
}

function variants(value: string): string[] {
  return [...new Set([foldName(value), foldName(value, ' '), foldName(value, '', true), foldName(value, ' ', true)])].filter(Boolean);
}

/**
 * Surname match: the MRZ surname equals the record's birth name or usage name, separators ignored
 * (« DELAFONTAINE » = « De La Fontaine »), or, when the name zone is full, is the start of it.
 */
export function surnameMatches(document: Pick<MrzDocument, 'surname' | 'surnameTruncated'>, names: (string | null)[]): boolean {
  const mrz = document.surname.replace(/ /g, '');
  if (!mrz) return false;
  return names.some((name) => name && variants(name).some((v) => {
    const record = v.replace(/ /g, '');
    return record === mrz || (document.surnameTruncated && record.startsWith(mrz));
  }));
}

/**
 * Given names match when the record's names are the document's first names, whole words in the same
 * order (the record may list fewer than the document); when the zone is full, the document's names may
 * stop anywhere inside the record's.
 */
export function givenNamesMatch(document: Pick<MrzDocument, 'givenNames' | 'givenNamesTruncated'>, firstNames: string): boolean {
  const mrz = document.givenNames;
  if (!mrz) return false;
  return variants(firstNames).some((record) => mrz === record || mrz.startsWith(`${record} `) || (document.givenNamesTruncated && record.startsWith(mrz)));
}

/** The record's birth date (YYYY-MM-DD) against the MRZ digits; unknown MRZ parts (`<`) match anything. */
export function birthDateMatches(birthDateRaw: string, recordBirthDate: string): boolean {
  const record = `${recordBirthDate.slice(2, 4)}${recordBirthDate.slice(5, 7)}${recordBirthDate.slice(8, 10)}`;
  return [...birthDateRaw].every((c, i) => c === '<' || c === record[i]);
}

export interface IdentitySubject {
  birthName: string;
  usageName: string | null;
  firstNames: string;
  birthDate: string | null;
}

export type ComparisonFailure = 'surname' | 'given_names' | 'birth_date';

/** Which of name, given names and (when the record has one) birth date differ from the document. */
export function compareWithRecord(document: MrzDocument, subject: IdentitySubject): ComparisonFailure[] {
  const failures: ComparisonFailure[] = [];
  if (!surnameMatches(document, [subject.birthName, subject.usageName])) failures.push('surname');
  if (!givenNamesMatch(document, subject.firstNames)) failures.push('given_names');
  if (subject.birthDate && !birthDateMatches(document.birthDateRaw, subject.birthDate)) failures.push('birth_date');
  return failures;
}

export const COMPARISON_FAILURE_MESSAGES: Record<ComparisonFailure, string> = {
  surname: 'Le nom du titre ne correspond ni au nom de naissance ni au nom d’usage de la fiche.',
  given_names: 'Les prénoms du titre ne correspondent pas à ceux de la fiche.',
  birth_date: 'La date de naissance du titre ne correspond pas à celle de la fiche.',
};

/** A document is valid through its expiry day; `today` is YYYY-MM-DD (Paris). */
export function isDocumentExpired(document: Pick<MrzDocument, 'expiry'>, today: string): boolean {
  return document.expiry < today;
}
