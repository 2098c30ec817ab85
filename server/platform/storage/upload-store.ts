import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface StoredUpload {
  /** Opaque key: never derived from the uploader's file name. */
  key: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Where copies of exchanges (uploads, forwarded originals) are kept, outside the web root. The local
 * implementation writes files under one directory — a volume shared by every instance in production;
 * an object store would implement the same three calls.
 */
export interface UploadStore {
  put(bytes: Uint8Array): Promise<StoredUpload>;
  /** Throws when the key is unknown. */
  get(key: string): Promise<Uint8Array>;
  /** Removes bytes whose row was never committed; missing keys are ignored. */
  remove(key: string): Promise<void>;
}

const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export function createLocalUploadStore(directory: string): UploadStore {
  const root = path.resolve(directory);
  const fileOf = (key: string) => {
    // Keys come from our own rows, but a key is still never allowed to climb out of the root.
    if (!KEY_PATTERN.test(key)) throw new Error('invalid upload key');
    return path.join(root, key);
  };
  return {
    async put(bytes) {
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
      return { key, sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.byteLength };
    },
    async get(key) {
      return new Uint8Array(await readFile(fileOf(key)));
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
