import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { PhoneCategory } from '../../analysis.types.js';
import type { PreparedText } from '../../engine/match.js';
import type { Span } from '../../engine/normalize.js';
import { toOriginalSpan } from '../../engine/normalize.js';
import { OFFICIAL_PHONES } from '../official/register.js';
import { boundedMemo } from '../../engine/bounded-memo.js';

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

function categoryOf(country: string | undefined, nationalNumber: string): PhoneCategory {
  if (country === 'FR') return frenchCategory(nationalNumber);
  return country !== undefined && FRENCH_REGIONS.has(country) ? 'autre' : 'etranger';
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
    found.push(withOfficialBody({ e164: short.digits, country: 'FR', category: 'court', evidence: toOriginalSpan(text.normalized, start, last.end) }));
    i += short.words - 1;
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

/** Phone numbers of a text (French by default), with where they appear. */
export function extractPhones(text: PreparedText): FoundPhone[] {
  const original = text.normalized.original;
  const found: FoundPhone[] = [];
  for (const run of numberRuns(original)) {
    const value = original.slice(run.start, run.end);
    if (!mayHoldNumber(value, run.digits)) continue;
    for (const match of numbersOfRun(value)) {
      found.push(withOfficialBody({
        e164: match.e164,
        country: match.country,
        category: categoryOf(match.country, match.nationalNumber),
        evidence: { start: run.start + match.startsAt, end: run.start + match.endsAt },
      }));
    }
  }
  if (found.length === 0 && original.trim().length <= 30) {
    const single = parsePhoneNumberFromString(original.trim(), 'FR');
    if (single?.isPossible()) {
      const start = original.indexOf(original.trim());
      found.push(withOfficialBody({
        e164: single.number,
        country: single.country,
        category: categoryOf(single.country, single.nationalNumber),
        evidence: { start, end: start + original.trim().length },
      }));
    }
  }
  // A group of four digits inside a full number (« +44 20 3807 1122 ») is not a short number.
  const short = shortNumbers(text).filter((s) => !found.some((p) => s.evidence.start < p.evidence.end && p.evidence.start < s.evidence.end));
  return [...found, ...short];
}
