import { isWordCodePoint } from './char-folding.js';

/**
 * French words that carry no meaning for matching: articles, possessives and elided forms. Dropping
 * them lets « réinitialiser votre mot de passe » and « réinitialisation du mot de passe » meet the
 * same expression. Negations (« ne », « n' », « pas », « jamais ») are kept on purpose, and so are
 * « notre » and « nos »: « nos coordonnées bancaires ont changé » speaks of the sender's account.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'au', 'aux', 'a',
  'ce', 'cet', 'cette', 'ces', 'c', 'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'son', 'sa', 'ses',
  'votre', 'vos', 'leur', 'leurs', 'et', 'j', 'm', 's', 't', 'qu',
]);

/** A word of the normalised text; offsets are into the normalised text. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Light French stemming so that plural and feminine forms meet: « droits » = « droit »,
 * « validées » = « validé » (accents are already folded, « validee » → « valide »). Applied the same
 * way to rules and texts, so it only has to be consistent, not linguistically exact.
 */
export function stemWord(word: string): string {
  let stem = word;
  if (stem.length >= 4 && stem.endsWith('s') && !stem.endsWith('ss')) stem = stem.slice(0, -1);
  if (stem.length >= 4 && stem.endsWith('ee')) stem = stem.slice(0, -1);
  return stem;
}

const ASCII_WORD: Uint8Array = Uint8Array.from({ length: 0x80 }, (_, code) => (isWordCodePoint(code) ? 1 : 0));

/** Splits normalised text into words (letters and digits of any script). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  let i = 0;
  while (i <= text.length) {
    const code = i < text.length ? (text.codePointAt(i) as number) : -1;
    const inWord = code >= 0 && (code < 0x80 ? ASCII_WORD[code] === 1 : isWordCodePoint(code));
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      tokens.push({ text: text.slice(start, i), start, end: i });
      start = -1;
    }
    i += code > 0xffff ? 2 : 1;
  }
  return tokens;
}

/**
 * The words that count for matching, in one pass: stop words dropped (never built), the others
 * stemmed. Same words as `tokenize`, minus the stop words.
 */
export function contentTokensOf(text: string): Token[] {
  const kept: Token[] = [];
  let start = -1;
  let i = 0;
  while (i <= text.length) {
    const unit = i < text.length ? text.charCodeAt(i) : -1;
    // Only a high surrogate starts a code point of two units (codePointAt gives the unit otherwise).
    const code = unit >= 0xd800 && unit <= 0xdbff ? (text.codePointAt(i) as number) : unit;
    const inWord = code >= 0 && (code < 0x80 ? ASCII_WORD[code] === 1 : isWordCodePoint(code));
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      const word = text.slice(start, i);
      if (!STOP_WORDS.has(word)) kept.push({ text: stemWord(word), start, end: i });
      start = -1;
    }
    i += code > 0xffff ? 2 : 1;
  }
  return kept;
}

/**
 * Positions of each distinct word, plus the words sorted so that a prefix (« radi* ») finds its
 * words by binary search instead of a scan.
 */
export interface TokenIndex {
  readonly positions: ReadonlyMap<string, readonly number[]>;
  readonly sortedWords: readonly string[];
}

/** Sorts the words on first use only: most texts never meet a prefix that needs them. */
class WordIndex implements TokenIndex {
  #sorted: string[] | null = null;

  constructor(readonly positions: ReadonlyMap<string, readonly number[]>) {}

  get sortedWords(): readonly string[] {
    this.#sorted ??= [...this.positions.keys()].sort();
    return this.#sorted;
  }
}

export function indexTokens(tokens: readonly Token[]): TokenIndex {
  const positions = new Map<string, number[]>();
  for (let position = 0; position < tokens.length; position += 1) {
    const text = (tokens[position] as Token).text;
    const list = positions.get(text);
    if (list) list.push(position);
    else positions.set(text, [position]);
  }
  return new WordIndex(positions);
}

/** Index in `sortedWords` of the first word not below `prefix`. */
function lowerBound(words: readonly string[], prefix: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((words[mid] ?? '') < prefix) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Positions (ascending) of every word starting with `prefix`. */
export function positionsWithPrefix(index: TokenIndex, prefix: string): number[] {
  const words = index.sortedWords;
  const low = lowerBound(words, prefix);
  const found: number[] = [];
  for (let i = low; i < words.length && (words[i] ?? '').startsWith(prefix); i += 1) {
    found.push(...(index.positions.get(words[i] ?? '') ?? []));
  }
  return found.sort((a, b) => a - b);
}
