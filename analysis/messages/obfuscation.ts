import type { PreparedText, RuleHit } from '../engine/match.js';
import { mergeSpans } from '../engine/match.js';
import type { Span } from '../engine/normalize.js';
import { CharFlag, spanHasFlag, toOriginalSpan } from '../engine/normalize.js';
import type { ScoredFinding } from './scored-finding.js';
import { technicalFinding } from './scored-finding.js';

/** A word spaced out this long is a disguise, not an acronym (« A.N.D.P.C » is five letters). */
const MIN_SPACED_WORD = 6;
const ASCII_LETTER = /[a-z]/;

/**
 * Words disguised to slip past filters: letters of another script inside Latin words (« СЕRTIFICATION »),
 * invisible characters inside words, and — when the disguised word is one a rule looks for — digits
 * for letters (« rad1ation ») and spaced-out letters (« r a d i a t i o n »).
 */
export function findDisguisedWords(text: PreparedText, hits: readonly RuleHit[]): ScoredFinding[] {
  const normalized = text.normalized;
  const disguised: Span[] = [];
  // Most texts carry no flag at all: one pass over the flags spares the loops over every word below.
  const present = flagsPresent(normalized.flags);
  if ((present & CharFlag.confusable) !== 0) {
    for (const word of text.words) {
      // The flag is read first: it is rarely set, and the letter test is a regular expression.
      if (spanHasFlag(normalized, word.start, word.end, CharFlag.confusable) && ASCII_LETTER.test(word.text)) {
        disguised.push(toOriginalSpan(normalized, word.start, word.end));
      }
    }
  }
  if ((present & (CharFlag.leet | CharFlag.spacedOut)) !== 0) addDisguisedInHits(text, hits, disguised);
  const invisibleWords = normalized.hiddenInvisibles.map((offset) => ({ start: offset, end: offset + 1 }));
  if (invisibleWords.length >= 2) disguised.push(...invisibleWords);
  if (disguised.length === 0) return [];
  const evidence = mergeSpans(disguised).slice(0, 10);
  const sample = evidence[0] ? normalized.original.slice(evidence[0].start, evidence[0].end) : '';
  return [technicalFinding({
    ruleId: 'dissimulation.mots-deguises',
    category: 'dissimulation',
    explanation: `Des mots sont déguisés pour échapper aux filtres (lettres d’un autre alphabet, chiffres à la place de lettres, lettres espacées ou caractères invisibles), par exemple « ${sample.replace(/[\u200b-\u200f\u2060\ufeff]/g, '')} ». Un organisme sérieux n’écrit pas ainsi.`,
    evidence,
    weight: 40,
  })];
}

/** Words written with digits for letters, or spaced out, inside the evidence of a rule that weighs. */
function addDisguisedInHits(text: PreparedText, hits: readonly RuleHit[], disguised: Span[]): void {
  const normalized = text.normalized;
  for (const hit of hits) {
    if (hit.rule.definition.weight <= 0) continue;
    for (const span of hit.normalizedSpans) {
      for (const word of text.words) {
        if (word.end <= span.start || word.start >= span.end) continue;
        const leet = spanHasFlag(normalized, word.start, word.end, CharFlag.leet);
        const spaced = word.end - word.start >= MIN_SPACED_WORD && spanHasFlag(normalized, word.start, word.end, CharFlag.spacedOut);
        if (leet || spaced) disguised.push(toOriginalSpan(normalized, word.start, word.end));
      }
    }
  }
}

/** Every flag set somewhere in the text, or-ed together. */
function flagsPresent(flags: Uint8Array): number {
  let present = 0;
  for (let i = 0; i < flags.length; i += 1) present |= flags[i] as number;
  return present;
}
