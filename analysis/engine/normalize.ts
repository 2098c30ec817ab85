import { classifyCodePoint, foldCodePoint, isWordChar, LEET_DIGITS } from './char-folding.js';

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
}

interface Draft {
  chars: string[];
  starts: number[];
  ends: number[];
  flags: number[];
}

/**
 * Folds case, accents, look-alike letters and compatibility forms, drops invisible characters,
 * collapses white space, joins letters spaced out to dodge filters (« r a d i a t i o n »,
 * « r.a.d.i.a.t.i.o.n ») and reads digits typed for letters inside words (« rad1ation »).
 * Idempotent: normalising the result again returns the same text.
 */
export function normalizeText(original: string): NormalizedText {
  const { draft, invisibleSlots } = foldCodePoints(original);
  const hiddenInvisibles = invisibleSlots
    .filter((slot) => isWordAt(draft, slot.outputIndex - 1) && isWordAt(draft, slot.outputIndex))
    .map((slot) => slot.originalOffset);
  const joined = joinSpacedLetters(draft);
  readLeetDigits(joined);
  return {
    original,
    text: joined.chars.join(''),
    starts: Int32Array.from(joined.starts),
    ends: Int32Array.from(joined.ends),
    flags: Uint8Array.from(joined.flags),
    hiddenInvisibles,
  };
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

function foldCodePoints(original: string): {
  draft: Draft;
  invisibleSlots: { outputIndex: number; originalOffset: number }[];
} {
  const draft: Draft = { chars: [], starts: [], ends: [], flags: [] };
  const invisibleSlots: { outputIndex: number; originalOffset: number }[] = [];
  let offset = 0;
  for (const cp of original) {
    const next = offset + cp.length;
    const kind = classifyCodePoint(cp);
    if (kind === 'invisible') {
      invisibleSlots.push({ outputIndex: draft.chars.length, originalOffset: offset });
    } else if (kind === 'space') {
      const last = draft.chars.length - 1;
      if (last >= 0 && draft.chars[last] === ' ') draft.ends[last] = next;
      else push(draft, ' ', offset, next, 0);
    } else {
      const folded = foldCodePoint(cp);
      const flag = folded.confusable ? CharFlag.confusable : 0;
      // Each UTF-16 unit of the folded form points at the whole original code point.
      for (let i = 0; i < folded.text.length; i += 1) {
        const unit = folded.text[i] ?? '';
        const last = draft.chars.length - 1;
        if (unit === ' ' && last >= 0 && draft.chars[last] === ' ') draft.ends[last] = next;
        else push(draft, unit, offset, next, flag);
      }
    }
    offset = next;
  }
  return { draft, invisibleSlots };
}

function push(draft: Draft, ch: string, start: number, end: number, flag: number): void {
  draft.chars.push(ch);
  draft.starts.push(start);
  draft.ends.push(end);
  draft.flags.push(flag);
}

function isWordAt(draft: Draft, index: number): boolean {
  const ch = draft.chars[index];
  return ch !== undefined && isWordUnit(draft.chars, index);
}

/** Word test on UTF-16 units: a surrogate half belongs to a word when its pair forms a letter. */
function isWordUnit(chars: readonly string[], index: number): boolean {
  const ch = chars[index] ?? '';
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdbff) return isWordChar(ch + (chars[index + 1] ?? ''));
  if (code >= 0xdc00 && code <= 0xdfff) return isWordChar((chars[index - 1] ?? '') + ch);
  return isWordChar(ch);
}

const SPACING_SEPARATORS = new Set([' ', '.', '-', '_', '*', '·', '•', '|', '/', '+', '~']);
const MAX_GAP = 3;

interface Token {
  start: number;
  end: number;
}

function wordTokens(chars: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i <= chars.length; i += 1) {
    const inWord = i < chars.length && isWordUnit(chars, i);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      tokens.push({ start, end: i });
      start = -1;
    }
  }
  return tokens;
}

function isSeparatorGap(chars: readonly string[], from: number, to: number): { ok: boolean; spaced: boolean } {
  if (to - from < 1 || to - from > MAX_GAP) return { ok: false, spaced: false };
  let spaced = false;
  for (let i = from; i < to; i += 1) {
    const ch = chars[i] ?? '';
    if (!SPACING_SEPARATORS.has(ch)) return { ok: false, spaced: false };
    if (ch === ' ') spaced = true;
  }
  return { ok: true, spaced };
}

const LETTER = /^\p{L}$/u;

/**
 * Joins runs of single letters separated by spaces or punctuation. Four letters or more are needed
 * when spaces separate them (French has one-letter words: « il y a à »), three when only punctuation
 * does (« C.P.F »).
 */
function joinSpacedLetters(draft: Draft): Draft {
  const tokens = wordTokens(draft.chars);
  const drop = new Uint8Array(draft.chars.length);
  const spacedOut = new Uint8Array(draft.chars.length);
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    let spaced = false;
    while (j + 1 < tokens.length && isSingle(tokens[j]) && isSingle(tokens[j + 1])) {
      const gap = isSeparatorGap(draft.chars, (tokens[j] as Token).end, (tokens[j + 1] as Token).start);
      if (!gap.ok) break;
      spaced ||= gap.spaced;
      j += 1;
    }
    const run = tokens.slice(i, j + 1);
    const letters = run.filter((t) => LETTER.test(draft.chars[t.start] ?? '')).length;
    if (isSingle(tokens[i]) && run.length >= (spaced ? 4 : 3) && letters >= 2) {
      const first = run[0] as Token;
      const last = run[run.length - 1] as Token;
      for (let k = first.start; k < last.end; k += 1) {
        if (isWordUnit(draft.chars, k)) spacedOut[k] = 1;
        else drop[k] = 1;
      }
    }
    i = j + 1;
  }
  const out: Draft = { chars: [], starts: [], ends: [], flags: [] };
  for (let k = 0; k < draft.chars.length; k += 1) {
    if (drop[k]) continue;
    const flag = (draft.flags[k] ?? 0) | (spacedOut[k] ? CharFlag.spacedOut : 0);
    push(out, draft.chars[k] ?? '', draft.starts[k] ?? 0, draft.ends[k] ?? 0, flag);
  }
  return out;
}

function isSingle(token: Token | undefined): boolean {
  return token !== undefined && token.end - token.start === 1;
}

const ASCII_LETTER = /^[a-z]$/;

/**
 * Replaces digits standing for letters inside words (« rad1ation »). Only a digit with a letter on
 * each side is read, in words of four characters or more with three letters at least, so « 3e »,
 * « covid19 » or « 24h » stay as they are.
 */
function readLeetDigits(draft: Draft): void {
  for (const token of wordTokens(draft.chars)) {
    if (token.end - token.start < 4) continue;
    let letters = 0;
    for (let k = token.start; k < token.end; k += 1) if (ASCII_LETTER.test(draft.chars[k] ?? '')) letters += 1;
    if (letters < 3) continue;
    const replacements: number[] = [];
    for (let k = token.start + 1; k < token.end - 1; k += 1) {
      const ch = draft.chars[k] ?? '';
      if (LEET_DIGITS[ch] === undefined) continue;
      if (ASCII_LETTER.test(draft.chars[k - 1] ?? '') && ASCII_LETTER.test(draft.chars[k + 1] ?? '')) {
        replacements.push(k);
      }
    }
    // Decided on the unmodified word, then applied, so the pass is stable when run again.
    for (const k of replacements) {
      draft.chars[k] = LEET_DIGITS[draft.chars[k] ?? ''] ?? '';
      draft.flags[k] = (draft.flags[k] ?? 0) | CharFlag.leet;
    }
  }
}
