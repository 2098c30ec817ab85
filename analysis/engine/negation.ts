/**
 * Whether a found phrase is said in the negative: « aucun frais ne vous sera demandé », « elle ne me
 * demanderait jamais de code », « nos équipes ne vous contacteront pas pour prendre la main ». Genuine
 * notices say what they never ask with the very words scams use to ask it; a rule that fires on such a
 * sentence is read backwards.
 *
 * The reading is local, inside one clause (punctuation ends it) and a few words back from the phrase,
 * and it is wary of three turns that negate something else than the request:
 *  - a condition: « si vous ne payez pas, … » is a threat, not a negation of paying;
 *  - an exhortation: « ne tardez pas à régler », « n’attendez pas » push to act;
 *  - « sans » (« sans quoi », « sans réponse de votre part ») mostly adds pressure, so it is not read.
 */
import type { PreparedText, RuleHit } from './match.js';

/** Words (pronouns and auxiliaries apart) looked at before the phrase, inside its clause. */
const WINDOW = 3;
/** Words that stand between a negation and its verb without breaking the link (« ne vous sera pas demandé »). */
const LIGHT_WORDS: ReadonlySet<string> = new Set(['vou', 'vous', 'nou', 'nous', 'me', 'm', 'te', 't', 'lui', 'leur', 'y', 'en', 'se', 'l', 'sera', 'seront', 'est', 'sont', 'a', 'ont', 'ete', 'etre', 'pour']);
const CLAUSE_END = /[.;:!?\n,()«»"]/;
const NEGATORS: ReadonlySet<string> = new Set(['jamais', 'jamai', 'aucun', 'aucune', 'aucuns', 'aucunes', 'nul', 'nulle']);
const PARTICLES: ReadonlySet<string> = new Set(['ne', 'n']);
const SECOND_PARTS: ReadonlySet<string> = new Set(['pas', 'plu', 'plus', 'rien', 'personne', 'jamais', 'jamai']);
const CONDITIONS: ReadonlySet<string> = new Set(['si', 's', 'sinon', 'faute']);
/** Verbs whose negation urges to act (« ne tardez pas »), stemmed as engine/tokenize.ts does and not. */
const URGING: ReadonlySet<string> = new Set([
  'tardez', 'tarder', 'attendez', 'attendre', 'manquez', 'manquer', 'hesitez', 'hesiter', 'oubliez', 'oublier', 'ratez', 'rater',
  'perdez', 'laissez', 'raccrochez', 'ignorez', 'negligez', 'prenez', 'restez',
]);

/** Index of the word that starts at `offset` in the normalised text, or -1. */
export function wordAt(text: PreparedText, offset: number): number {
  const words = text.words;
  let low = 0;
  let high = words.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const word = words[middle] as { start: number; end: number };
    if (word.end <= offset) low = middle + 1;
    else if (word.start > offset) high = middle - 1;
    else return middle;
  }
  return -1;
}

function clauseBreakBefore(text: PreparedText, index: number): boolean {
  const previous = text.words[index - 1];
  const current = text.words[index];
  if (!previous || !current) return true;
  return CLAUSE_END.test(text.normalized.text.slice(previous.end, current.start));
}

/** True when the word at `index` (and so the phrase it opens) stands under a negation attached to it. */
export function isNegatedWord(text: PreparedText, index: number): boolean {
  if (index < 0) return false;
  let secondPart = false;
  for (let i = index - 1, counted = 0; i >= 0 && counted < WINDOW; i -= 1) {
    if (clauseBreakBefore(text, i + 1)) return false;
    const word = (text.words[i] as { text: string }).text;
    if (CONDITIONS.has(word)) return false;
    if (NEGATORS.has(word)) return true;
    if (PARTICLES.has(word)) {
      if (URGING.has(text.words[i + 1]?.text ?? '') || conditionBefore(text, i)) return false;
      return secondPart || secondPartAfter(text, index);
    }
    if (SECOND_PARTS.has(word)) secondPart = true;
    if (!LIGHT_WORDS.has(word)) counted += 1;
  }
  return false;
}

/** « si vous ne payez pas »: a condition opens the clause just before the particle. */
function conditionBefore(text: PreparedText, particle: number): boolean {
  for (let i = particle - 1; i >= Math.max(0, particle - 3); i -= 1) {
    if (clauseBreakBefore(text, i + 1)) return false;
    if (CONDITIONS.has((text.words[i] as { text: string }).text)) return true;
  }
  return false;
}

/** « ne vous sera pas demandé »: the second part of the negation just after the phrase's first word. */
function secondPartAfter(text: PreparedText, index: number): boolean {
  for (let k = index + 1; k <= Math.min(text.words.length - 1, index + 2); k += 1) {
    if (clauseBreakBefore(text, k)) return false;
    if (SECOND_PARTS.has((text.words[k] as { text: string }).text)) return true;
  }
  // « aucun frais ne vous sera demandé » is caught by « aucun »; a bare « ne » before a verb (« ne vous
  // sera demandé ») is a negation French allows in writing only with a second part, so none is read.
  return false;
}

/** A rule hit one of whose found phrases is negated (every span is the start of a found phrase or window). */
export function isNegatedHit(text: PreparedText, hit: RuleHit): boolean {
  return hit.normalizedSpans.some((span) => isNegatedWord(text, wordAt(text, span.start)));
}
