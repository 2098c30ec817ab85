/**
 * The first words of every compiled phrase, numbered, so that a prepared text can say once which of
 * them it holds and most phrases (and rules) are ruled out by reading an array, without looking.
 * Two tables, both growing only as expressions are compiled (never per text): whole head words
 * (« radiation ») and head prefixes (« radi* », three letters at least).
 */
import { arenaUint8Array } from './typed-arena.js';

const headWords = new Map<string, number>();
const headPrefixes = new Map<string, number>();
/**
 * Head prefixes by their first three letters, to find those starting a word with one lookup: by a
 * number when the three are below U+0400 (every folded Latin word; no string is cut per word to
 * build the key), by the three letters otherwise.
 */
const prefixesByStart = new Map<number, HeadPrefix[]>();
const prefixesByRareStart = new Map<string, HeadPrefix[]>();
const PREFIX_KEY_LENGTH = 3;

interface HeadPrefix {
  readonly prefix: string;
  readonly id: number;
}

/** The first three units of `text` as one small integer, or -1 when one of them is U+0400 or above. */
function startKey(text: string): number {
  const a = text.charCodeAt(0);
  const b = text.charCodeAt(1);
  const c = text.charCodeAt(2);
  return (a | b | c) < 0x400 ? (a << 20) | (b << 10) | c : -1;
}

function prefixesStarting(word: string): HeadPrefix[] | undefined {
  const key = startKey(word);
  return key >= 0 ? prefixesByStart.get(key) : prefixesByRareStart.get(word.slice(0, PREFIX_KEY_LENGTH));
}
/**
 * Which pairs of first two characters (folded to a byte each, so several pairs share a mark) start a
 * head prefix: most words of a text start none, and are passed over without building their key.
 */
const prefixStarts = new Uint8Array(1 << 16);

function startMark(text: string): number {
  return ((text.charCodeAt(0) & 0xff) << 8) | (text.charCodeAt(1) & 0xff);
}

/**
 * Every whole word of a compiled phrase (not only the first), numbered: a text's words carry the
 * number of their stem (word-table.ts), so that matching the rest of a phrase compares numbers, not
 * strings.
 */
const phraseWords = new Map<string, number>();

/** The number of `key` in `numbers` (numbered in order of first meeting), and whether it is new. */
function internIn(numbers: Map<string, number>, key: string): { id: number; added: boolean } {
  const known = numbers.get(key);
  if (known !== undefined) return { id: known, added: false };
  const id = numbers.size;
  numbers.set(key, id);
  return { id, added: true };
}

/** Number of a whole phrase word, given once and kept. */
export function internPhraseWord(word: string): number {
  return internIn(phraseWords, word).id;
}

/** Number of a phrase word, or -1 when no compiled phrase holds it. */
export function phraseWordIdOf(word: string): number {
  return phraseWords.get(word) ?? -1;
}

export function phraseWordCount(): number {
  return phraseWords.size;
}

/** Number of a whole head word, given once and kept. */
export function internHeadWord(word: string): number {
  return internIn(headWords, word).id;
}

/** Number of a head prefix (three characters at least), given once and kept. */
export function internHeadPrefix(prefix: string): number {
  if (prefix.length < PREFIX_KEY_LENGTH) throw new Error(`préfixe trop court : « ${prefix}* »`);
  const { id, added } = internIn(headPrefixes, prefix);
  if (added) {
    prefixStarts[startMark(prefix)] = 1;
    const list = prefixesStarting(prefix);
    if (list) list.push({ prefix, id });
    else {
      const key = startKey(prefix);
      if (key >= 0) prefixesByStart.set(key, [{ prefix, id }]);
      else prefixesByRareStart.set(prefix.slice(0, PREFIX_KEY_LENGTH), [{ prefix, id }]);
    }
  }
  return id;
}

export function headWordCount(): number {
  return headWords.size;
}

export function headPrefixCount(): number {
  return headPrefixes.size;
}

/** Number of a whole head word, or -1 when no compiled phrase starts with it. */
export function headWordIdOf(word: string): number {
  return headWords.get(word) ?? -1;
}

const NO_PREFIXES: readonly number[] = Object.freeze([]);

/** Numbers of the head prefixes `word` starts with (most words: none). */
export function headPrefixIdsOf(word: string): readonly number[] {
  if (word.length < PREFIX_KEY_LENGTH || prefixStarts[startMark(word)] === 0) return NO_PREFIXES;
  const candidates = prefixesStarting(word);
  if (!candidates) return NO_PREFIXES;
  let ids: number[] | null = null;
  for (const { prefix, id } of candidates) if (word.startsWith(prefix)) (ids ??= []).push(id);
  return ids ?? NO_PREFIXES;
}

/** Grows whenever a head word, head prefix or phrase word is numbered: what was worked out from the tables before is then stale. */
export function headTablesSize(): number {
  return headWords.size + headPrefixes.size + phraseWords.size;
}

/**
 * Which head words and head prefixes a text holds, and where. The arrays are sized to the tables when
 * the text was prepared: a number beyond them was compiled later and is unknown (treat it as present).
 */
export interface HeadMarks {
  /** 1 for each whole head word present. */
  readonly words: Uint8Array;
  /** 1 for each head prefix that starts some word of the text. */
  readonly prefixes: Uint8Array;
  /** The numbers marked in `words`, and in `prefixes`. */
  readonly presentWords: readonly number[];
  readonly presentPrefixes: readonly number[];
  /** Positions (ascending, in the text's list of words) of each head word present, and of the words starting with each head prefix present. */
  readonly wordPositions: ReadonlyMap<number, readonly number[]>;
  readonly prefixPositions: ReadonlyMap<number, readonly number[]>;
  /** Phrase words numbered when the text was prepared: its words know only those (word-table.ts `phraseWord`). */
  readonly phraseWordCount: number;
}

/** Head marks filled word by word, in text order (see match.ts prepareText). */
export class HeadMarksBuilder implements HeadMarks {
  readonly words = arenaUint8Array(headWords.size);
  readonly prefixes = arenaUint8Array(headPrefixes.size);
  readonly presentWords: number[] = [];
  readonly presentPrefixes: number[] = [];
  readonly wordPositions = new Map<number, number[]>();
  readonly prefixPositions = new Map<number, number[]>();
  readonly phraseWordCount = phraseWords.size;

  /** Records the word at `position`, whose head word is `headWord` (-1: none) and head prefixes `prefixIds`. */
  add(position: number, headWord: number, prefixIds: readonly number[]): void {
    if (headWord >= 0) {
      if (this.words[headWord] === 0) {
        this.words[headWord] = 1;
        this.presentWords.push(headWord);
        this.wordPositions.set(headWord, [position]);
      } else (this.wordPositions.get(headWord) as number[]).push(position);
    }
    for (let i = 0; i < prefixIds.length; i += 1) {
      const id = prefixIds[i] as number;
      if (this.prefixes[id] === 0) {
        this.prefixes[id] = 1;
        this.presentPrefixes.push(id);
        this.prefixPositions.set(id, [position]);
      } else (this.prefixPositions.get(id) as number[]).push(position);
    }
  }
}

/** Whether a text may hold a head word or prefix: marked, or compiled after the text was prepared. */
export function mayHold(marks: Uint8Array, id: number): boolean {
  return id >= marks.length || marks[id] === 1;
}
