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
