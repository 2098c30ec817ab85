import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Database } from '../db/client.js';
import { meteredChunks, newMeter, type UploadStore } from './upload-store.js';

/** Bytes per row of upload_blob_chunks: big enough for few round trips, small enough to hold a few. */
export const PG_CHUNK_BYTES = 256 * 1024;
/** Rows fetched per query when reading back (1 MiB). */
const CHUNKS_PER_READ = 4;
const KEY_PATTERN = /^pg\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkKey(key: string): string {
  // Keys come from our own rows; a key from another store (after a switch) or a forged one is refused.
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw new Error('invalid upload key');
  return key;
}

/** Regroups a stream of any chunk sizes into chunks of exactly `size` bytes (the last one shorter). */
export async function* fixedSizeChunks(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    let offset = 0;
    while (offset < chunk.byteLength) {
      const take = Math.min(size - pendingBytes, chunk.byteLength - offset);
      pending.push(chunk.subarray(offset, offset + take));
      pendingBytes += take;
      offset += take;
      if (pendingBytes === size) {
        yield Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

interface BlobRow {
  completed: boolean;
  sha256: string | null;
  size_bytes: string | number | null;
}

async function findCompleted(database: Database, key: string): Promise<{ sha256: string; sizeBytes: number }> {
  const { rows } = await database.raw.query<BlobRow>('SELECT completed, sha256, size_bytes FROM upload_blobs WHERE key = $1', [checkKey(key)]);
  const row = rows[0];
  // An incomplete blob is a write in progress or one that failed: never readable.
  if (!row || !row.completed || row.sha256 === null || row.size_bytes === null) throw new Error('upload not found');
  return { sha256: row.sha256, sizeBytes: Number(row.size_bytes) };
}

/**
 * Reads a completed blob's chunks in order, a few rows per query, and checks on the way that none is
 * missing and that the bytes match the recorded size and SHA-256 (a blob removed while being read, or
 * altered in the database, ends in an error rather than a silently different file).
 */
async function* readChunks(database: Database, key: string, expected: { sha256: string; sizeBytes: number }): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let next = 0;
  let total = 0;
  for (;;) {
    const { rows } = await database.raw.query<{ seq: number; bytes: string }>(
      `SELECT seq, encode(bytes, 'base64') AS bytes FROM upload_blob_chunks WHERE key = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
      [key, next, CHUNKS_PER_READ],
    );
    for (const row of rows) {
      if (row.seq !== next) throw new Error('upload chunk missing');
      // Base64 (its line breaks are ignored by the decoder) rather than bytea's own text form: both
      // drivers parse bytea results in a JavaScript loop, several times slower than Buffer's decoder.
      const bytes = Buffer.from(row.bytes, 'base64');
      hash.update(bytes);
      total += bytes.byteLength;
      next++;
      yield bytes;
    }
    if (rows.length < CHUNKS_PER_READ) break;
  }
  if (total !== expected.sizeBytes || hash.digest('hex') !== expected.sha256) throw new Error('upload bytes do not match their record');
}

/**
 * Upload bytes in PostgreSQL (tables upload_blobs and upload_blob_chunks, migration 0013), shared by
 * every instance on the database. Keys are `pg/<uuid>`.
 *
 * Memory: `put` holds at most one chunk being assembled (PG_CHUNK_BYTES) plus the source's current
 * chunk, and `open` at most CHUNKS_PER_READ rows plus the stream's small buffer: a file never sits whole
 * in memory (except a Uint8Array source, which the caller already holds).
 *
 * Invariant a reader could break: no transaction is held open across awaits of the source. Each chunk
 * is inserted in its own autocommitted statement, so on PGlite (one connection) other requests keep
 * running while a slow client uploads; the `completed` flag, set last, is what makes the blob visible.
 */
export function createPostgresUploadStore(database: Database): UploadStore {
  return {
    kind: 'postgres',
    async put(source, options = {}) {
      const key = `pg/${randomUUID()}`;
      const meter = newMeter();
      await database.raw.query('INSERT INTO upload_blobs (key) VALUES ($1)', [key]);
      try {
        let seq = 0;
        for await (const chunk of fixedSizeChunks(meteredChunks(source, meter, options.maxBytes), PG_CHUNK_BYTES)) {
          // Sent as base64 text: measured faster than a bytea parameter with both PGlite and node-postgres.
          await database.raw.query(`INSERT INTO upload_blob_chunks (key, seq, bytes) VALUES ($1, $2, decode($3, 'base64'))`, [key, seq++, chunk.toString('base64')]);
        }
        const sha256 = meter.sha256.digest('hex');
        await database.raw.query(
          'UPDATE upload_blobs SET completed = true, sha256 = $2, size_bytes = $3, completed_at = now() WHERE key = $1',
          [key, sha256, meter.sizeBytes],
        );
        return { key, sha256, sizeBytes: meter.sizeBytes };
      } catch (err) {
        // Best effort: what is left behind stays incomplete, hence unreadable, and the sweeper takes it.
        await database.raw.query('DELETE FROM upload_blobs WHERE key = $1', [key]).catch(() => undefined);
        throw err;
      }
    },
    async get(key) {
      const expected = await findCompleted(database, key);
      const chunks: Buffer[] = [];
      for await (const chunk of readChunks(database, key, expected)) chunks.push(chunk);
      return new Uint8Array(Buffer.concat(chunks, expected.sizeBytes));
    },
    async open(key) {
      const expected = await findCompleted(database, key);
      // Lazy: the next rows are queried only when the consumer has taken the previous ones.
      return Readable.from(readChunks(database, key, expected), { objectMode: false, highWaterMark: PG_CHUNK_BYTES });
    },
    async remove(key) {
      await database.raw.query('DELETE FROM upload_blobs WHERE key = $1', [checkKey(key)]);
    },
  };
}

/**
 * Deletes blobs whose write never completed (a crash or lost connection mid-upload) created before
 * `olderThan`, with their chunks. Meant for the runtime's periodic sweep; returns how many went.
 * Pass a cut-off well past the longest upload (a day), so a write in progress is never taken.
 */
export async function purgeIncompleteUploads(database: Database, olderThan: Date): Promise<number> {
  const { rows } = await database.raw.query<{ key: string }>(
    'DELETE FROM upload_blobs WHERE NOT completed AND created_at < $1 RETURNING key',
    [olderThan.toISOString()],
  );
  return rows.length;
}
