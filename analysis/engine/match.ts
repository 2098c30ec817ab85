import type { TimeBudget } from './budget.js';
import { UNLIMITED_BUDGET } from './budget.js';
import type { NormalizedText, Span } from './normalize.js';
import { normalizeText, toOriginalSpan } from './normalize.js';
import type { HeadMarks } from './head-words.js';
import { markHeads, mayHold } from './head-words.js';
import type { CompiledExpression, CompiledRule, CompiledRuleset, GroupFilter, PhraseWord, RulesetIndex } from './ruleset.js';
import type { Token, TokenIndex } from './tokenize.js';
import { contentTokensOf, indexTokens, positionsWithPrefix } from './tokenize.js';

/** A text ready for matching: normalised once, then shared by every ruleset run on it. */
export interface PreparedText {
  readonly normalized: NormalizedText;
  /** Words that count (stop words removed); positions in rules and windows refer to this list. */
  readonly words: readonly Token[];
  readonly index: TokenIndex;
  /** Which first words of compiled phrases the text holds (see head-words.ts). */
  readonly heads: HeadMarks;
  /** Occurrences already looked for, by expression slot (see CompiledExpression). */
  readonly occurrences: (readonly Occurrence[] | undefined)[];
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
  const words = contentTokensOf(normalized.text);
  const index = indexTokens(words);
  return { normalized, words, index, heads: markHeads(index.positions.keys()), occurrences: [] };
}

/**
 * The groups of the ruleset the text may satisfy (1) or surely not (0), from the first words of
 * their phrases; null when the text was prepared before the ruleset was compiled (its marks are then
 * incomplete).
 */
function openGroups(text: PreparedText, index: RulesetIndex): Uint8Array | null {
  const heads = text.heads;
  if (heads.words.length < index.wordCount || heads.prefixes.length < index.prefixCount) return null;
  const open = new Uint8Array(index.groupCount);
  const mark = (groups: Int32Array | undefined): void => {
    if (groups) for (let i = 0; i < groups.length; i += 1) open[groups[i] as number] = 1;
  };
  for (const id of heads.presentWords) mark(index.wordPostings[id]);
  for (const id of heads.presentPrefixes) mark(index.prefixPostings[id]);
  mark(index.regexGroups);
  return open;
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
  for (const group of rule.groups) {
    const found = occurrencesOfAny(text, group);
    if (found.length === 0) return null;
    groups.push(found);
  }
  const vetoes = occurrencesOfAny(text, rule.unless);
  const windows = findWindows(groups, rule.within).filter((window) => !isVetoed(window, vetoes, rule.unlessWithin));
  if (windows.length === 0) return null;
  const normalizedSpans = mergeSpans(windows.slice(0, MAX_WINDOWS_PER_RULE).flat().map((o) => ({ start: o.start, end: o.end })));
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

/** Occurrences of one expression, cached per text (organisations and rules share many phrases). */
export function findExpression(text: PreparedText, expression: CompiledExpression): readonly Occurrence[] {
  // A phrase whose first word (or prefix) is absent cannot occur.
  if (expression.kind === 'phrase') {
    const held = expression.headId >= 0 ? mayHold(text.heads.words, expression.headId) : mayHold(text.heads.prefixes, expression.prefixId);
    if (!held) return NO_OCCURRENCES;
  }
  const cached = text.occurrences[expression.slot];
  if (cached) return cached;
  const found = expression.kind === 'phrase' ? findPhrase(text, expression.words) : findRegex(text, expression.regex);
  text.occurrences[expression.slot] = found;
  return found;
}

function findPhrase(text: PreparedText, words: readonly PhraseWord[]): readonly Occurrence[] {
  const head = words[0];
  if (!head) return NO_OCCURRENCES;
  const candidates = head.prefix ? positionsWithPrefix(text.index, head.text) : text.index.positions.get(head.text);
  if (candidates === undefined || candidates.length === 0) return NO_OCCURRENCES;
  const found: Occurrence[] = [];
  for (const position of candidates) {
    if (found.length >= MAX_OCCURRENCES) break;
    const last = position + words.length - 1;
    if (words.every((word, k) => wordMatches(text, word, position + k))) {
      const startToken = text.words[position] as Token;
      const endToken = text.words[last] as Token;
      found.push({ first: position, last, start: startToken.start, end: endToken.end });
    }
  }
  return found;
}

function wordMatches(text: PreparedText, word: PhraseWord, position: number): boolean {
  const token = text.words[position];
  if (!token) return false;
  const same = word.prefix ? token.text.startsWith(word.text) : token.text === word.text;
  if (!same || !word.capitals) return same;
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
 * Occurrences of any of the expressions, sorted by first then last word. The list of one expression
 * is already in that order, so a single non-empty list is returned as is, without copy or sort.
 */
function occurrencesOfAny(text: PreparedText, expressions: readonly CompiledExpression[]): readonly Occurrence[] {
  let only: readonly Occurrence[] = NO_OCCURRENCES;
  let lists: (readonly Occurrence[])[] | null = null;
  for (const expression of expressions) {
    const found = findExpression(text, expression);
    if (found.length === 0) continue;
    if (only.length === 0) only = found;
    else (lists ??= [only]).push(found);
  }
  return lists === null ? only : mergeOccurrences(lists);
}

function mergeOccurrences(lists: readonly (readonly Occurrence[])[]): Occurrence[] {
  return lists.flat().sort((a, b) => a.first - b.first || a.last - b.last);
}

/**
 * Smallest windows, left to right and not overlapping, holding one occurrence of every group within
 * `within` words. Two pointers over the merged occurrences: linear after the sort.
 */
function findWindows(groups: readonly (readonly Occurrence[])[], within: number): Occurrence[][] {
  type Event = { occurrence: Occurrence; group: number };
  const events: Event[] = groups.flatMap((list, group) => list.map((occurrence) => ({ occurrence, group })));
  events.sort((a, b) => a.occurrence.first - b.occurrence.first || a.group - b.group);
  const lastOf = (index: number): number => (events[index] as Event).occurrence.last;
  const windows: Occurrence[][] = [];
  const counts = new Array<number>(groups.length).fill(0);
  // Monotonic queue of event indexes with decreasing `last`: its head is the window's last word.
  const queue: number[] = [];
  let head = 0;
  let covered = 0;
  let left = 0;
  for (let right = 0; right < events.length && windows.length < MAX_CANDIDATE_WINDOWS; right += 1) {
    const added = events[right] as Event;
    if ((counts[added.group] = (counts[added.group] ?? 0) + 1) === 1) covered += 1;
    while (queue.length > head && lastOf(queue[queue.length - 1] as number) <= added.occurrence.last) queue.pop();
    queue.push(right);
    while (covered === groups.length) {
      const opening = events[left] as Event;
      if (lastOf(queue[head] as number) - opening.occurrence.first + 1 <= within) {
        windows.push(pickOnePerGroup(events.slice(left, right + 1), groups.length));
        counts.fill(0);
        covered = 0;
        head = queue.length;
        left = right + 1;
        break;
      }
      if ((counts[opening.group] = (counts[opening.group] ?? 0) - 1) === 0) covered -= 1;
      if (queue[head] === left) head += 1;
      left += 1;
    }
  }
  return windows;
}

function pickOnePerGroup(events: readonly { occurrence: Occurrence; group: number }[], groupCount: number): Occurrence[] {
  const chosen = new Array<Occurrence | undefined>(groupCount);
  for (const event of events) chosen[event.group] = event.occurrence;
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
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && span.start <= previous.end + gap) merged[merged.length - 1] = { start: previous.start, end: Math.max(previous.end, span.end) };
    else merged.push(span);
  }
  return merged;
}
