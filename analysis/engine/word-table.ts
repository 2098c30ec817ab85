/**
 * The words met in texts, each worked out once and kept from text to text: whether it is a stop word,
 * its stem, and the numbers it has in the tables of compiled phrases (head-words.ts: head word, head
 * prefixes, phrase word). Messages repeat the same few thousand words, so preparing a text (match.ts
 * `prepareText`) costs one lookup per word instead of a stop-word test, a stem, an index entry and
 * the head-word lookups; matching compares word numbers, not strings; and the model reads its own
 * per-word features by `id` (model/score-model.ts) instead of hashing the word again.
 *
 * Bounded: past MAX_ENTRIES words, new words are worked out without being kept, and the next text
 * starts the table over (a hostile text of random words costs what it did before, no more). Starting
 * over, which numbering a new head word, head prefix or phrase word also causes, opens a new
 * `generation`: ids are then given again, and what was kept by id must be dropped. A generation only
 * changes between texts.
 */
import { headPrefixIdsOf, headTablesSize, headWordIdOf, phraseWordIdOf } from './head-words.js';
import { STOP_WORDS, stemWord } from './tokenize.js';

/** One distinct word of the normalised text (folded, not stemmed). */
export interface WordEntry {
  readonly word: string;
  /** Number of the word in the current generation; -1 for a word not kept (too long, or the table full). */
  readonly id: number;
  /** An article or the like, left out of the words that count (tokenize.ts STOP_WORDS). */
  readonly stop: boolean;
  /** The word as phrases are matched against it (tokenize.ts `stemWord`). */
  readonly stem: string;
  /** Number of the stem in the head-word table, or -1. */
  readonly headWord: number;
  /** Numbers of the head prefixes the stem starts with. */
  readonly headPrefixes: readonly number[];
  /** Number of the stem in the phrase-word table, or -1. */
  readonly phraseWord: number;
  /** Serial of the last text that met the word (match.ts): tells a word met again in the same text. */
  lastText: number;
}

const MAX_ENTRIES = 20_000;
/** Word numbers are below this. */
export const MAX_WORD_IDS = MAX_ENTRIES;
/** Longer words (a hostile text's one long run of letters) are worked out every time, never kept. */
const MAX_KEPT_LENGTH = 64;

/**
 * The entries, found by the hash of the word's characters read in place in the text (open addressing,
 * linear probing): a known word is found without cutting a string out of the text, which a Map
 * would need, and whose allocation and hashing were most of the cost of a lookup.
 *
 * Two numbers per slot, side by side (one memory read): the full hash of its word, so that the slot
 * of another word is passed over without comparing letters, and 1 + the index of its entry in
 * `entries`, or 0 when the slot is free. The table starts small and doubles when half full: the few
 * thousand words of short messages then stay in the processor's cache.
 */
const FIRST_SLOT_BITS = 11;
const MAX_SLOT_BITS = 16;
let slotMask = (1 << FIRST_SLOT_BITS) - 1;
let slots = new Int32Array(2 << FIRST_SLOT_BITS);
const entries: WordEntry[] = [];
/** The hash of each entry's word, to place it again when the table grows. */
const entryHashes = new Int32Array(MAX_ENTRIES);
const NO_PREFIXES: readonly number[] = Object.freeze([]);
let generation = 0;
let headTablesSeen = -1;

function entryOf(word: string, id: number): WordEntry {
  const stop = STOP_WORDS.has(word);
  const stem = stop ? word : stemWord(word);
  return {
    word,
    id,
    stop,
    stem,
    headWord: stop ? -1 : headWordIdOf(stem),
    headPrefixes: stop ? NO_PREFIXES : headPrefixIdsOf(stem),
    phraseWord: stop ? -1 : phraseWordIdOf(stem),
    lastText: 0,
  };
}

/**
 * Called once per text, before its words are looked up: starts a new generation when the table is
 * full, or when the head tables have grown since its entries were made (a ruleset or a lexicon
 * compiled later). Returns the generation the text's entries belong to.
 */
export function syncWordTable(): number {
  const size = headTablesSize();
  if (size !== headTablesSeen || entries.length >= MAX_ENTRIES) {
    headTablesSeen = size;
    entries.length = 0;
    slotMask = (1 << FIRST_SLOT_BITS) - 1;
    slots = new Int32Array(2 << FIRST_SLOT_BITS);
    generation += 1;
  }
  return generation;
}

/** The current generation: entry ids are valid within it only. */
export function wordTableGeneration(): number {
  return generation;
}

/** The entry of the word `text[start, end)`. */
export function wordEntry(text: string, start: number, end: number): WordEntry {
  if (end - start > MAX_KEPT_LENGTH) return entryOf(text.slice(start, end), -1);
  const hash = hashOf(text, start, end);
  let slot = hash & slotMask;
  for (let index = slots[2 * slot + 1] as number; index !== 0; index = slots[2 * slot + 1] as number) {
    if (slots[2 * slot] === hash) {
      const known = entries[index - 1] as WordEntry;
      if (sameWord(known.word, text, start, end)) return known;
    }
    slot = (slot + 1) & slotMask;
  }
  const word = text.slice(start, end);
  if (entries.length >= MAX_ENTRIES) return entryOf(word, -1);
  const entry = entryOf(word, entries.length);
  entryHashes[entries.length] = hash;
  entries.push(entry);
  slots[2 * slot] = hash;
  slots[2 * slot + 1] = entries.length;
  if (2 * entries.length > slotMask + 1) growSlots();
  return entry;
}

/** Doubles the table and places every entry again. */
function growSlots(): void {
  slotMask = 2 * slotMask + 1;
  slots = new Int32Array(2 * (slotMask + 1));
  for (let index = 0; index < entries.length; index += 1) {
    const hash = entryHashes[index] as number;
    let slot = hash & slotMask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & slotMask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = index + 1;
  }
}

/** FNV-1a over the UTF-16 units of `text[start, end)`, its bits mixed down so that the low ones (the slot) vary. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h ^ (h >>> MAX_SLOT_BITS);
}

function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i += 1) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
