/**
 * Folding of one code point to the form rules are written against: lower case, no accents, Latin
 * letters for their Cyrillic and Greek look-alikes, compatibility forms (fullwidth, mathematical,
 * ligatures) expanded. Pure and cached; the cache is bounded by the number of distinct code points.
 */

/** Look-alike letters of other scripts, keyed by the original code point (before lower-casing). */
const CONFUSABLE_LETTERS: Readonly<Record<string, string>> = {
  // Cyrillic capitals
  А: 'a', В: 'b', Е: 'e', Ѕ: 's', І: 'i', Ї: 'i', Ј: 'j', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c',
  Т: 't', Х: 'x', У: 'y', Ү: 'y', Ԛ: 'q', Ԝ: 'w', Ӏ: 'l', Ԍ: 'g',
  // Cyrillic small letters
  а: 'a', е: 'e', ѕ: 's', і: 'i', ї: 'i', ј: 'j', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', ү: 'y', һ: 'h',
  ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g',
  // Greek capitals and small letters
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y',
  Χ: 'x', α: 'a', ο: 'o', ρ: 'p', ν: 'v', ι: 'i', κ: 'k', τ: 't', υ: 'u', χ: 'x', ε: 'e',
  // Latin letters NFKD leaves alone
  ı: 'i', ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ħ: 'h', ß: 'ss', ẞ: 'ss', œ: 'oe', Œ: 'oe',
  æ: 'ae', Æ: 'ae',
};

/** Typographic punctuation folded to its ASCII form so « l’Ordre » and « l'Ordre » tokenize alike. */
const PUNCTUATION: Readonly<Record<string, string>> = {
  '’': "'", '‘': "'", '‛': "'", ʼ: "'", ʹ: "'", '`': "'", '´': "'", '′': "'",
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '“': '"', '”': '"', '„': '"', '«': '"', '»': '"',
};

const COMBINING_MARK = /\p{M}/gu;
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}$/u;
const WHITESPACE_OR_CONTROL = /^[\s\p{Cc}]$/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

export type CharClass = 'invisible' | 'space' | 'visible';

const classCache = new Map<string, CharClass>();

/** Whether a code point is dropped (zero-width, bidi controls…), turned into a space, or kept. */
export function classifyCodePoint(cp: string): CharClass {
  let known = classCache.get(cp);
  if (known === undefined) {
    // Invisible first: U+FEFF is both \s and default-ignorable, and must disappear.
    known = INVISIBLE.test(cp) ? 'invisible' : WHITESPACE_OR_CONTROL.test(cp) ? 'space' : 'visible';
    classCache.set(cp, known);
  }
  return known;
}

function foldOnce(text: string): string {
  let out = '';
  for (const cp of text) {
    const direct = CONFUSABLE_LETTERS[cp] ?? PUNCTUATION[cp];
    if (direct !== undefined) {
      out += direct;
      continue;
    }
    const lowered = cp.normalize('NFKD').toLowerCase().normalize('NFKD').replace(COMBINING_MARK, '');
    let mapped = '';
    for (const ch of lowered) {
      // Decomposition can yield spaces (« ¨ » is a space plus a mark) or ignorable characters; they
      // must be classified like the originals, or normalising twice would differ.
      const kind = classifyCodePoint(ch);
      if (kind === 'invisible') continue;
      mapped += kind === 'space' ? ' ' : (CONFUSABLE_LETTERS[ch] ?? PUNCTUATION[ch] ?? ch);
    }
    out += mapped;
  }
  return out;
}

export interface FoldedCodePoint {
  readonly text: string;
  /** The code point was a letter of another script (or a compatibility form) disguised as Latin. */
  readonly confusable: boolean;
}

const foldCache = new Map<string, FoldedCodePoint>();
const MAX_FOLD_ROUNDS = 4;

/**
 * Folds one visible code point; the result is a fixed point (folding it again changes nothing),
 * which is what makes the whole normalisation idempotent.
 */
export function foldCodePoint(cp: string): FoldedCodePoint {
  const cached = foldCache.get(cp);
  if (cached) return cached;
  let text = cp;
  for (let round = 0; round < MAX_FOLD_ROUNDS; round += 1) {
    const next = foldOnce(text);
    if (next === text) break;
    text = next;
  }
  const confusable = CONFUSABLE_LETTERS[cp] !== undefined && !/^[a-z]+$/.test(cp) && isForeignLookalike(cp);
  const folded: FoldedCodePoint = { text, confusable };
  foldCache.set(cp, folded);
  return folded;
}

/** Cyrillic and Greek look-alikes are a disguise; « ß », « œ » or « ł » are ordinary spellings. */
function isForeignLookalike(cp: string): boolean {
  const code = cp.codePointAt(0) ?? 0;
  return (code >= 0x0370 && code <= 0x03ff) || (code >= 0x0400 && code <= 0x052f) || code === 0x0261;
}

/** Letter or digit of any script. */
export function isWordChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  }
  return WORD_CHAR.test(ch);
}

/** `isWordChar` of each code point below 0x10000, filled on first use: 0 not known yet, 1 word, 2 not. */
const BMP_WORD = new Uint8Array(0x10000);

/**
 * `isWordChar(String.fromCodePoint(code))` without building a string: what the hot loops (tokenising,
 * normalising) call for every character. A lone surrogate is not a word character.
 */
export function isWordCodePoint(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  }
  if (code > 0xffff) return WORD_CHAR.test(String.fromCodePoint(code));
  let known = BMP_WORD[code] as number;
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    BMP_WORD[code] = known;
  }
  return known === 1;
}

/** Digits people type for look-alike letters (« rad1ation », « c0tisation »). */
export const LEET_DIGITS: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't',
};
