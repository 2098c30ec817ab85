// Near-duplicate texts by MinHash and LSH banding. Pure. A text becomes the set of its word 3-shingles
// (folded, numbers blurred); its signature keeps, for each of 64 seeded hash functions, the smallest
// hash over the set, so two signatures agree at a position with probability equal to the Jaccard
// similarity of the two sets. The signature is cut into 16 bands of 4 rows: two texts sharing one band
// are candidates (a 0.6-similar pair shares at least one band with probability 0.89, a 0.8-similar
// pair 0.9997), then confirmed when the estimated similarity reaches SIMILARITY_THRESHOLD.

import { foldForSearch } from '../../platform/text/fold.js';

export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
const SHINGLE_WORDS = 3;
/** Texts with fewer distinct shingles (under about 7 words) are too short to compare: no signature. */
export const MIN_SHINGLES = 5;
/**
 * Estimated Jaccard similarity from which two texts are the same message with variations. An SMS of
 * 25 words with two words changed keeps about 0.6 (each changed word touches three shingles); unrelated
 * scams of the same family share a few stock phrases and stay under 0.3.
 */
export const SIMILARITY_THRESHOLD = 0.5;
/**
 * A text at least this similar to a report already indexed opens no LSH bucket of its own: Jaccard
 * distance is a metric, so any text at least 0.75 similar to it is at least 0.5 similar (the threshold)
 * to the indexed report, and is found through that report's buckets. Copies of one scam — most of the
 * near-duplicate traffic — then cost a lookup, not sixteen new rows.
 */
export const COVERED_SIMILARITY = 0.75;
/** Shingles read per text: enough for any message, bounded for a pasted 100 kB dump. */
const MAX_SHINGLES = 2000;

/** murmur3's 32-bit finaliser: a cheap, well-mixed permutation of 32-bit integers (also the band-key filter's hash). */
export function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised: the base hash of a shingle. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Fixed seeds (splitmix32 from a constant): signatures stored years apart stay comparable. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let state = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds[i] = fmix32(state ^ 0x5bd1e995);
  }
  return seeds;
})();

/**
 * The words a signature is built on: folded (case, accents, punctuation), every word holding a digit
 * blurred to « 0 » — amounts, dates, reference numbers and per-recipient link tokens vary between
 * copies of one scam.
 */
export function shingleWords(text: string): string[] {
  const folded = foldForSearch(text.length > 20_000 ? text.slice(0, 20_000) : text);
  if (folded === '') return [];
  return folded.split(' ').map((w) => (/[0-9]/.test(w) ? '0' : w));
}

/** The distinct word 3-shingles of a text, as 32-bit hashes. */
export function shingleHashes(text: string): Uint32Array {
  const words = shingleWords(text);
  const seen = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length && seen.size < MAX_SHINGLES; i++) {
    seen.add(hashString(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
  }
  return Uint32Array.from(seen);
}

/** MinHash of a set of 32-bit hashes; null when the set is smaller than MIN_SHINGLES. */
export function signatureOfHashes(hashes: Uint32Array): Int32Array | null {
  if (hashes.length < MIN_SHINGLES) return null;
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const base of hashes) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = fmix32(base ^ (SEEDS[i] as number));
      if (h < (mins[i] as number)) mins[i] = h;
    }
  }
  // Stored in a PostgreSQL integer[]: the same 32 bits, read as signed.
  return Int32Array.from(mins, (v) => v | 0);
}

/** The MinHash signature of a text, or null when it is too short to compare. */
export function textSignature(text: string): Int32Array | null {
  return signatureOfHashes(shingleHashes(text));
}

/**
 * The 16 LSH band keys of a signature, as non-negative integers below 2^52 (exact in a double and in
 * a PostgreSQL bigint). Two 32-bit hashes per band keep accidental collisions out of reach.
 */
export function bandKeys(signature: ArrayLike<number>): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h1 = 0x243f6a88 ^ b;
    let h2 = 0x85a308d3 ^ Math.imul(b, 0x9e3779b9);
    for (let r = 0; r < ROWS_PER_BAND; r++) {
      const v = (signature[b * ROWS_PER_BAND + r] as number) >>> 0;
      h1 = fmix32(Math.imul(h1 ^ v, 0x01000193));
      h2 = fmix32(h2 + Math.imul(v, 0xcc9e2d51));
    }
    keys.push((h1 >>> 0) * 0x100000 + (h2 >>> 12));
  }
  return keys;
}

/** Share of equal positions: the estimate of the Jaccard similarity of the two shingle sets. */
export function estimatedSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let equal = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) equal += 1;
  return equal / SIGNATURE_SIZE;
}

/** Whether two signatures are of near-duplicate texts. */
export function isNearDuplicate(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return estimatedSimilarity(a, b) >= SIMILARITY_THRESHOLD;
}
