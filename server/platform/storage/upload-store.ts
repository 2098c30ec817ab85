import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredUpload {
  /** Opaque key: never derived from the uploader's file name. */
  key: string;
  sha256: string;
  sizeBytes: number;
}

/** Bytes already in memory (small, e.g. a forwarded email), or a stream read chunk by chunk. */
export type UploadSource = Uint8Array | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /** The store stops reading past this many bytes, removes what it wrote and throws UploadTooLargeError. */
  maxBytes?: number;
}

/** Thrown by `put` when the source goes past `maxBytes`; nothing of it is left in the store. */
export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`upload larger than ${limitBytes} bytes`);
  }
}

export type UploadStoreKind = 'local' | 'postgres' | 's3';

/**
 * Where copies of exchanges (uploads, forwarded originals) are kept, outside the web root. Bytes are
 * streamed in and out, so a large file never sits whole in memory on the way to the store. The local
 * implementation is for one instance; postgres and s3 are shared by every instance (docs/upload-storage.md).
 * Keys are opaque, carry their store's prefix, and are validated by every call ('invalid upload key').
 */
export interface UploadStore {
  readonly kind: UploadStoreKind;
  /**
   * Stores the source under a fresh random key and returns it with the bytes' SHA-256 and size. A
   * streamed source is written as it is read: an implementation never holds more than a few chunks of it
   * in memory (local: the write buffer; postgres: one 256 KiB chunk; s3: three 5 MiB parts). Throws
   * UploadTooLargeError past `maxBytes`, or the source's own error; either way nothing stays readable.
   */
  put(source: UploadSource, options?: PutOptions): Promise<StoredUpload>;
  /** The whole content (for files small enough to parse). Throws when the key is unknown. */
  get(key: string): Promise<Uint8Array>;
  /** The content as a stream (downloads, antivirus). Throws when the key is unknown. */
  open(key: string): Promise<Readable>;
  /** Removes bytes whose row was never committed; missing keys are ignored. */
  remove(key: string): Promise<void>;
}

/** Yields the source's chunks, hashing and counting them; throws UploadTooLargeError past maxBytes. */
export async function* meteredChunks(
  source: UploadSource,
  meter: { sha256: ReturnType<typeof createHash>; sizeBytes: number },
  maxBytes = Number.POSITIVE_INFINITY,
): AsyncGenerator<Uint8Array> {
  // for await also walks a plain array: a buffer is one chunk.
  const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = source instanceof Uint8Array ? [source] : source;
  for await (const chunk of chunks) {
    meter.sizeBytes += chunk.byteLength;
    if (meter.sizeBytes > maxBytes) throw new UploadTooLargeError(maxBytes);
    meter.sha256.update(chunk);
    yield chunk;
  }
}

export function newMeter() {
  return { sha256: createHash('sha256'), sizeBytes: 0 };
}

const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** Files under one directory: right for one instance (or a volume truly shared by all of them). */
export function createLocalUploadStore(directory: string): UploadStore {
  const root = path.resolve(directory);
  const fileOf = (key: string) => {
    // Keys come from our own rows, but a key is still never allowed to climb out of the root.
    if (!KEY_PATTERN.test(key)) throw new Error('invalid upload key');
    return path.join(root, key);
  };
  return {
    kind: 'local',
    async put(source, options = {}) {
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const meter = newMeter();
      // The file is opened before the first byte: a write stream opening it lazily could create it after a
      // failed upload's removal (a body cut short under load), leaving an orphan behind.
      const handle = await open(file, 'wx', 0o600);
      try {
        await pipeline(meteredChunks(source, meter, options.maxBytes), handle.createWriteStream());
      } catch (err) {
        await handle.close().catch(() => undefined);
        await rm(file, { force: true });
        throw err;
      }
      return { key, sha256: meter.sha256.digest('hex'), sizeBytes: meter.sizeBytes };
    },
    async get(key) {
      return new Uint8Array(await readFile(fileOf(key)));
    },
    async open(key) {
      const stream = createReadStream(fileOf(key));
      // Surface a missing file as a rejected promise, like get(), rather than a later stream error.
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      return stream;
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
