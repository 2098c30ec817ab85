/**
 * Inference of the statistical model (logistic regression over hashed word and character n-grams,
 * see features.ts and train.ts): pure, synchronous, deterministic. The weights are a data file
 * (weights.json) read once at import; no I/O at run time.
 */
import type { StatisticalModel } from '../analysis.types.js';
import type { PreparedText } from '../engine/match.js';
import type { Token } from '../engine/tokenize.js';
import type { WordEntry } from '../engine/word-table.js';
import { MAX_WORD_IDS, wordTableGeneration } from '../engine/word-table.js';
import type { Span } from '../engine/normalize.js';
import { toOriginalSpan } from '../engine/normalize.js';
import { bigramHash, bucketOf, charGrams, HASH_BITS, HASH_BUCKETS, isUrlPart, MAX_WORDS, readCharGrams, wordHash } from './features.js';
import weightsFile from './weights.json' with { type: 'json' };

/** The data file written by train.ts. */
export interface ModelWeights {
  readonly format: 'vigie-logreg-1';
  readonly hashBits: number;
  readonly bias: number;
  /** Buckets with a weight, ascending, and their weights (same length). */
  readonly buckets: readonly number[];
  readonly weights: readonly number[];
  /** Probabilities chosen by cross-validation (see docs/detection.md). */
  readonly thresholds: { readonly suspect: number; readonly support: number };
  readonly trainedOn: { readonly messages: number; readonly frauds: number; readonly genuine: number; readonly sources: readonly string[] };
}

export type CompiledModel = StatisticalModel;

export function compileModel(file: ModelWeights): CompiledModel {
  if (file.format !== 'vigie-logreg-1') throw new Error(`Format de poids inconnu : ${String(file.format)}`);
  if (file.hashBits !== HASH_BITS) throw new Error(`Poids calculés sur ${file.hashBits} bits, attendu ${HASH_BITS}`);
  if (file.buckets.length !== file.weights.length) throw new Error('Poids du modèle incohérents');
  const dense = new Float32Array(HASH_BUCKETS);
  file.buckets.forEach((bucket, i) => {
    dense[bucket] = file.weights[i] as number;
  });
  return { bias: file.bias, dense, thresholds: file.thresholds };
}

export const MODEL_WEIGHTS = weightsFile as ModelWeights;
export const DEFAULT_MODEL: CompiledModel = compileModel(MODEL_WEIGHTS);

export interface ContributingWord {
  /** The word as written in the message. */
  readonly word: string;
  /** Where, in the original text given to prepareText. */
  readonly span: Span;
  /** Its share of the log-odds (after length scaling). */
  readonly contribution: number;
}

export interface ModelScore {
  /** Probability that the message is a fraud, 0 to 1. */
  readonly probability: number;
  /** Words pushing most towards fraud, strongest first (at most `topWords`). */
  readonly topWords: readonly ContributingWord[];
}

/**
 * Buckets already counted in the current message, one bit each (32 ko): small enough to stay in the
 * processor's cache, unlike an array of HASH_BUCKETS stamps. The words of `seen` set are listed in
 * `touched` to be emptied after the message (all of it at once past TOUCHED_LISTED).
 */
const seen = new Int32Array(HASH_BUCKETS >>> 5);
const TOUCHED_LISTED = 2048;
/** Scratch arrays reused by every call (scoring is synchronous and never re-entered): typed arrays allocated per message showed in profiles. */
const scratch = { touched: new Int32Array(TOUCHED_LISTED), shares: new Float64Array(MAX_WORDS) };

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * The weights of a table in a compact form: the 1 Mo table is mostly zeros (a few thousand buckets
 * weigh), and reading it at random was a large share of the model's cost. `marks` holds, per 32
 * buckets, one bit per bucket that weighs and the number of such buckets before them; `weights`
 * holds their weights in bucket order (the same float32 values).
 */
interface CompactWeights {
  readonly marks: Int32Array;
  readonly weights: Float32Array;
}

/** Keyed by the weight table: a model is copied with other thresholds, its weights never change once compiled. */
const compactByTable = new WeakMap<Float32Array, CompactWeights>();

function compactOf(dense: Float32Array): CompactWeights {
  let compact = compactByTable.get(dense);
  if (!compact) {
    const marks = new Int32Array(2 * (HASH_BUCKETS >>> 5));
    const weights: number[] = [];
    for (let slot = 0; slot < HASH_BUCKETS >>> 5; slot += 1) {
      marks[2 * slot + 1] = weights.length;
      let bits = 0;
      for (let b = 0; b < 32; b += 1) {
        const w = dense[32 * slot + b] as number;
        if (w !== 0) {
          bits |= 1 << b;
          weights.push(w);
        }
      }
      marks[2 * slot] = bits;
    }
    compact = { marks, weights: Float32Array.from(weights) };
    compactByTable.set(dense, compact);
  }
  return compact;
}

function bitCount(x: number): number {
  const a = x - ((x >>> 1) & 0x55555555);
  const b = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  return Math.imul((b + (b >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The weight of a bucket, 0 when it has none. */
function weightOf(compact: CompactWeights, bucket: number): number {
  const slot = bucket >>> 5;
  const bit = 1 << (bucket & 31);
  const weighing = compact.marks[2 * slot] as number;
  if ((weighing & bit) === 0) return 0;
  return compact.weights[(compact.marks[2 * slot + 1] as number) + bitCount(weighing & (bit - 1))] as number;
}

/** Sum of the weights of the distinct buckets of a message, their number, and each word's share. */
class Tally {
  sum = 0;
  distinct = 0;
  /** Shares of the first `count` words, in the scratch array. */
  readonly perWord = scratch.shares;

  constructor(
    readonly count: number,
    private readonly compact: CompactWeights,
  ) {
    this.perWord.fill(0, 0, count);
  }

  /** Counts a bucket met first in word `first` (and `second`, for a bigram); later meetings add nothing. */
  add(bucket: number, first: number, second: number): void {
    if (!this.firstMeeting(bucket)) return;
    const w = weightOf(this.compact, bucket);
    if (w === 0) return;
    this.sum += w;
    const perWord = this.perWord;
    if (second < 0) perWord[first] = (perWord[first] as number) + w;
    else {
      perWord[first] = (perWord[first] as number) + w / 2;
      perWord[second] = (perWord[second] as number) + w / 2;
    }
  }

  /** `add` for a bucket of word `word` alone (not a bigram), whose weight `w` was read before (see KeptFeatures). */
  addWeighed(bucket: number, w: number, word: number): void {
    if (!this.firstMeeting(bucket)) return;
    if (w === 0) return;
    this.sum += w;
    this.perWord[word] = (this.perWord[word] as number) + w;
  }

  /** Marks the bucket counted for this message; false when it already was. */
  private firstMeeting(bucket: number): boolean {
    const slot = bucket >>> 5;
    const bit = 1 << (bucket & 31);
    const marks = seen[slot] as number;
    if ((marks & bit) !== 0) return false;
    seen[slot] = marks | bit;
    if (this.distinct < TOUCHED_LISTED) scratch.touched[this.distinct] = slot;
    this.distinct += 1;
    return true;
  }

  /** Empties `seen` for the next message. */
  finish(): void {
    if (this.distinct > TOUCHED_LISTED) seen.fill(0);
    else for (let i = 0; i < this.distinct; i += 1) seen[scratch.touched[i] as number] = 0;
  }
}

/**
 * What the model reads of each word, kept by word-table number (engine/word-table.ts) from message to
 * message for one model's weights: the hash of its stem, and the buckets of its character n-grams
 * with their weights, so that a word is hashed and weighed once, not at every meeting. Flat arrays,
 * not an object per word: a large vocabulary (a stream of emails) must not keep the collector busy.
 */
class KeptFeatures {
  /** Per word number: UNREAD, URL_PART (not read by the model) or READ. */
  readonly state = new Uint8Array(MAX_WORD_IDS);
  readonly hash = new Int32Array(MAX_WORD_IDS);
  /** The weight of the word's unigram bucket (bucketOf(hash)). */
  readonly unigramWeight = new Float32Array(MAX_WORD_IDS);
  /** Where the word's n-grams start in `buckets` and `weights`, and how many there are. */
  readonly start = new Int32Array(MAX_WORD_IDS);
  readonly count = new Int32Array(MAX_WORD_IDS);
  buckets = new Int32Array(1 << 14);
  weights = new Float32Array(1 << 14);
  used = 0;
  generation = -1;
  compact: CompactWeights | null = null;

  /**
   * Whether the kept features serve `text` with these weights: its entries are of the current
   * generation (a text prepared before the table started over is read word by word). Drops the
   * features kept for a past generation or other weights.
   */
  serve(text: PreparedText, compact: CompactWeights): boolean {
    if (text.wordGeneration !== wordTableGeneration()) return false;
    if (this.generation !== text.wordGeneration || this.compact !== compact) {
      this.state.fill(UNREAD);
      this.used = 0;
      this.generation = text.wordGeneration;
      this.compact = compact;
    }
    return true;
  }

  /** Reads the features of word number `id`, the token `token` of `source`. */
  read(id: number, source: string, token: Token, compact: CompactWeights): void {
    if (isUrlPart(token.text)) {
      this.state[id] = URL_PART;
      return;
    }
    readCharGrams(source, token.start, token.end);
    const count = charGrams.count;
    if (this.used + count > this.buckets.length) this.grow(this.used + count);
    for (let g = 0; g < count; g += 1) {
      const bucket = charGrams.buckets[g] as number;
      this.buckets[this.used + g] = bucket;
      this.weights[this.used + g] = weightOf(compact, bucket);
    }
    this.state[id] = READ;
    this.hash[id] = wordHash(token.text);
    this.unigramWeight[id] = weightOf(compact, bucketOf(this.hash[id] as number));
    this.start[id] = this.used;
    this.count[id] = count;
    this.used += count;
  }

  private grow(needed: number): void {
    let size = this.buckets.length;
    while (size < needed) size *= 2;
    const buckets = new Int32Array(size);
    buckets.set(this.buckets.subarray(0, this.used));
    this.buckets = buckets;
    const weights = new Float32Array(size);
    weights.set(this.weights.subarray(0, this.used));
    this.weights = weights;
  }
}

const UNREAD = 0;
const URL_PART = 1;
const READ = 2;
const KEPT = new KeptFeatures();

/**
 * Probability of fraud and the words behind it; the words are looked for only when the probability
 * reaches `wordsFrom` (they are shown only then, and ranking them has a cost).
 */
export function scoreModel(text: PreparedText, model: CompiledModel = DEFAULT_MODEL, topWords = 5, wordsFrom = 0): ModelScore {
  const count = Math.min(text.words.length, MAX_WORDS);
  const compact = compactOf(model.dense);
  const tally = new Tally(count, compact);
  const source = text.normalized.text;
  // The features of forEachFeature (features.ts), in the same order, with one shortcut: a word already
  // met in the message (the same letters) adds only its bigram; its unigram and n-grams are the same
  // buckets, all counted already. A word the word table did not keep is read in place.
  const kept = KEPT.serve(text, compact);
  let previousHash = 0;
  for (let t = 0; t < count; t += 1) {
    const token = text.words[t] as Token;
    const id = kept ? (text.entries[t] as WordEntry).id : -1;
    if (id >= 0) {
      if (KEPT.state[id] === UNREAD) KEPT.read(id, source, token, compact);
      if (KEPT.state[id] === URL_PART) continue;
      previousHash = addWordAndPair(tally, KEPT.hash[id] as number, KEPT.unigramWeight[id] as number, previousHash, t);
      if (text.repeated[t] === 1) continue;
      const end = (KEPT.start[id] as number) + (KEPT.count[id] as number);
      for (let g = KEPT.start[id] as number; g < end; g += 1) tally.addWeighed(KEPT.buckets[g] as number, KEPT.weights[g] as number, t);
    } else {
      if (isUrlPart(token.text)) continue;
      const hash = wordHash(token.text);
      previousHash = addWordAndPair(tally, hash, weightOf(compact, bucketOf(hash)), previousHash, t);
      if (text.repeated[t] === 1) continue;
      readCharGrams(source, token.start, token.end);
      for (let g = 0; g < charGrams.count; g += 1) tally.add(charGrams.buckets[g] as number, t, -1);
    }
  }
  tally.finish();
  const scale = tally.distinct > 0 ? 1 / Math.sqrt(tally.distinct) : 0;
  const probability = sigmoid(model.bias + tally.sum * scale);
  return { probability, topWords: topWords > 0 && probability >= wordsFrom ? pickWords(text, tally, scale, topWords) : [] };
}

/**
 * Adds the unigram of the word at t (of weight `unigramWeight`) and its bigram with the word before;
 * returns its hash, the next word's `previousHash`.
 */
function addWordAndPair(tally: Tally, currentHash: number, unigramWeight: number, previousHash: number, t: number): number {
  tally.addWeighed(bucketOf(currentHash), unigramWeight, t);
  if (t > 0) tally.add(bucketOf(bigramHash(previousHash, currentHash)), t - 1, t);
  return currentHash;
}

/** Pieces of addresses and numbers: they weigh, but say nothing to a reader. */
const UNREADABLE = new Set(['http', 'https', 'www', 'com', 'net', 'org', 'html', 'php']);
const LETTER = /^\p{L}$/u;

/** At least three letters (code points of category L): counted without building the list of matches, which showed in profiles. */
function readable(word: string): boolean {
  if (UNREADABLE.has(word)) return false;
  let letters = 0;
  for (let i = 0; i < word.length && letters < 3; i += 1) {
    const code = word.charCodeAt(i);
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters += 1;
      continue;
    }
    const point = word.codePointAt(i) as number;
    if (point > 0xffff) i += 1;
    if (LETTER.test(String.fromCodePoint(point))) letters += 1;
  }
  return letters >= 3;
}

/** A word's share of the log-odds, at its position `index` in the text's words. */
interface WordShare {
  readonly index: number;
  readonly value: number;
}

/** Largest share first, then first in the text: a strict order (positions differ). */
function byShare(a: WordShare, b: WordShare): number {
  return b.value - a.value || a.index - b.index;
}

/**
 * Inserts `share` into `ranked` (at most `limit` long, in byShare order) if it is among the best:
 * the same first words as sorting them all, without sorting the many that are not shown.
 */
function keepAmongBest(ranked: WordShare[], share: WordShare, limit: number): void {
  let at = ranked.length;
  while (at > 0 && byShare(share, ranked[at - 1] as WordShare) < 0) at -= 1;
  if (at >= limit) return;
  ranked.splice(at, 0, share);
  if (ranked.length > limit) ranked.pop();
}

function pickWords(text: PreparedText, tally: Tally, scale: number, limit: number): ContributingWord[] {
  const best = new Map<string, WordShare>();
  for (let i = 0; i < tally.count; i += 1) {
    const value = tally.perWord[i] as number;
    if (value <= 0) continue;
    const key = (text.words[i] as { text: string }).text;
    if (!readable(key)) continue;
    const known = best.get(key);
    if (!known || value > known.value) best.set(key, { index: i, value });
  }
  const ranked: WordShare[] = [];
  for (const share of best.values()) keepAmongBest(ranked, share, limit);
  return ranked.map(({ index, value }) => {
    const token = text.words[index] as { start: number; end: number };
    const span = toOriginalSpan(text.normalized, token.start, token.end);
    return { word: text.normalized.original.slice(span.start, span.end), span, contribution: value * scale };
  });
}
