import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadTooLargeError, type UploadStore } from './upload-store.js';

const MiB = 1024 * 1024;

/** What the contract needs to know about one implementation under test. */
export interface StoreUnderTest {
  store: UploadStore;
  /** The shape of the keys this store hands out. */
  keyPattern: RegExp;
  /** A well-formed key this store never handed out. */
  unknownKey: string;
  /** Everything the store holds (files, rows, objects): compared before and after a refused put. */
  contents(): Promise<string[]>;
  /** Bytes the store holds right now, written or being written; undefined when it cannot be seen. */
  storedBytes?: () => Promise<number>;
  /** How far the store may read ahead of what it has written (its memory bound for one put). */
  maxInFlightBytes: number;
  close(): Promise<void>;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function hashStream(stream: Readable): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Uint8Array);
    sizeBytes += (chunk as Uint8Array).byteLength;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** An async source of random bytes in 64 KiB chunks, hashed as it goes, that can look at the store mid-way. */
function randomSource(totalBytes: number, onProgress?: (yielded: number) => Promise<void>) {
  const hash = createHash('sha256');
  const state = { sha256: '', yielded: 0 };
  async function* generate(): AsyncGenerator<Uint8Array> {
    while (state.yielded < totalBytes) {
      const chunk = randomBytes(Math.min(64 * 1024, totalBytes - state.yielded));
      hash.update(chunk);
      state.yielded += chunk.byteLength;
      yield chunk;
      if (onProgress) await onProgress(state.yielded);
    }
    state.sha256 = hash.digest('hex');
  }
  return { source: generate(), state };
}

/**
 * The one contract every UploadStore keeps (local folder, PostgreSQL on PGlite and on a server, S3):
 * round trip with SHA-256 and size, large files streamed without being held whole, the size limit
 * leaving nothing behind, idempotent removal, unknown and hostile keys refused.
 */
export function describeUploadStoreContract(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`upload store contract: ${name}`, () => {
    let s: StoreUnderTest;
    beforeAll(async () => {
      s = await setup();
    });
    afterAll(() => s?.close());

    it('gives back the same bytes, by get and by open, with their SHA-256 and size, under a fresh opaque key', async () => {
      const bytes = new TextEncoder().encode('copie des échanges — SMS reçu le 3 mars');
      const stored = await s.store.put(bytes);
      expect(stored.key).toMatch(s.keyPattern);
      expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(stored.sizeBytes).toBe(bytes.byteLength);
      expect(Buffer.from(await s.store.get(stored.key)).equals(Buffer.from(bytes))).toBe(true);
      expect((await readAll(await s.store.open(stored.key))).equals(Buffer.from(bytes))).toBe(true);
      expect((await s.store.put(bytes)).key).not.toBe(stored.key);

      const empty = await s.store.put(new Uint8Array(0));
      expect(empty).toMatchObject({ sizeBytes: 0, sha256: createHash('sha256').digest('hex') });
      expect((await s.store.get(empty.key)).byteLength).toBe(0);
    });

    it('streams a 30 MB source chunk by chunk, writing as it reads, and streams it back', async () => {
      const total = 30 * MiB;
      const baseline = (await s.storedBytes?.()) ?? 0;
      let worstLag = 0;
      const { source, state } = randomSource(total, async (yielded) => {
        if (!s.storedBytes || yielded % (2 * MiB) !== 0) return;
        // Bytes handed to the store but not yet written anywhere: what it holds in memory.
        worstLag = Math.max(worstLag, yielded - ((await s.storedBytes()) - baseline));
      });
      const stored = await s.store.put(source, { maxBytes: 50 * MiB });
      expect(stored.sizeBytes).toBe(total);
      expect(stored.sha256).toBe(state.sha256);
      expect(worstLag).toBeLessThanOrEqual(s.maxInFlightBytes);
      expect(await hashStream(await s.store.open(stored.key))).toEqual({ sha256: state.sha256, sizeBytes: total });
      await s.store.remove(stored.key);
    }, 120_000);

    it('refuses a source past maxBytes, leaving nothing behind; a source of exactly maxBytes passes', async () => {
      const before = await s.contents();
      const tooBig = randomSource(7 * MiB);
      const refused = s.store.put(tooBig.source, { maxBytes: 6 * MiB });
      await expect(refused).rejects.toBeInstanceOf(UploadTooLargeError);
      await expect(refused).rejects.toMatchObject({ limitBytes: 6 * MiB });
      // The store stopped reading soon after the limit rather than draining the whole source.
      expect(tooBig.state.yielded).toBeLessThan(7 * MiB);
      await expect(s.store.put(new Uint8Array(2000), { maxBytes: 1999 })).rejects.toBeInstanceOf(UploadTooLargeError);
      expect(await s.contents()).toEqual(before);

      const exact = await s.store.put(randomSource(300_000).source, { maxBytes: 300_000 });
      expect(exact.sizeBytes).toBe(300_000);
      await s.store.remove(exact.key);
    });

    it('leaves nothing behind when the source fails mid-way (the uploader went away)', async () => {
      const before = await s.contents();
      // Before and after the first 5 MiB (where S3 switches to a multipart upload).
      for (const bytesBeforeFailure of [600_000, 6 * MiB]) {
        const { source } = randomSource(bytesBeforeFailure);
        const broken = (async function* () {
          yield* source;
          throw new Error('connexion interrompue');
        })();
        await expect(s.store.put(broken, { maxBytes: 50 * MiB })).rejects.toThrow('connexion interrompue');
      }
      expect(await s.contents()).toEqual(before);
    });

    it('leaves nothing behind, even a moment later, when the source fails before its first byte', async () => {
      const before = await s.contents();
      for (let i = 0; i < 20; i += 1) {
        const broken: AsyncIterable<Uint8Array> = {
          [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('corps tronqué')) }),
        };
        await expect(s.store.put(broken, { maxBytes: MiB })).rejects.toThrow('corps tronqué');
      }
      // A store that opened its file lazily created it after the failed put had cleaned up.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await s.contents()).toEqual(before);
    });

    it('removes idempotently, after which the key is unknown to get and open', async () => {
      const stored = await s.store.put(new Uint8Array([1, 2, 3]));
      await s.store.remove(stored.key);
      await s.store.remove(stored.key);
      await s.store.remove(s.unknownKey);
      await expect(s.store.get(stored.key)).rejects.toThrow();
      await expect(s.store.open(stored.key)).rejects.toThrow();
      await expect(s.store.get(s.unknownKey)).rejects.toThrow();
      await expect(s.store.open(s.unknownKey)).rejects.toThrow();
    });

    it('refuses hostile or foreign keys on every call', async () => {
      const uuid = randomUUID();
      const hostile = ['../../etc/passwd', 'ab/../../x', '', ' ', `${uuid.slice(0, 2)}/${uuid}/../..`, `pg/${uuid}'; DROP TABLE upload_blobs; --`, `s3/../${uuid}`, `pg/${uuid.toUpperCase()}`, `/${uuid}`];
      // Each store also refuses the other stores' keys (a key written before a switch of store).
      const foreign = [`${uuid.slice(0, 2)}/${uuid}`, `pg/${uuid}`, `s3/${uuid}`].filter((k) => !s.keyPattern.test(k));
      for (const key of [...hostile, ...foreign]) {
        await expect(s.store.get(key), key).rejects.toThrow(/invalid upload key/);
        await expect(s.store.open(key), key).rejects.toThrow(/invalid upload key/);
        await expect(s.store.remove(key), key).rejects.toThrow(/invalid upload key/);
      }
    });
  });
}
