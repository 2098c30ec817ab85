/**
 * Inference of the statistical model (logistic regression over hashed word and character n-grams,
 * see features.ts and train.ts): pure, synchronous, deterministic. The weights are a data file
 * (weights.json) read once at import; no I/O at run time.
 */
import type { StatisticalModel } from '../analysis.types.js';
import type { PreparedText } from '../engine/match.js';
import type { Span } from '../engine/normalize.js';
import { toOriginalSpan } from '../engine/normalize.js';
import { forEachFeature, HASH_BITS, HASH_BUCKETS, MAX_WORDS } from './features.js';
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

/** Marks buckets already counted in the current message: stamp per call, no clearing. */
const seenStamp = new Int32Array(HASH_BUCKETS);
let stamp = 0;

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Probability of fraud and the words behind it; the words are looked for only when the probability
 * reaches `wordsFrom` (they are shown only then, and ranking them has a cost).
 */
export function scoreModel(text: PreparedText, model: CompiledModel = DEFAULT_MODEL, topWords = 5, wordsFrom = 0): ModelScore {
  stamp += 1;
  if (stamp === 0x7fffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
  const current = stamp;
  const dense = model.dense;
  const perWord = new Float64Array(Math.min(text.words.length, MAX_WORDS));
  let sum = 0;
  let distinct = 0;
  forEachFeature(text, (bucket, first, second) => {
    if (seenStamp[bucket] === current) return;
    seenStamp[bucket] = current;
    distinct += 1;
    const w = dense[bucket] as number;
    if (w === 0) return;
    sum += w;
    if (second < 0) perWord[first] = (perWord[first] as number) + w;
    else {
      perWord[first] = (perWord[first] as number) + w / 2;
      perWord[second] = (perWord[second] as number) + w / 2;
    }
  });
  const scale = distinct > 0 ? 1 / Math.sqrt(distinct) : 0;
  const probability = sigmoid(model.bias + sum * scale);
  return { probability, topWords: topWords > 0 && probability >= wordsFrom ? pickWords(text, perWord, scale, topWords) : [] };
}

/** Pieces of addresses and numbers: they weigh, but say nothing to a reader. */
const UNREADABLE = new Set(['http', 'https', 'www', 'com', 'net', 'org', 'html', 'php']);
const LETTERS = /\p{L}/gu;

function readable(word: string): boolean {
  return !UNREADABLE.has(word) && (word.match(LETTERS)?.length ?? 0) >= 3;
}

function pickWords(text: PreparedText, perWord: Float64Array, scale: number, limit: number): ContributingWord[] {
  const best = new Map<string, { index: number; value: number }>();
  for (let i = 0; i < perWord.length; i += 1) {
    const value = perWord[i] as number;
    if (value <= 0) continue;
    const key = (text.words[i] as { text: string }).text;
    if (!readable(key)) continue;
    const known = best.get(key);
    if (!known || value > known.value) best.set(key, { index: i, value });
  }
  const ranked = [...best.values()].sort((a, b) => b.value - a.value || a.index - b.index).slice(0, limit);
  return ranked.map(({ index, value }) => {
    const token = text.words[index] as { start: number; end: number };
    const span = toOriginalSpan(text.normalized, token.start, token.end);
    return { word: text.normalized.original.slice(span.start, span.end), span, contribution: value * scale };
  });
}
