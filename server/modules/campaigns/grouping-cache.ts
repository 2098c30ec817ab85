// What the grouping reads again at every batch and that never changes once written: which report opened
// an LSH bucket, and a report's MinHash signature. Kept per process, bounded; a value missing here is
// read from the database, so several instances stay correct without talking to each other (a bucket
// or signature one of them writes is the same for all). Campaign membership, which does change, is
// never cached.

/** A Map that forgets its oldest entries past `capacity`. */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.capacity) {
      // Drop the oldest tenth at once: cheaper than one by one.
      let drop = Math.ceil(this.capacity / 10);
      for (const k of this.entries.keys()) {
        this.entries.delete(k);
        if (--drop === 0) break;
      }
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Band key → the report that opened the bucket (about 100 bytes each). */
export const bucketOwners = new BoundedCache<string, string>(300_000);
/** Report → its signature (about 300 bytes each). */
export const signatures = new BoundedCache<string, Int32Array>(60_000);
