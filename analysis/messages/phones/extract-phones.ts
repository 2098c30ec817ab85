import type { CountryCode } from 'libphonenumber-js';
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { PhoneCategory } from '../../analysis.types.js';
import type { PreparedText } from '../../engine/match.js';
import type { Span } from '../../engine/normalize.js';
import { toOriginalSpan } from '../../engine/normalize.js';
import { OFFICIAL_PHONES } from '../official/register.js';
import { boundedMemo } from '../../engine/bounded-memo.js';
import { contextBefore, continuesWithDigits, gluedToLetters, insideLinkOrAddress, isAmount, writtenForm } from './phone-context.js';

export interface FoundPhone {
  /** E.164, or the digits of a French short number (« 3646 », « 33700 »). */
  readonly e164: string;
  readonly country?: string;
  readonly category: PhoneCategory;
  readonly evidence: Span;
  /** The body whose number this is, when the register of official sources lists it. */
  readonly officialBody?: string;
}

/** French overseas departments and territories have their own country codes but are French. */
const FRENCH_REGIONS: ReadonlySet<string> = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'NC', 'PF', 'WF']);

/**
 * The short numbers of the register of official sources (3646, 3939, 33700…), as extractPhones gives
 * them: their digits. The long official numbers are in OFFICIAL_PHONES, in E.164.
 */
export const OFFICIAL_SHORT_NUMBERS: ReadonlySet<string> = new Set([...OFFICIAL_PHONES.keys()].filter((number) => !number.startsWith('+')));

/** French numbering plan, from the national significant number (without the leading 0). */
export function frenchCategory(nationalNumber: string): PhoneCategory {
  if (nationalNumber.startsWith('89')) return 'surtaxe';
  if (nationalNumber.startsWith('81') || nationalNumber.startsWith('82')) return 'majore';
  if (nationalNumber.startsWith('80')) return 'gratuit';
  if (/^[67]/.test(nationalNumber)) return 'mobile';
  if (nationalNumber.startsWith('9')) return 'voip';
  if (/^[1-5]/.test(nationalNumber)) return 'fixe';
  return 'autre';
}

/**
 * The overseas departments share the French plan: their numbers are dialled from France with a 0
 * (« 0590 12 34 56 », « 0692 12 34 56 ») but belong to their own country code (+590, +262). Read as
 * French, « 0262 … » would be a mainland 02 number that rings nowhere. The register of doctors uses the
 * same table (server/modules/registry/registry-import.parse.ts), so a doctor's own number read in a
 * message is the one the register holds.
 */
const OVERSEAS_PREFIXES: ReadonlyMap<string, CountryCode> = new Map([
  ['590', 'GP'], ['690', 'GP'], ['691', 'GP'], ['596', 'MQ'], ['696', 'MQ'], ['697', 'MQ'], ['594', 'GF'], ['694', 'GF'],
  ['262', 'RE'], ['263', 'RE'], ['692', 'RE'], ['693', 'RE'], ['269', 'YT'], ['639', 'YT'],
]);

/** A number written in the French national form (its 9 digits after the 0), in E.164 with its country. */
export function frenchNumber(nationalNumber: string): { e164: string; country: string } {
  const region = OVERSEAS_PREFIXES.get(nationalNumber.slice(0, 3));
  if (region !== undefined) {
    const overseas = parsePhoneNumberFromString(`0${nationalNumber}`, region);
    if (overseas?.isValid()) return { e164: overseas.number, country: overseas.country ?? region };
  }
  return { e164: `+33${nationalNumber}`, country: 'FR' };
}

function categoryOf(country: string | undefined, nationalNumber: string): PhoneCategory {
  if (country === 'FR') return frenchCategory(nationalNumber);
  if (country === undefined || !FRENCH_REGIONS.has(country)) return 'etranger';
  // Overseas departments number like the mainland (06 mobile, 08 99 premium); the Pacific does not.
  return nationalNumber.length === FRENCH_NUMBER_DIGITS ? frenchCategory(nationalNumber) : 'autre';
}

/** Words before a short number that show it is a number to call (not a year or an amount). */
const CALL_WORDS = ['appel', 'rappel', 'compos', 'numero', 'contact', 'joindre', 'tel', 'telephone', 'composez', 'appelez'];
/** What may stand between the two halves of a short number written in two groups (« 36 46 », « 33 700 »). */
const GROUP_SEPARATOR = /^[ .\u00a0\u202f]$/;

function followsCallWord(text: PreparedText, i: number): boolean {
  return text.words.slice(Math.max(0, i - 4), i).some((w) => CALL_WORDS.some((c) => w.text.startsWith(c)));
}

/**
 * The short number starting at word i and how many words it takes: four digits starting with 3
 * (« 3179 »), an official short number of the register in one word (« 33700 ») or in two groups
 * (« 36 46 », « 33 700 »). Two groups are joined only into an official number, so that a pair of
 * amounts or a date never becomes an unknown short number.
 */
function shortNumberAt(text: PreparedText, i: number): { digits: string; words: number } | null {
  const word = text.words[i] as (typeof text.words)[number];
  const first = word.text.charCodeAt(0);
  // Most words are not numbers: one character code settles it before any pattern runs.
  if (first < 0x30 || first > 0x39 || !/^[0-9]{2,5}$/.test(word.text)) return null;
  if (/^3[0-9]{3}$/.test(word.text) || OFFICIAL_SHORT_NUMBERS.has(word.text)) return { digits: word.text, words: 1 };
  const next = text.words[i + 1];
  if (!next || !/^[0-9]{2,3}$/.test(next.text)) return null;
  const joined = word.text + next.text;
  const between = text.normalized.text.slice(word.end, next.start);
  return OFFICIAL_SHORT_NUMBERS.has(joined) && GROUP_SEPARATOR.test(between) ? { digits: joined, words: 2 } : null;
}

function shortNumbers(text: PreparedText): FoundPhone[] {
  const found: FoundPhone[] = [];
  for (let i = 0; i < text.words.length; i += 1) {
    const short = shortNumberAt(text, i);
    if (!short || !followsCallWord(text, i)) continue;
    const last = text.words[i + short.words - 1] as (typeof text.words)[number];
    const start = (text.words[i] as (typeof text.words)[number]).start;
    const evidence = toOriginalSpan(text.normalized, start, last.end);
    i += short.words - 1;
    const original = text.normalized.original;
    if (insideLinkOrAddress(original, evidence) || isAmount(original, evidence)) continue;
    found.push(withOfficialBody({ e164: short.digits, country: 'FR', category: 'court', evidence }));
  }
  return found;
}

/** The phone with the body whose number it is, when the register lists it. */
function withOfficialBody(phone: FoundPhone): FoundPhone {
  const body = OFFICIAL_PHONES.get(phone.e164);
  return body === undefined ? phone : { ...phone, officialBody: body };
}

/** + ( ) . - / space, no-break spaces and tab, by character code. */
const NUMBER_CHARS: ReadonlySet<number> = new Set([0x2b, 0x28, 0x29, 0x2e, 0x2d, 0x2f, 0x20, 0xa0, 0x202f, 0x09]);
const PLUS = 0x2b;
const MAX_CANDIDATES = 50;
/** A run of digits longer than this is a list of numbers at most; longer runs are not read at all. */
const MAX_RUN_LENGTH = 300;

interface NumberRun {
  readonly start: number;
  readonly end: number;
  readonly digits: number;
}

/** V8 (Node, Chromium) lets the depth of error stack traces be set; elsewhere nothing is changed. */
const CAN_SILENCE_STACKS = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')?.writable === true;

/**
 * libphonenumber's search, with error stack traces turned off while it runs: it builds (and
 * catches) an error for each candidate it rejects, and capturing their stacks was most of its
 * cost. Synchronous, and the setting is restored before anything else can run.
 */
function findPhoneNumbersWithoutStacks(run: string): ReturnType<typeof findPhoneNumbersInText> {
  if (!CAN_SILENCE_STACKS) return findPhoneNumbersInText(run, { defaultCountry: 'FR' });
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return findPhoneNumbersInText(run, { defaultCountry: 'FR' });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * A run that is one French number written the usual way (« 01 89 62 07 15 », « 06.12.34.56.78 »,
 * « +33 6 12 34 56 78 »): most runs are, and parsing it directly costs a third of libphonenumber's
 * search over the text, with the same answer (the search would find this one number, the whole run).
 */
const CANONICAL_FRENCH = /^(?:0|\+33 ?)[1-9](?:[ .-]?[0-9]{2}){4}$/;

export function phoneNumbersInRun(run: string): readonly { startsAt: number; endsAt: number; number: { number: string; country?: string; nationalNumber: string } }[] {
  if (CANONICAL_FRENCH.test(run)) {
    const parsed = parsePhoneNumberFromString(run, 'FR');
    if (parsed?.isValid()) return [{ startsAt: 0, endsAt: run.length, number: parsed }];
  }
  return findPhoneNumbersWithoutStacks(run);
}

interface RunNumber {
  readonly startsAt: number;
  readonly endsAt: number;
  readonly e164: string;
  readonly country: string | undefined;
  readonly nationalNumber: string;
}

/**
 * The numbers of a run, remembered by its text: a campaign sends one number to thousands of doctors,
 * and libphonenumber's search was a tenth of an SMS's analysis. Only the fields read below are kept.
 */
const numbersOfRun: (run: string) => readonly RunNumber[] = boundedMemo(5_000, (run) =>
  phoneNumbersInRun(run).map(({ startsAt, endsAt, number }) => ({ startsAt, endsAt, e164: number.number, country: number.country, nationalNumber: number.nationalNumber })),
);

/** Global, for its lastIndex: reused by numberRuns, which is synchronous and never re-entered. */
const DIGIT_OR_PLUS = /[0-9+]/g;

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Runs of digits and separators that may hold phone numbers, found in one pass. libphonenumber-js is
 * then run on each run only: on a 100 kB wall of digits it would otherwise take most of a second.
 */
function numberRuns(text: string): NumberRun[] {
  const runs: NumberRun[] = [];
  let i = 0;
  const length = text.length;
  while (i < length && runs.length < MAX_CANDIDATES) {
    // Straight to the next digit or « + »: most characters of a message are neither, and the regular
    // expression engine passes over them faster than a loop reading each.
    DIGIT_OR_PLUS.lastIndex = i;
    if (!DIGIT_OR_PLUS.test(text)) break;
    i = DIGIT_OR_PLUS.lastIndex - 1;
    const code = text.charCodeAt(i);
    if (!isDigitCode(code) && !(code === PLUS && i + 1 < length && isDigitCode(text.charCodeAt(i + 1)))) {
      i += 1;
      continue;
    }
    let end = i;
    let digits = 0;
    while (end < length) {
      const next = text.charCodeAt(end);
      if (isDigitCode(next)) digits += 1;
      else if (!NUMBER_CHARS.has(next)) break;
      end += 1;
    }
    while (end > i && !isDigitCode(text.charCodeAt(end - 1))) end -= 1;
    if (digits >= 6 && end - i <= MAX_RUN_LENGTH) runs.push({ start: i, end, digits });
    i = Math.max(end, i + 1);
  }
  return runs;
}

/**
 * Which runs libphonenumber is asked about. Without « + », a number is either French, with 9 digits
 * after its 0, or foreign dialled from France: 00, then a country code and a number, 6 digits
 * together for the shortest plans (Austria, Germany, Iran; both figures are checked against
 * libphonenumber's metadata in phones.test.ts). So a run without « + » needs 9 digits, or 8 with
 * « 00 » among them. Shorter runs (dates, versions, amounts) cannot hold a number, and skipping them
 * spares libphonenumber, which throws and catches an error for every candidate it rejects.
 */
export const FRENCH_NUMBER_DIGITS = 9;
export const MIN_INTERNATIONAL_DIGITS = 6;
const IDD = '00';

export function mayHoldNumber(run: string, digits: number): boolean {
  if (digits >= FRENCH_NUMBER_DIGITS || run.includes('+')) return true;
  return digits >= IDD.length + MIN_INTERNATIONAL_DIGITS && run.replace(/[^0-9]/g, '').includes(IDD);
}

/**
 * The number libphonenumber found in a run, if it is one someone wrote to be called: not a piece of
 * a longer run of digits, a word, a link, an address or an amount; written « +… », « 00… », or the
 * French way from 0 (grouped or together, or otherwise right after a call word); and, unless
 * written « +… », not labelled as an identifier (« n° de dossier », « facture », « RPPS »).
 */
function acceptedPhone(original: string, run: string, match: RunNumber, evidence: Span): FoundPhone | null {
  const written = original.slice(evidence.start, evidence.end);
  if (continuesWithDigits(run, match.startsAt, match.endsAt) || gluedToLetters(original, evidence) || insideLinkOrAddress(original, evidence) || isAmount(original, evidence)) return null;
  const form = writtenForm(written);
  if (form !== 'international') {
    const context = contextBefore(original, evidence.start);
    if (context === 'reference') return null;
    if (form === 'other' && !(context === 'call' && /^0[1-9]/.test(written) && written.replace(/[^0-9]/g, '').length === FRENCH_NUMBER_DIGITS + 1)) return null;
  }
  const french = form !== 'international' && form !== 'dialled_abroad' && match.country === 'FR' ? frenchNumber(match.nationalNumber) : null;
  const country = french?.country ?? match.country;
  return withOfficialBody({ e164: french?.e164 ?? match.e164, country, category: categoryOf(country, match.nationalNumber), evidence });
}

/** A message that is only a number (a `phone` input), in any form libphonenumber deems possible. */
const LONE_NUMBER = /^(?:\+|\(\+)?[0-9][0-9 .\-()/\u00a0\u202f]*$/u;

function loneNumber(original: string): FoundPhone | null {
  const trimmed = original.trim();
  if (trimmed.length > 30 || !LONE_NUMBER.test(trimmed)) return null;
  const form = writtenForm(trimmed);
  if (form === 'other') return null;
  const single = parsePhoneNumberFromString(trimmed, 'FR');
  if (!single?.isPossible()) return null;
  const french = form === 'national' || form === 'compact_national' ? frenchNumber(single.nationalNumber) : null;
  const country = french?.country ?? single.country;
  const start = original.indexOf(trimmed);
  return withOfficialBody({
    e164: french?.e164 ?? single.number,
    country,
    category: categoryOf(country, single.nationalNumber),
    evidence: { start, end: start + trimmed.length },
  });
}

/**
 * Phone numbers of a text (French by default), with where they appear. Only numbers written to be
 * called: references, identifiers, amounts, dates and digits inside links or addresses are left
 * out (the trap corpus, phone-traps.cases.ts, keeps it so).
 */
export function extractPhones(text: PreparedText): FoundPhone[] {
  const original = text.normalized.original;
  const found: FoundPhone[] = [];
  for (const run of numberRuns(original)) {
    const value = original.slice(run.start, run.end);
    if (!mayHoldNumber(value, run.digits)) continue;
    for (const match of numbersOfRun(value)) {
      const phone = acceptedPhone(original, value, match, { start: run.start + match.startsAt, end: run.start + match.endsAt });
      if (phone) found.push(phone);
    }
  }
  if (found.length === 0) {
    const single = loneNumber(original);
    if (single) found.push(single);
  }
  // A group of four digits inside a full number (« +44 20 3807 1122 ») is not a short number.
  const short = shortNumbers(text).filter((s) => !found.some((p) => s.evidence.start < p.evidence.end && p.evidence.start < s.evidence.end));
  return [...found, ...short];
}
