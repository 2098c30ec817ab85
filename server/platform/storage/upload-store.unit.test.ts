import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeUploadStoreContract } from './upload-store.contract.js';
import { createLocalUploadStore } from './upload-store.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describeUploadStoreContract('local folder', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-store-contract-'));
  return {
    store: createLocalUploadStore(dir),
    keyPattern: /^[0-9a-f]{2}\/[0-9a-f-]{36}$/,
    unknownKey: `00/${randomUUID()}`,
    contents: async () => filesUnder(dir),
    storedBytes: async () => filesUnder(dir).reduce((sum, f) => sum + statSync(f).size, 0),
    maxInFlightBytes: 2 * 1024 * 1024,
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('local upload store', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const store = createLocalUploadStore(dir);

  it('stores bytes under a random key with their SHA-256, owner-only, and reads them back', async () => {
    const bytes = new TextEncoder().encode('copie des échanges');
    const stored = await store.put(bytes);
    expect(stored.key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stored.sizeBytes).toBe(bytes.byteLength);
    expect(Buffer.from(await store.get(stored.key)).toString()).toBe('copie des échanges');
    expect(statSync(path.join(dir, stored.key)).mode & 0o777).toBe(0o600);
    const again = await store.put(bytes);
    expect(again.key).not.toBe(stored.key);
  });

  it('removes bytes, ignores a missing key, and refuses keys that climb out of the root', async () => {
    const stored = await store.put(new Uint8Array([1, 2, 3]));
    await store.remove(stored.key);
    await store.remove(stored.key);
    await expect(store.get(stored.key)).rejects.toThrow();
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/invalid upload key/);
    await expect(store.remove('ab/../../x')).rejects.toThrow(/invalid upload key/);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((f) => f.name)).not.toContain(path.basename(stored.key));
  });
});
