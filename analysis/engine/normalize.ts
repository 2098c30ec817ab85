import type { CharClass, FoldedCodePoint } from './char-folding.js';
import { classifyCodePoint, foldCodePoint, isWordCodePoint, LEET_DIGITS } from './char-folding.js';
import { arenaInt32Array, arenaUint8Array } from './typed-arena.js';

/** Marks on a normalised character saying which disguise it came out of. */
export const CharFlag = {
  confusable: 1,
  leet: 2,
  spacedOut: 4,
} as const;

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A text folded for matching, with, for every UTF-16 unit of `text`, the range of the original it came
 * from. `starts` never decreases and every range lies inside the original, so any span of `text` maps
 * back to a span of what the user sees.
 */
export interface NormalizedText {
  readonly original: string;
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** Original offsets of invisible characters hidden inside words (zero-width spaces and the like). */
  readonly hiddenInvisibles: readonly number[];
  /**
   * The words of `text` (runs of letters and digits) as (start, end) pairs, read while normalising, so
   * that matching need not split the text again. Absent when the text holds surrogates, whose halves
   * are read here unit by unit and there by code point (see isWordUnit): null then.
   */
  readonly words: Int32Array | null;
}

/**
 * The text being built: one entry per UTF-16 unit of the output, in typed arrays that grow by
 * doubling. Two drafts serve every call (see SCRATCH): this runs on every message, and allocations
 * show; the result is copied out of them.
 */
class Draft {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    const size = Math.max(capacity, 16);
    this.codes = new Uint16Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.flags = new Uint8Array(size);
  }

  /** Empties the draft for a new text. */
  reset(): this {
    this.length = 0;
    return this;
  }

  push(code: number, start: number, end: number, flag: number): void {
    if (this.length === this.codes.length) this.grow();
    const i = this.length;
    this.codes[i] = code;
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = flag;
    this.length = i + 1;
  }

  /** Makes room for `capacity` units. */
  reserve(capacity: number): void {
    while (this.codes.length < capacity) this.grow();
  }

  /** Code at `index`, or -1 outside the text. */
  codeAt(index: number): number {
    return index >= 0 && index < this.length ? (this.codes[index] as number) : -1;
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const codes = new Uint16Array(size);
    codes.set(this.codes);
    this.codes = codes;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.ends = ends;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }
}

/** The drafts reused by every call; normalizeText is synchronous and never re-entered. */
const SCRATCH = { folded: new Draft(1024), joined: new Draft(1024) };

const SPACE = 0x20;

/**
 * Folds case, accents, look-alike letters and compatibility forms, drops invisible characters,
 * collapses white space, joins letters spaced out to dodge filters (« r a d i a t i o n »,
 * « r.a.d.i.a.t.i.o.n ») and reads digits typed for letters inside words (« rad1ation »).
 * Idempotent: normalising the result again returns the same text.
 */
export function normalizeText(original: string): NormalizedText {
  const { draft, invisibleSlots } = foldCodePoints(original);
  const hiddenInvisibles: number[] = [];
  for (let i = 0; i < invisibleSlots.length; i += 2) {
    const outputIndex = invisibleSlots[i] as number;
    if (isWordUnit(draft, outputIndex - 1) && isWordUnit(draft, outputIndex)) hiddenInvisibles.push(invisibleSlots[i + 1] as number);
  }
  const tokens = wordTokens(draft);
  const joined = joinSpacedLetters(draft, tokens);
  // Joining only drops separators and marks letters; when it changed nothing, the words are the same.
  const words = joined === draft ? tokens : wordTokens(joined);
  // Reading digits as letters turns word characters into word characters: the words stay where they are.
  readLeetDigits(joined, words);
  const length = joined.length;
  const starts = arenaInt32Array(length);
  const ends = arenaInt32Array(length);
  const flags = arenaUint8Array(length);
  starts.set(joined.starts.subarray(0, length));
  ends.set(joined.ends.subarray(0, length));
  flags.set(joined.flags.subarray(0, length));
  const text = codesToString(joined.codes.subarray(0, length));
  return { original, text, starts, ends, flags, hiddenInvisibles, words: words.surrogates ? null : arenaCopy(words) };
}

function arenaCopy(spans: WordSpans): Int32Array {
  const copy = arenaInt32Array(spans.length);
  copy.set(spans.pairs.subarray(0, spans.length));
  return copy;
}

/** Maps a span of the normalised text back to the original text. */
export function toOriginalSpan(normalized: NormalizedText, start: number, end: number): Span {
  const length = normalized.text.length;
  if (length === 0) return { start: 0, end: 0 };
  const from = Math.min(Math.max(start, 0), length - 1);
  const to = Math.min(Math.max(end, from + 1), length);
  return { start: normalized.starts[from] ?? 0, end: normalized.ends[to - 1] ?? normalized.original.length };
}

/** Whether any character of a normalised span carries one of the given flags. */
export function spanHasFlag(normalized: NormalizedText, start: number, end: number, flag: number): boolean {
  for (let i = start; i < end; i += 1) if (((normalized.flags[i] ?? 0) & flag) !== 0) return true;
  return false;
}

const CHUNK = 8192;

function codesToString(codes: Uint16Array): string {
  let text = '';
  // apply() takes the typed array as it is; spreading it would go through its iterator.
  for (let i = 0; i < codes.length; i += CHUNK) text += String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK) as unknown as number[]);
  return text;
}

/** Class and folded form of the ASCII characters, worked out once with the general functions. */
const ASCII_CLASS: readonly CharClass[] = Array.from({ length: 0x80 }, (_, code) => classifyCodePoint(String.fromCharCode(code)));
const ASCII_FOLDED: readonly FoldedCodePoint[] = Array.from({ length: 0x80 }, (_, code) => foldCodePoint(String.fromCharCode(code)));
/** The folded ASCII character when it is one unit other than a space, else -1: the common case. */
const ASCII_SIMPLE: Int32Array = Int32Array.from(ASCII_FOLDED, (folded, code) =>
  ASCII_CLASS[code] === 'visible' && folded.text.length === 1 && folded.text !== ' ' && !folded.confusable ? folded.text.charCodeAt(0) : -1,
);

function foldCodePoints(original: string): {
  draft: Draft;
  /** Pairs (index in the output, offset in the original) where an invisible character was dropped. */
  invisibleSlots: number[];
} {
  const draft = SCRATCH.folded.reset();
  const invisibleSlots: number[] = [];
  const length = original.length;
  let offset = 0;
  while (offset < length) {
    const code = original.charCodeAt(offset);
    if (code < 0x80 && (ASCII_SIMPLE[code] as number) >= 0) {
      offset = copySimpleRun(original, offset, draft);
      continue;
    }
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && offset + 1 < length) {
      const low = original.charCodeAt(offset + 1);
      if (low >= 0xdc00 && low <= 0xdfff) width = 2;
    }
    const next = offset + width;
    let kind: CharClass;
    let cp = '';
    if (code < 0x80) kind = ASCII_CLASS[code] as CharClass;
    else {
      cp = width === 2 ? original.slice(offset, next) : (original[offset] as string);
      kind = classifyCodePoint(cp);
    }
    if (kind === 'invisible') {
      invisibleSlots.push(draft.length, offset);
    } else if (kind === 'space') {
      const last = draft.length - 1;
      if (last >= 0 && draft.codes[last] === SPACE) draft.ends[last] = next;
      else draft.push(SPACE, offset, next, 0);
    } else {
      const folded = code < 0x80 ? (ASCII_FOLDED[code] as FoldedCodePoint) : foldCodePoint(cp);
      const flag = folded.confusable ? CharFlag.confusable : 0;
      const text = folded.text;
      // Each UTF-16 unit of the folded form points at the whole original code point.
      for (let i = 0; i < text.length; i += 1) {
        const unit = text.charCodeAt(i);
        const last = draft.length - 1;
        if (unit === SPACE && last >= 0 && draft.codes[last] === SPACE) draft.ends[last] = next;
        else draft.push(unit, offset, next, flag);
      }
    }
    offset = next;
  }
  return { draft, invisibleSlots };
}

/**
 * Copies the run of simple ASCII characters starting at `offset` (the bulk of most texts) straight
 * into the draft's arrays, one unit each; returns where the run ends.
 */
function copySimpleRun(original: string, offset: number, draft: Draft): number {
  draft.reserve(draft.length + original.length - offset);
  const { codes, starts, ends, flags } = draft;
  let n = draft.length;
  let at = offset;
  while (at < original.length) {
    const code = original.charCodeAt(at);
    const simple = code < 0x80 ? (ASCII_SIMPLE[code] as number) : -1;
    if (simple < 0) break;
    codes[n] = simple;
    starts[n] = at;
    ends[n] = at + 1;
    flags[n] = 0;
    n += 1;
    at += 1;
  }
  draft.length = n;
  return at;
}

/** Word test on UTF-16 units: a surrogate half belongs to a word when its pair forms a letter. */
function isWordUnit(draft: Draft, index: number): boolean {
  const code = draft.codeAt(index);
  if (code < 0) return false;
  if (code < 0x80) return ASCII_WORD[code] === 1;
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = draft.codeAt(index + 1);
    return low >= 0xdc00 && low <= 0xdfff && isWordCodePoint(0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00));
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const high = draft.codeAt(index - 1);
    if (high < 0) return false;
    // A stray low half right after an ASCII letter or digit stays in that word, as it always has
    // (only invalid UTF-16 gets here; verdicts must not move with a rewrite of this loop).
    if (high < 0x80) return ASCII_WORD[high] === 1;
    return high >= 0xd800 && high <= 0xdbff && isWordCodePoint(0x10000 + ((high - 0xd800) << 10) + (code - 0xdc00));
  }
  return isWordCodePoint(code);
}

const ASCII_WORD: Uint8Array = Uint8Array.from({ length: 0x80 }, (_, code) => (isWordCodePoint(code) ? 1 : 0));

/** ' ', '.', '-', '_', '*', '·', '•', '|', '/', '+', '~' */
const SPACING_SEPARATORS: ReadonlySet<number> = new Set([0x20, 0x2e, 0x2d, 0x5f, 0x2a, 0xb7, 0x2022, 0x7c, 0x2f, 0x2b, 0x7e]);
const MAX_GAP = 3;

/**
 * Word tokens as flat (start, end) pairs, the first `length` numbers of `pairs`: no object per word,
 * and one array for every call (read before the next call; normalizeText is never re-entered).
 */
interface WordSpans {
  pairs: Int32Array;
  length: number;
  /** Some unit was half of a surrogate pair (or a lone half): see NormalizedText `words`. */
  surrogates: boolean;
}

const WORD_SPANS: WordSpans = { pairs: new Int32Array(1024), length: 0, surrogates: false };

function wordTokens(draft: Draft): WordSpans {
  // A word takes one unit and a separator at least: length + 1 numbers are always enough.
  if (WORD_SPANS.pairs.length < draft.length + 2) WORD_SPANS.pairs = new Int32Array(2 * (draft.length + 2));
  const tokens = WORD_SPANS.pairs;
  let n = 0;
  const codes = draft.codes;
  let start = -1;
  let surrogates = false;
  for (let i = 0; i <= draft.length; i += 1) {
    const code = i < draft.length ? (codes[i] as number) : -1;
    if (code >= 0xd800 && code <= 0xdfff) surrogates = true;
    // ASCII read from the table directly; other units (and the end) through isWordUnit.
    const inWord = code >= 0 && code < 0x80 ? ASCII_WORD[code] === 1 : i < draft.length && isWordUnit(draft, i);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      tokens[n] = start;
      tokens[n + 1] = i;
      n += 2;
      start = -1;
    }
  }
  WORD_SPANS.length = n;
  WORD_SPANS.surrogates = surrogates;
  return WORD_SPANS;
}

/** Whether the gap between two words is 1 to 3 separators, and whether a space is among them. */
function separatorGap(draft: Draft, from: number, to: number): { ok: boolean; spaced: boolean } {
  if (to - from < 1 || to - from > MAX_GAP) return { ok: false, spaced: false };
  let spaced = false;
  for (let i = from; i < to; i += 1) {
    const code = draft.codes[i] as number;
    if (!SPACING_SEPARATORS.has(code)) return { ok: false, spaced: false };
    if (code === SPACE) spaced = true;
  }
  return { ok: true, spaced };
}

const LETTER = /^\p{L}$/u;

/** Whether word `t` of the `count` words in `tokens` is one unit long. */
function isSingle(tokens: Int32Array, count: number, t: number): boolean {
  return t < count && (tokens[2 * t + 1] as number) - (tokens[2 * t] as number) === 1;
}

/**
 * Joins runs of single letters separated by spaces or punctuation. Four letters or more are needed
 * when spaces separate them (French has one-letter words: « il y a à »), three when only punctuation
 * does (« C.P.F »). Returns the draft itself when there is nothing to join.
 */
function joinSpacedLetters(draft: Draft, spans: WordSpans): Draft {
  const tokens = spans.pairs;
  const count = spans.length / 2;
  let drop: Uint8Array | null = null;
  let spacedOut: Uint8Array | null = null;
  let i = 0;
  while (i < count) {
    let j = i;
    let spaced = false;
    while (j + 1 < count && isSingle(tokens, count, j) && isSingle(tokens, count, j + 1)) {
      const gap = separatorGap(draft, tokens[2 * j + 1] as number, tokens[2 * (j + 1)] as number);
      if (!gap.ok) break;
      spaced ||= gap.spaced;
      j += 1;
    }
    const runLength = j - i + 1;
    if (isSingle(tokens, count, i) && runLength >= (spaced ? 4 : 3)) {
      let letters = 0;
      for (let t = i; t <= j; t += 1) if (LETTER.test(String.fromCharCode(draft.codes[tokens[2 * t] as number] as number))) letters += 1;
      if (letters >= 2) {
        drop ??= new Uint8Array(draft.length);
        spacedOut ??= new Uint8Array(draft.length);
        const first = tokens[2 * i] as number;
        const last = tokens[2 * j + 1] as number;
        for (let k = first; k < last; k += 1) {
          if (isWordUnit(draft, k)) spacedOut[k] = 1;
          else drop[k] = 1;
        }
      }
    }
    i = j + 1;
  }
  if (drop === null || spacedOut === null) return draft;
  const out = SCRATCH.joined.reset();
  for (let k = 0; k < draft.length; k += 1) {
    if (drop[k]) continue;
    out.push(draft.codes[k] as number, draft.starts[k] as number, draft.ends[k] as number, (draft.flags[k] as number) | (spacedOut[k] ? CharFlag.spacedOut : 0));
  }
  return out;
}

/** LEET_DIGITS by character code: the code of the letter a digit stands for, or 0. */
const LEET_CODES: readonly number[] = Array.from({ length: 0x80 }, (_, code) => LEET_DIGITS[String.fromCharCode(code)]?.charCodeAt(0) ?? 0);

function isAsciiLower(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/**
 * Replaces digits standing for letters inside words (« rad1ation »). Only a digit with a letter on
 * each side is read, in words of four characters or more with three letters at least, so « 3e »,
 * « covid19 » or « 24h » stay as they are.
 */
function readLeetDigits(draft: Draft, spans: WordSpans): void {
  const tokens = spans.pairs;
  const codes = draft.codes;
  for (let t = 0; t < spans.length; t += 2) {
    const start = tokens[t] as number;
    const end = tokens[t + 1] as number;
    if (end - start < 4) continue;
    let letters = 0;
    let digits = false;
    for (let k = start; k < end; k += 1) {
      const code = codes[k] as number;
      if (isAsciiLower(code)) letters += 1;
      else if (code < 0x80 && LEET_CODES[code] !== 0) digits = true;
    }
    if (letters < 3 || !digits) continue;
    const replacements: number[] = [];
    for (let k = start + 1; k < end - 1; k += 1) {
      const code = codes[k] as number;
      if (code >= 0x80 || LEET_CODES[code] === 0) continue;
      if (isAsciiLower(codes[k - 1] as number) && isAsciiLower(codes[k + 1] as number)) replacements.push(k);
    }
    // Decided on the unmodified word, then applied, so the pass is stable when run again.
    for (const k of replacements) {
      codes[k] = LEET_CODES[codes[k] as number] as number;
      draft.flags[k] = (draft.flags[k] as number) | CharFlag.leet;
    }
  }
}
