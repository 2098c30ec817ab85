import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { createTestDatabase, usePostgresServer, type TestDatabase } from '../../test/test-database.js';
import { createPostgresUploadStore, fixedSizeChunks, PG_CHUNK_BYTES, purgeIncompleteUploads } from './postgres-upload-store.js';
import { describeUploadStoreContract } from './upload-store.contract.js';
import type { Database } from '../db/client.js';

const KEY = /^pg\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const where = usePostgresServer ? 'PostgreSQL server' : 'PGlite';

async function contents(database: Database): Promise<string[]> {
  const { rows } = await database.raw.query<{ item: string }>(
    `SELECT 'blob ' || key || ' ' || completed AS item FROM upload_blobs
     UNION ALL SELECT 'chunk ' || key || ' ' || seq FROM upload_blob_chunks ORDER BY 1`,
  );
  return rows.map((r) => r.item);
}

describeUploadStoreContract(`postgres (${where})`, async () => {
  const testDb = await createTestDatabase();
  await migrate(testDb.database);
  const database = testDb.database;
  return {
    store: createPostgresUploadStore(database),
    keyPattern: KEY,
    unknownKey: `pg/${randomUUID()}`,
    contents: () => contents(database),
    storedBytes: async () => {
      const { rows } = await database.raw.query<{ n: string }>('SELECT coalesce(sum(octet_length(bytes)), 0)::text AS n FROM upload_blob_chunks');
      return Number(rows[0]!.n);
    },
    // One chunk being assembled plus the source's current chunk.
    maxInFlightBytes: 2 * PG_CHUNK_BYTES,
    close: () => testDb.drop(),
  };
});

describe(`postgres upload store specifics (${where})`, () => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = testDb.database;
    await migrate(database);
  });
  afterAll(() => testDb.drop());

  it('stores chunks of 256 KiB whatever the sizes the source yields', async () => {
    async function* uneven(): AsyncGenerator<Uint8Array> {
      for (const size of [1, 300_000, 7, 500_000, 65_536]) yield randomBytes(size);
    }
    const stored = await createPostgresUploadStore(database).put(uneven());
    const { rows } = await database.raw.query<{ seq: number; n: number }>('SELECT seq, octet_length(bytes) AS n FROM upload_blob_chunks WHERE key = $1 ORDER BY seq', [stored.key]);
    expect(rows.map((r) => r.n)).toEqual([PG_CHUNK_BYTES, PG_CHUNK_BYTES, PG_CHUNK_BYTES, 865_544 - 3 * PG_CHUNK_BYTES]);
    expect(rows.map((r) => r.seq)).toEqual([0, 1, 2, 3]);
    const regrouped: number[] = [];
    for await (const c of fixedSizeChunks((async function* () { yield new Uint8Array(10); yield new Uint8Array(5); })(), 4)) regrouped.push(c.byteLength);
    expect(regrouped).toEqual([4, 4, 4, 3]);
  });

  it('keeps the database answering other requests while a slow uploader is mid-file (no transaction held)', async () => {
    const store = createPostgresUploadStore(database);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstChunkSent!: () => void;
    const sent = new Promise<void>((resolve) => (firstChunkSent = resolve));
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield randomBytes(PG_CHUNK_BYTES);
      firstChunkSent();
      await gate;
      yield randomBytes(1000);
    }
    const pending = store.put(slow());
    await sent;
    // On PGlite's single connection, a transaction held across the source's awaits would hang this query.
    const { rows } = await database.raw.query<{ key: string; completed: boolean }>('SELECT key, completed FROM upload_blobs WHERE NOT completed');
    expect(rows).toHaveLength(1);
    // A blob still being written is not readable.
    await expect(store.get(rows[0]!.key)).rejects.toThrow('upload not found');
    await expect(store.open(rows[0]!.key)).rejects.toThrow('upload not found');
    release();
    const stored = await pending;
    expect(stored.key).toBe(rows[0]!.key);
    expect((await store.get(stored.key)).byteLength).toBe(PG_CHUNK_BYTES + 1000);
  });

  it('sweeps blobs left incomplete by a crash, and only those older than the cut-off', async () => {
    const store = createPostgresUploadStore(database);
    const kept = await store.put(new Uint8Array([7, 7, 7]));
    const crashed = `pg/${randomUUID()}`;
    await database.raw.query(`INSERT INTO upload_blobs (key, created_at) VALUES ($1, now() - interval '2 days')`, [crashed]);
    await database.raw.query('INSERT INTO upload_blob_chunks (key, seq, bytes) VALUES ($1, 0, $2)', [crashed, randomBytes(100)]);
    const recent = `pg/${randomUUID()}`;
    await database.raw.query('INSERT INTO upload_blobs (key) VALUES ($1)', [recent]);

    expect(await purgeIncompleteUploads(database, new Date(Date.now() - 86_400_000))).toBe(1);
    const left = await contents(database);
    expect(left.some((i) => i.includes(crashed))).toBe(false);
    expect(left).toContain(`blob ${recent} false`);
    expect(Array.from(await store.get(kept.key))).toEqual([7, 7, 7]);
    await database.raw.query('DELETE FROM upload_blobs WHERE key = $1', [recent]);
  });

  it('refuses to hand out bytes that no longer match their record', async () => {
    const store = createPostgresUploadStore(database);
    const stored = await store.put(randomBytes(PG_CHUNK_BYTES + 10));
    await database.raw.query('UPDATE upload_blob_chunks SET bytes = $2 WHERE key = $1 AND seq = 1', [stored.key, randomBytes(10)]);
    await expect(store.get(stored.key)).rejects.toThrow('upload bytes do not match their record');
    await database.raw.query('DELETE FROM upload_blob_chunks WHERE key = $1 AND seq = 0', [stored.key]);
    await expect(store.get(stored.key)).rejects.toThrow('upload chunk missing');
  });
});
