/**
 * The first words of every compiled phrase, numbered, so that a prepared text can say once which of
 * them it holds and most phrases (and rules) are ruled out by reading an array, without looking.
 * Two tables, both growing only as expressions are compiled (never per text): whole head words
 * (« radiation ») and head prefixes (« radi* », three letters at least).
 */
import { arenaUint8Array } from './typed-arena.js';

const headWords = new Map<string, number>();
const headPrefixes = new Map<string, number>();
/** Head prefixes by their first three letters, to find those starting a word with one lookup. */
const prefixesByStart = new Map<string, { readonly prefix: string; readonly id: number }[]>();
const PREFIX_KEY_LENGTH = 3;
/**
 * Which pairs of first two characters (folded to a byte each, so several pairs share a mark) start a
 * head prefix: most words of a text start none, and are passed over without building their key.
 */
const prefixStarts = new Uint8Array(1 << 16);

function startMark(text: string): number {
  return ((text.charCodeAt(0) & 0xff) << 8) | (text.charCodeAt(1) & 0xff);
}

/** Number of a whole head word, given once and kept. */
export function internHeadWord(word: string): number {
  let id = headWords.get(word);
  if (id === undefined) {
    id = headWords.size;
    headWords.set(word, id);
  }
  return id;
}

/** Number of a head prefix (three characters at least), given once and kept. */
export function internHeadPrefix(prefix: string): number {
  if (prefix.length < PREFIX_KEY_LENGTH) throw new Error(`préfixe trop court : « ${prefix}* »`);
  let id = headPrefixes.get(prefix);
  if (id === undefined) {
    id = headPrefixes.size;
    headPrefixes.set(prefix, id);
    const key = prefix.slice(0, PREFIX_KEY_LENGTH);
    prefixStarts[startMark(key)] = 1;
    const list = prefixesByStart.get(key);
    if (list) list.push({ prefix, id });
    else prefixesByStart.set(key, [{ prefix, id }]);
  }
  return id;
}

export function headWordCount(): number {
  return headWords.size;
}

export function headPrefixCount(): number {
  return headPrefixes.size;
}

/**
 * Which head words and head prefixes a text holds. The arrays are sized to the tables when the text
 * was prepared: a number beyond them was compiled later and is unknown (treat it as present).
 */
export interface HeadMarks {
  /** 1 for each whole head word present. */
  readonly words: Uint8Array;
  /** 1 for each head prefix that starts some word of the text. */
  readonly prefixes: Uint8Array;
  /** The numbers marked in `words`, and in `prefixes`. */
  readonly presentWords: readonly number[];
  readonly presentPrefixes: readonly number[];
}

/** Marks the head words and prefixes found among the distinct words of a text. */
export function markHeads(distinctWords: Iterable<string>): HeadMarks {
  const words = arenaUint8Array(headWords.size);
  const prefixes = arenaUint8Array(headPrefixes.size);
  const presentWords: number[] = [];
  const presentPrefixes: number[] = [];
  for (const word of distinctWords) {
    const id = headWords.get(word);
    if (id !== undefined) {
      words[id] = 1;
      presentWords.push(id);
    }
    if (word.length < PREFIX_KEY_LENGTH || prefixStarts[startMark(word)] === 0) continue;
    const candidates = prefixesByStart.get(word.slice(0, PREFIX_KEY_LENGTH));
    if (!candidates) continue;
    for (const { prefix, id: prefixId } of candidates) {
      if (prefixes[prefixId] === 0 && word.startsWith(prefix)) {
        prefixes[prefixId] = 1;
        presentPrefixes.push(prefixId);
      }
    }
  }
  return { words, prefixes, presentWords, presentPrefixes };
}

/** Whether a text may hold a head word or prefix: marked, or compiled after the text was prepared. */
export function mayHold(marks: Uint8Array, id: number): boolean {
  return id >= marks.length || marks[id] === 1;
}
