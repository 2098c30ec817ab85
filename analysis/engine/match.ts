import type { TimeBudget } from './budget.js';
import { UNLIMITED_BUDGET } from './budget.js';
import type { NormalizedText, Span } from './normalize.js';
import { normalizeText, toOriginalSpan } from './normalize.js';
import { arenaUint8Array } from './typed-arena.js';
import { isWordCodePoint } from './char-folding.js';
import type { HeadMarks } from './head-words.js';
import { HeadMarksBuilder, mayHold } from './head-words.js';
import type { CompiledExpression, CompiledRule, CompiledRuleset, GroupFilter, PhraseWord, RulesetIndex } from './ruleset.js';
import type { Token } from './tokenize.js';
import type { WordEntry } from './word-table.js';
import { syncWordTable, wordEntry } from './word-table.js';

/** A text ready for matching: normalised once, then shared by every ruleset run on it. */
export interface PreparedText {
  readonly normalized: NormalizedText;
  /** Words that count (stop words removed, stemmed); positions in rules and windows refer to this list. */
  readonly words: readonly Token[];
  /** The word-table entry of each of `words` (word-table.ts), of generation `wordGeneration`. */
  readonly entries: readonly WordEntry[];
  readonly wordGeneration: number;
  /** 1 for each of `words` whose very letters (not only its stem) occur earlier in the text. */
  readonly repeated: Uint8Array;
  /** Which first words of compiled phrases the text holds, and where (see head-words.ts). */
  readonly heads: HeadMarks;
  /** Tells this text's occurrences apart in the cache of `findExpression`. */
  readonly serial: number;
}

/** Where an expression was found: word positions (inclusive) and the normalised character span. */
export interface Occurrence {
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
}

export interface RuleHit {
  readonly rule: CompiledRule;
  /** Evidence in the original text, sorted, without overlaps. */
  readonly spans: readonly Span[];
  /** The same evidence in the normalised text (to check how it was disguised). */
  readonly normalizedSpans: readonly Span[];
}

export interface RulesetRun {
  readonly hits: readonly RuleHit[];
  /** False when the time budget ran out before every rule was tried. */
  readonly complete: boolean;
  readonly evaluatedRules: number;
}

export interface RunOptions {
  /** Rules with `scopes` run only when this context is listed. */
  readonly scope?: string;
  readonly budget?: TimeBudget;
}

/** Bounds the work an adversarial text (one word repeated 10 000 times) can cause per expression. */
const MAX_OCCURRENCES = 400;
const MAX_WINDOWS_PER_RULE = 3;
const HIGHLIGHT_GAP = 4;
/** Windows kept before vetoes are applied; enough for any real message. */
const MAX_CANDIDATE_WINDOWS = 50;
const NO_OCCURRENCES: readonly Occurrence[] = Object.freeze([]);

export function prepareText(original: string): PreparedText {
  const normalized = normalizeText(original);
  const serial = nextSerial();
  const wordGeneration = syncWordTable();
  const heads = new HeadMarksBuilder();
  const words: Token[] = [];
  const entries: WordEntry[] = [];
  const repeatedAt: number[] = [];
  // Each word is looked up once in the word table, and what it says fills the word list, the head
  // marks and their positions.
  const text = normalized.text;
  const spans = normalized.words ?? wordSpansOf(text);
  for (let w = 0; w < spans.length; w += 2) {
    const start = spans[w] as number;
    const end = spans[w + 1] as number;
    const entry = wordEntry(text, start, end);
    if (entry.stop) continue;
    const position = words.length;
    words.push({ text: entry.stem, start, end });
    entries.push(entry);
    if (entry.lastText === serial) repeatedAt.push(position);
    entry.lastText = serial;
    heads.add(position, entry.headWord, entry.headPrefixes);
  }
  const repeated = arenaUint8Array(words.length);
  for (const position of repeatedAt) repeated[position] = 1;
  return { normalized, words, entries, wordGeneration, repeated, heads, serial };
}

/**
 * The words of a normalised text as (start, end) pairs: letters and digits of any script, read by code
 * point (the same split as tokenize.ts). Only for texts normalizeText could not split itself.
 */
function wordSpansOf(text: string): Int32Array {
  const pairs: number[] = [];
  let start = -1;
  let i = 0;
  while (i <= text.length) {
    const unit = i < text.length ? text.charCodeAt(i) : -1;
    // Only a high surrogate starts a code point of two units (codePointAt gives the unit otherwise).
    const code = unit >= 0xd800 && unit <= 0xdbff ? (text.codePointAt(i) as number) : unit;
    const inWord = code >= 0 && (code < 0x80 ? ASCII_WORD[code] === 1 : isWordCodePoint(code));
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      pairs.push(start, i);
      start = -1;
    }
    i += code > 0xffff ? 2 : 1;
  }
  return Int32Array.from(pairs);
}

const ASCII_WORD: Uint8Array = Uint8Array.from({ length: 0x80 }, (_, code) => (isWordCodePoint(code) ? 1 : 0));

/**
 * Occurrences already looked for, by expression slot (see CompiledExpression), for the text whose
 * serial is in `cachedFor` at that slot: one table for all texts, reused, rather than a table per
 * text (slots run past a thousand; a fresh array written at such an index turns into a slow dictionary).
 * Only positions are kept, never any text.
 */
const cache = { serial: 0, cachedFor: [] as number[], found: [] as (readonly Occurrence[])[] };

function nextSerial(): number {
  if (cache.serial === 0x3fffffff) {
    cache.serial = 0;
    cache.cachedFor.fill(0);
  }
  cache.serial += 1;
  return cache.serial;
}

let openScratch = new Uint8Array(128);

/**
 * The groups of the ruleset the text may satisfy (1) or surely not (0), from the first words of
 * their phrases; null when the text was prepared before the ruleset was compiled (its marks are then
 * incomplete).
 */
function openGroups(text: PreparedText, index: RulesetIndex): Uint8Array | null {
  const heads = text.heads;
  if (heads.words.length < index.wordCount || heads.prefixes.length < index.prefixCount) return null;
  // One array for every run (synchronous, never re-entered): allocating a typed array per text showed.
  if (openScratch.length < index.groupCount) openScratch = new Uint8Array(index.groupCount);
  const open = openScratch.fill(0, 0, index.groupCount);
  for (const id of heads.presentWords) markGroups(open, index.wordPostings[id]);
  for (const id of heads.presentPrefixes) markGroups(open, index.prefixPostings[id]);
  markGroups(open, index.regexGroups);
  return open;
}

function markGroups(open: Uint8Array, groups: Int32Array | undefined): void {
  if (groups) for (let i = 0; i < groups.length; i += 1) open[groups[i] as number] = 1;
}

/** Runs every applicable rule, in order, until done or the budget is spent. */
export function runRuleset(text: PreparedText, ruleset: CompiledRuleset, options: RunOptions = {}): RulesetRun {
  const budget = options.budget ?? UNLIMITED_BUDGET;
  const hits: RuleHit[] = [];
  const open = openGroups(text, ruleset.index);
  let evaluatedRules = 0;
  for (let r = 0; r < ruleset.rules.length; r += 1) {
    const rule = ruleset.rules[r] as CompiledRule;
    // A rule ruled out by the words of the text costs nothing: the clock is read only before the others.
    if (open !== null && !allOpen(open, ruleset.index.ruleGroups[r] as Int32Array)) {
      evaluatedRules += 1;
      continue;
    }
    if (budget.exceeded()) return { hits, complete: false, evaluatedRules };
    evaluatedRules += 1;
    const scopes = rule.definition.scopes;
    if (scopes && (options.scope === undefined || !scopes.includes(options.scope))) continue;
    const hit = open !== null ? matchGroups(text, rule) : matchRule(text, rule);
    if (hit) hits.push(hit);
  }
  return { hits, complete: true, evaluatedRules };
}

function allOpen(open: Uint8Array, groups: Int32Array): boolean {
  for (let i = 0; i < groups.length; i += 1) if (open[groups[i] as number] === 0) return false;
  return true;
}

/** Matches one rule: windows where every group is present and no `unlessNear` expression is close. */
export function matchRule(text: PreparedText, rule: CompiledRule): RuleHit | null {
  for (const filter of rule.filters) if (!mayOccur(text, filter)) return null;
  return matchGroups(text, rule);
}

function matchGroups(text: PreparedText, rule: CompiledRule): RuleHit | null {
  // Stop at the first group with nothing found.
  const groups: (readonly Occurrence[])[] = [];
  for (let g = 0; g < rule.groups.length; g += 1) {
    const found = occurrencesOfAny(text, rule.groups[g] as readonly CompiledExpression[], rule.groupHeads[g] as Int32Array);
    if (found.length === 0) return null;
    groups.push(found);
  }
  const candidates = findWindows(groups, rule.within);
  if (candidates.length === 0) return null;
  // The vetoes are looked for only once some window is found: most rules stop before.
  const vetoes = occurrencesOfAny(text, rule.unless, rule.unlessHeads);
  const windows = vetoes.length === 0 ? candidates : candidates.filter((window) => !isVetoed(window, vetoes, rule.unlessWithin));
  if (windows.length === 0) return null;
  const found: Span[] = [];
  for (let w = 0; w < windows.length && w < MAX_WINDOWS_PER_RULE; w += 1) for (const o of windows[w] as Occurrence[]) found.push({ start: o.start, end: o.end });
  const normalizedSpans = mergeSpans(found);
  // Words of one phrase separated by a short gap (« régionale de certification ») read as one highlight.
  const spans = mergeSpans(normalizedSpans.map((s) => toOriginalSpan(text.normalized, s.start, s.end)), HIGHLIGHT_GAP);
  return { rule, spans, normalizedSpans };
}

/** False when no expression of a group can occur: none of its first words is in the text. */
function mayOccur(text: PreparedText, filter: GroupFilter): boolean {
  if (filter.regex) return true;
  for (let i = 0; i < filter.heads.length; i += 1) if (mayHold(text.heads.words, filter.heads[i] as number)) return true;
  for (let i = 0; i < filter.prefixes.length; i += 1) if (mayHold(text.heads.prefixes, filter.prefixes[i] as number)) return true;
  return false;
}

/** Whether an expression of this head code (ruleset.ts `headCodesOf`) may occur in the text. */
export function mayHoldHead(text: PreparedText, code: number): boolean {
  if (code >= 0) return mayHold(text.heads.words, code);
  return code === -1 || mayHold(text.heads.prefixes, -2 - code);
}

/** Occurrences of one expression, cached per text (organisations and rules share many phrases). */
export function findExpression(text: PreparedText, expression: CompiledExpression): readonly Occurrence[] {
  // A phrase whose first word (or prefix) is absent cannot occur.
  if (expression.kind === 'phrase') {
    const held = expression.headId >= 0 ? mayHold(text.heads.words, expression.headId) : mayHold(text.heads.prefixes, expression.prefixId);
    if (!held) return NO_OCCURRENCES;
  }
  const slot = expression.slot;
  if (cache.cachedFor[slot] === text.serial) return cache.found[slot] as readonly Occurrence[];
  const found = expression.kind === 'phrase' ? findPhrase(text, expression) : findRegex(text, expression.regex);
  while (cache.cachedFor.length <= slot) {
    cache.cachedFor.push(0);
    cache.found.push(NO_OCCURRENCES);
  }
  cache.cachedFor[slot] = text.serial;
  cache.found[slot] = found;
  return found;
}

function findPhrase(text: PreparedText, expression: CompiledExpression): readonly Occurrence[] {
  const words = expression.words;
  const candidates = headPositions(text, expression);
  if (candidates === undefined || candidates.length === 0) return NO_OCCURRENCES;
  const found: Occurrence[] = [];
  for (const position of candidates) {
    if (found.length >= MAX_OCCURRENCES) break;
    const last = position + words.length - 1;
    if (phraseAt(text, words, position)) {
      const startToken = text.words[position] as Token;
      const endToken = text.words[last] as Token;
      found.push({ first: position, last, start: startToken.start, end: endToken.end });
    }
  }
  return found;
}

/** Positions (ascending) of the words that may start the phrase: its head word, or the words starting with its head prefix. */
function headPositions(text: PreparedText, expression: CompiledExpression): readonly number[] | undefined {
  const { heads } = text;
  if (expression.headId >= 0 && expression.headId < heads.words.length) return heads.wordPositions.get(expression.headId);
  if (expression.prefixId >= 0 && expression.prefixId < heads.prefixes.length) return heads.prefixPositions.get(expression.prefixId);
  // A phrase compiled after the text was prepared: its head has no marks, the words are read.
  const head = expression.words[0];
  if (!head) return undefined;
  const found: number[] = [];
  for (let position = 0; position < text.words.length; position += 1) {
    const word = (text.words[position] as Token).text;
    if (head.prefix ? word.startsWith(head.text) : word === head.text) found.push(position);
  }
  return found;
}

/** Whether the phrase occurs at `position`, one of its head positions: its first word is known to be there (but for its capitals). */
function phraseAt(text: PreparedText, words: readonly PhraseWord[], position: number): boolean {
  const head = words[0] as PhraseWord;
  if (head.capitals && !writtenInCapitals(text, text.words[position] as Token)) return false;
  for (let k = 1; k < words.length; k += 1) if (!wordMatches(text, words[k] as PhraseWord, position + k)) return false;
  return true;
}

function wordMatches(text: PreparedText, word: PhraseWord, position: number): boolean {
  const token = text.words[position];
  if (!token) return false;
  const same = word.prefix ? token.text.startsWith(word.text) : isPhraseWord(text, position, word);
  if (!same || !word.capitals) return same;
  return writtenInCapitals(text, token);
}

/**
 * Whether the word at `position` is the whole phrase word `word`: their numbers compared (no string
 * read), unless the phrase was compiled after the text was prepared.
 */
function isPhraseWord(text: PreparedText, position: number, word: PhraseWord): boolean {
  if (word.id >= text.heads.phraseWordCount) return (text.words[position] as Token).text === word.text;
  return (text.entries[position] as WordEntry).phraseWord === word.id;
}

function writtenInCapitals(text: PreparedText, token: Token): boolean {
  const span = toOriginalSpan(text.normalized, token.start, token.end);
  const written = text.normalized.original.slice(span.start, span.end);
  return written === written.toUpperCase() && written !== written.toLowerCase();
}

function findRegex(text: PreparedText, pattern: RegExp): Occurrence[] {
  const regex = new RegExp(pattern.source, pattern.flags);
  const found: Occurrence[] = [];
  let match: RegExpExecArray | null;
  while (found.length < MAX_OCCURRENCES && (match = regex.exec(text.normalized.text)) !== null) {
    if (match[0].length === 0) {
      regex.lastIndex += 1;
      continue;
    }
    const start = match.index;
    const end = start + match[0].length;
    const first = firstWordEndingAfter(text.words, start);
    if (first >= text.words.length) break;
    let last = first;
    while (last + 1 < text.words.length && (text.words[last + 1] as Token).start < end) last += 1;
    found.push({ first, last, start, end });
  }
  return found;
}

function firstWordEndingAfter(words: readonly Token[], offset: number): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((words[mid] as Token).end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Occurrences of any of the expressions (of head codes `heads`), sorted by first then last word. The
 * list of one expression is already in that order, so a single non-empty list is returned as is,
 * without copy or sort.
 */
function occurrencesOfAny(text: PreparedText, expressions: readonly CompiledExpression[], heads: Int32Array): readonly Occurrence[] {
  let only: readonly Occurrence[] = NO_OCCURRENCES;
  let lists: (readonly Occurrence[])[] | null = null;
  for (let i = 0; i < expressions.length; i += 1) {
    if (!mayHoldHead(text, heads[i] as number)) continue;
    const found = findExpression(text, expressions[i] as CompiledExpression);
    if (found.length === 0) continue;
    if (only.length === 0) only = found;
    else (lists ??= [only]).push(found);
  }
  return lists === null ? only : mergeOccurrences(lists);
}

function mergeOccurrences(lists: readonly (readonly Occurrence[])[]): Occurrence[] {
  const all: Occurrence[] = [];
  for (const list of lists) for (let i = 0; i < list.length; i += 1) all.push(list[i] as Occurrence);
  return all.sort(byWords);
}

function byWords(a: Occurrence, b: Occurrence): number {
  return a.first - b.first || a.last - b.last;
}

/**
 * The occurrences of every group in one list, ordered by first word, then group, then list order
 * (each group's list is already ordered by first word): a merge, not a sort.
 */
function mergeGroups(groups: readonly (readonly Occurrence[])[]): { occurrences: Occurrence[]; groupOf: number[] } {
  const occurrences: Occurrence[] = [];
  const groupOf: number[] = [];
  const next = groups.map(() => 0);
  for (;;) {
    let best = -1;
    let bestFirst = 0;
    for (let g = 0; g < groups.length; g += 1) {
      const candidate = (groups[g] as readonly Occurrence[])[next[g] as number];
      if (candidate !== undefined && (best < 0 || candidate.first < bestFirst)) {
        best = g;
        bestFirst = candidate.first;
      }
    }
    if (best < 0) return { occurrences, groupOf };
    occurrences.push((groups[best] as readonly Occurrence[])[next[best] as number] as Occurrence);
    groupOf.push(best);
    next[best] = (next[best] as number) + 1;
  }
}

/**
 * Smallest windows, left to right and not overlapping, holding one occurrence of every group within
 * `within` words. Two pointers over the merged occurrences: linear after the merge.
 */
function findWindows(groups: readonly (readonly Occurrence[])[], within: number): Occurrence[][] {
  const { occurrences, groupOf } = mergeGroups(groups);
  const windows: Occurrence[][] = [];
  const counts = groups.map(() => 0);
  // Monotonic queue of event indexes with decreasing `last`: its head is the window's last word.
  const queue: number[] = [];
  let head = 0;
  let covered = 0;
  let left = 0;
  for (let right = 0; right < occurrences.length && windows.length < MAX_CANDIDATE_WINDOWS; right += 1) {
    const added = occurrences[right] as Occurrence;
    const group = groupOf[right] as number;
    if ((counts[group] = (counts[group] as number) + 1) === 1) covered += 1;
    while (queue.length > head && (occurrences[queue[queue.length - 1] as number] as Occurrence).last <= added.last) queue.pop();
    queue.push(right);
    while (covered === groups.length) {
      const opening = occurrences[left] as Occurrence;
      if ((occurrences[queue[head] as number] as Occurrence).last - opening.first + 1 <= within) {
        windows.push(pickOnePerGroup(occurrences, groupOf, left, right, groups.length));
        counts.fill(0);
        covered = 0;
        head = queue.length;
        left = right + 1;
        break;
      }
      const leaving = groupOf[left] as number;
      if ((counts[leaving] = (counts[leaving] as number) - 1) === 0) covered -= 1;
      if (queue[head] === left) head += 1;
      left += 1;
    }
  }
  return windows;
}

/** The last occurrence of each group between `from` and `to` (inclusive), in group order. */
function pickOnePerGroup(occurrences: readonly Occurrence[], groupOf: readonly number[], from: number, to: number, groupCount: number): Occurrence[] {
  const chosen = new Array<Occurrence | undefined>(groupCount);
  for (let i = from; i <= to; i += 1) chosen[groupOf[i] as number] = occurrences[i];
  return chosen.filter((o): o is Occurrence => o !== undefined);
}

function isVetoed(window: readonly Occurrence[], vetoes: readonly Occurrence[], distance: number): boolean {
  if (vetoes.length === 0) return false;
  const from = Math.min(...window.map((o) => o.first)) - distance;
  const to = Math.max(...window.map((o) => o.last)) + distance;
  return vetoes.some((veto) => veto.first >= from && veto.last <= to);
}

/** Sorts spans and merges those that overlap, touch, or are at most `gap` characters apart. */
export function mergeSpans(spans: readonly Span[], gap = 0): Span[] {
  // Spans mostly come in order already: sorted only when they are not.
  const sorted = isSorted(spans) ? spans : [...spans].sort(bySpan);
  const merged: Span[] = [];
  for (const span of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && span.start <= previous.end + gap) merged[merged.length - 1] = { start: previous.start, end: Math.max(previous.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

function bySpan(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

function isSorted(spans: readonly Span[]): boolean {
  for (let i = 1; i < spans.length; i += 1) if (bySpan(spans[i - 1] as Span, spans[i] as Span) > 0) return false;
  return true;
}
