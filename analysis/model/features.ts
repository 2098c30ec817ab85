/**
 * Features of the statistical model, shared by training (train.ts) and inference (score-model.ts).
 *
 * Read off the text as the rules see it (engine/match.ts `prepareText`: case, accents, look-alike
 * letters and leet folded, stop words dropped, light stemming):
 *  - word unigrams (stemmed words),
 *  - word bigrams (two consecutive content words),
 *  - character 3-, 4- and 5-grams inside each word, padded with word boundaries (« <radi », « tion> »),
 *    which catch new inflections and misspellings of known words.
 * Words that are pieces of web addresses (« https », « www », « com »…) are skipped (see URL_PARTS).
 * Each feature is hashed (FNV-1a, 32 bits) into HASH_BUCKETS buckets; a message is the set of its
 * buckets (presence, not counts), scaled by 1/√(number of buckets) so that long and short messages
 * weigh alike. Only the first MAX_WORDS words are read: enough to judge, and it bounds the cost.
 *
 * Every feature belongs to one or two words, which is how a contribution is traced back to words.
 */
import type { PreparedText } from '../engine/match.js';

export const HASH_BITS = 18;
export const HASH_BUCKETS = 1 << HASH_BITS;
const HASH_MASK = HASH_BUCKETS - 1;
export const MAX_WORDS = 1500;
/**
 * Pieces of web addresses are left out: links are judged by the link checks, and learning that « .com »
 * means fraud (the training messages' genuine links are mostly .fr) would flag ordinary foreign mail.
 */
const URL_PARTS: ReadonlySet<string> = new Set(['http', 'https', 'www', 'com', 'net', 'org', 'fr', 'html', 'php', 'info', 'io']);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_UNIGRAM = 0x75;
const SEED_BIGRAM = 0x62;
const SEED_CHAR = 0x63;
const BOUNDARY = 0x3c; // '<' and '>' mark the word's edges in character n-grams
const BOUNDARY_END = 0x3e;

function hashString(seed: number, text: string, from = 0, to = text.length): number {
  let h = Math.imul(FNV_OFFSET ^ seed, FNV_PRIME);
  for (let i = from; i < to; i += 1) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * One occurrence of a feature: its bucket and the word(s) it comes from (index into `words`;
 * `second` is -1 except for bigrams).
 */
export interface FeatureSink {
  (bucket: number, first: number, second: number, name?: string): void;
}

export function isUrlPart(word: string): boolean {
  return URL_PARTS.has(word);
}

/** Full 32-bit hash of a (stemmed) word: its unigram's bucket, and half of each bigram it is in. */
export function wordHash(word: string): number {
  return hashString(SEED_UNIGRAM, word);
}

export function bucketOf(hash: number): number {
  return (hash >>> 0) & HASH_MASK;
}

/** Hash of the bigram of two consecutive words, from their word hashes. */
export function bigramHash(previousHash: number, currentHash: number): number {
  return Math.imul(Math.imul(previousHash ^ SEED_BIGRAM, FNV_PRIME) ^ currentHash, FNV_PRIME);
}

/**
 * The buckets of every character 3-, 4- and 5-gram of « <word> », in order, where the word is
 * `source[start, end)` (the unstemmed folded word), written into `charGrams` (scratch, read before the
 * next call): no callback per n-gram, as this runs for every word of every message.
 */
export function readCharGrams(source: string, start: number, end: number): void {
  const padded = end - start + 2;
  if (paddedCodes.length < padded) paddedCodes = new Int32Array(2 * padded);
  if (charGrams.buckets.length < 3 * padded) charGrams.buckets = new Int32Array(6 * padded);
  const codes = paddedCodes;
  const out = charGrams.buckets;
  codes[0] = BOUNDARY;
  for (let p = 1; p < padded - 1; p += 1) codes[p] = source.charCodeAt(start + p - 1);
  codes[padded - 1] = BOUNDARY_END;
  let n = 0;
  for (let i = 0; i + 3 <= padded; i += 1) {
    let h = Math.imul(FNV_OFFSET ^ SEED_CHAR, FNV_PRIME);
    const last = Math.min(i + 5, padded);
    for (let p = i; p < last; p += 1) {
      h = Math.imul(h ^ (codes[p] as number), FNV_PRIME);
      if (p >= i + 2) out[n++] = (h >>> 0) & HASH_MASK;
    }
  }
  charGrams.count = n;
}

/** What readCharGrams found last. */
export const charGrams = { buckets: new Int32Array(192), count: 0 };
/** The padded word's codes, read several times each. */
let paddedCodes = new Int32Array(64);

/**
 * Calls `visit` with each character n-gram of readCharGrams, with its first and last positions in
 * the padded word (for readable names in training reports).
 */
function forEachCharGram(source: string, start: number, end: number, visit: (bucket: number, from: number, to: number) => void): void {
  readCharGrams(source, start, end);
  const buckets = charGrams.buckets.slice(0, charGrams.count);
  const padded = end - start + 2;
  let n = 0;
  for (let i = 0; i + 3 <= padded; i += 1) {
    for (let p = i + 2; p < Math.min(i + 5, padded); p += 1) visit(buckets[n++] as number, i, p);
  }
}

/**
 * Calls `sink` for every feature occurrence of the text, in text order (duplicates included: the
 * caller keeps the first). With `withNames`, also passes a readable name (training reports only).
 * score-model.ts reads the same features in the same order (skipping the n-grams of a word met before).
 */
export function forEachFeature(text: PreparedText, sink: FeatureSink, withNames = false): number {
  const words = text.words;
  const normalized = text.normalized.text;
  const count = Math.min(words.length, MAX_WORDS);
  let previousHash = 0;
  for (let t = 0; t < count; t += 1) {
    const word = words[t] as { text: string; start: number; end: number };
    if (isUrlPart(word.text)) continue;
    const currentHash = wordHash(word.text);
    sink(bucketOf(currentHash), t, -1, withNames ? `mot:${word.text}` : undefined);
    if (t > 0) sink(bucketOf(bigramHash(previousHash, currentHash)), t - 1, t, withNames ? `paire:${(words[t - 1] as { text: string }).text} ${word.text}` : undefined);
    previousHash = currentHash;
    // Character n-grams over « <word> », from the unstemmed folded word.
    const start = word.start;
    const padded = word.end - start + 2;
    forEachCharGram(normalized, start, word.end, (bucket, from, to) => {
      let name: string | undefined;
      if (withNames) {
        const chars: string[] = [];
        for (let q = from; q <= to; q += 1) chars.push(q === 0 ? '<' : q === padded - 1 ? '>' : (normalized[start + q - 1] as string));
        name = `car:${chars.join('')}`;
      }
      sink(bucket, t, -1, name);
    });
  }
  return count;
}

/** The distinct buckets of a text, in order of first appearance (training). */
export function featureBuckets(text: PreparedText, names?: Map<number, Map<string, number>>): Int32Array {
  const seen = new Set<number>();
  const out: number[] = [];
  forEachFeature(
    text,
    (bucket, _first, _second, name) => {
      if (names && name !== undefined) {
        let byName = names.get(bucket);
        if (!byName) names.set(bucket, (byName = new Map()));
        byName.set(name, (byName.get(name) ?? 0) + 1);
      }
      if (seen.has(bucket)) return;
      seen.add(bucket);
      out.push(bucket);
    },
    names !== undefined,
  );
  return Int32Array.from(out);
}
