// The keys of the LSH buckets opened so far, kept in memory as a Bloom filter, so that the grouping asks
// the database only about keys some report may already hold. At a hundred thousand reports nine keys in
// ten of a batch are new, and each one asked costs a descent of the bucket index (docs/performance.md,
// « Campaign grouping »).
//
// A Bloom filter never says « absent » of a key it was given; it says « present » of a few others (0.3 %
// per full layer), which are then asked as before. It stays exact across instances through the counter
// of bucket writes (migration 0034), read under the grouping lock: a filter that finds the counter past
// its own reads the buckets stamped since. A filter is kept per database handle, so a process that talks
// to several databases (the tests) keeps one for each. A database restored under running instances is
// not reliably noticed (the counter may have moved back and up again): restart them after a restore.

import type { Database, Executor } from '../../platform/db/client.js';
import * as repo from './grouping.repo.js';
import { fmix32 } from './minhash.js';

/** 12 bits and 8 probes per key: about 0.3 % of absent keys pass a full layer (a Bloom filter's rate at that size). */
const BITS_PER_KEY = 12;
const PROBES = 8;
/** Keys of the first layer (1.5 Mo of bits); each later layer holds twice the one before. */
const FIRST_CAPACITY = 1 << 20;
/**
 * Past this many keys (two million indexed texts; 36 to 72 Mo of filter, as the last layer is more or
 * less full) the filter is given up for that database and every key is asked, as without it: memory
 * stays bounded whatever the history.
 */
export const MAX_FILTER_KEYS = 32_000_000;
/** Keys read per statement when a filter is built from the table. */
const LOAD_PAGE = 200_000;

/**
 * The two hashes of a key for double hashing (probe i is first + i × step, step odd). Written into one
 * reused object, read at once by the caller: adding and testing run on every key of every batch.
 */
const probe = { first: 0, step: 0 };

function setProbes(key: number): void {
  const low = key >>> 0;
  const high = Math.floor(key / 0x100000000) >>> 0;
  probe.first = fmix32(low ^ Math.imul(high, 0x9e3779b1));
  probe.step = fmix32(high ^ Math.imul(low, 0x85ebca77) ^ 0x27d4eb2f) | 1;
}

/** One Bloom filter of fixed size: capacity × BITS_PER_KEY bits, a probe's 32-bit hash scaled to them (no power of two). */
class BloomLayer {
  private readonly words: Int32Array;
  private readonly bits: number;
  count = 0;

  constructor(readonly capacity: number) {
    this.words = new Int32Array(Math.ceil((capacity * BITS_PER_KEY) / 32));
    this.bits = this.words.length * 32;
  }

  /** Sets the bits of the key whose two hashes are `first` and `step`. */
  add(first: number, step: number): void {
    for (let i = 0; i < PROBES; i += 1) {
      const bit = this.bitOf(first, step, i);
      this.words[bit >>> 5]! |= 1 << (bit & 31);
    }
    this.count += 1;
  }

  mayHold(first: number, step: number): boolean {
    for (let i = 0; i < PROBES; i += 1) {
      const bit = this.bitOf(first, step, i);
      if ((this.words[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  private bitOf(first: number, step: number, i: number): number {
    return Math.floor((((first + Math.imul(i, step)) >>> 0) * this.bits) / 0x100000000);
  }
}

/** A Bloom filter that grows: once its last layer is full, a new one twice as large takes the next keys. Keys are integers below 2^52 (minhash.ts `bandKeys`). */
export class BandKeyFilter {
  private readonly layers: BloomLayer[] = [new BloomLayer(FIRST_CAPACITY)];
  size = 0;

  add(key: number): void {
    let last = this.layers[this.layers.length - 1]!;
    if (last.count >= last.capacity) {
      last = new BloomLayer(last.capacity * 2);
      this.layers.push(last);
    }
    setProbes(key);
    last.add(probe.first, probe.step);
    this.size += 1;
  }

  /** False only for a key never added. */
  mayHold(key: number): boolean {
    setProbes(key);
    const { first, step } = probe;
    for (const layer of this.layers) if (layer.mayHold(first, step)) return true;
    return false;
  }
}

/** A filter and the bucket writes it has seen (the counter of text_band_bucket_writes). */
interface SyncedFilter {
  filter: BandKeyFilter;
  batches: number;
}

const filters = new WeakMap<Database, SyncedFilter>();
/** Databases whose keys outnumber MAX_FILTER_KEYS: no filter is built for them again (keys only grow). */
const tooManyKeys = new WeakSet<Database>();

/**
 * Under the grouping lock: the filter of this database, brought up to date with the buckets opened
 * since it last looked, or null when there are too many keys to keep (every key is then asked).
 * `loadPage`: keys read per statement when every key is read (smaller in a test of the paging).
 */
export async function syncBandKeyFilter(tx: Executor, database: Database, loadPage = LOAD_PAGE): Promise<BandKeyFilter | null> {
  if (tooManyKeys.has(database)) return null;
  const batches = await repo.readBucketWrites(tx);
  const known = filters.get(database);
  if (known && known.batches === batches) return known.filter;
  if (known && known.batches < batches) {
    for (const key of await repo.findBandKeysSince(tx, known.batches)) known.filter.add(key);
    known.batches = batches;
    return keptUnlessTooLarge(database, known);
  }
  // No filter yet, or one ahead of the counter (a database restored under a running process): every key.
  const filter = new BandKeyFilter();
  for (let after = -1; ; ) {
    const keys = await repo.findBandKeysAfter(tx, after, loadPage);
    for (const key of keys) filter.add(key);
    if (keys.length < loadPage || filter.size > MAX_FILTER_KEYS) break;
    after = keys[keys.length - 1]!;
  }
  return keptUnlessTooLarge(database, { filter, batches });
}

function keptUnlessTooLarge(database: Database, synced: SyncedFilter): BandKeyFilter | null {
  if (synced.filter.size > MAX_FILTER_KEYS) {
    filters.delete(database);
    tooManyKeys.add(database);
    return null;
  }
  filters.set(database, synced);
  return synced.filter;
}

/** Buckets a committed batch opened, and the counter value its write left. */
export interface OpenedBuckets {
  keys: readonly number[];
  batches: number;
}

/**
 * After commit: adds the keys the batch opened to the filter that saw every write before it. Any other
 * case (another instance wrote meanwhile) is left to the next sync, which reads the stamped buckets.
 */
export function recordOpenedBuckets(database: Database, opened: OpenedBuckets | null): void {
  const known = filters.get(database);
  if (!opened || !known || known.batches !== opened.batches - 1) return;
  for (const key of opened.keys) known.filter.add(key);
  known.batches = opened.batches;
}
