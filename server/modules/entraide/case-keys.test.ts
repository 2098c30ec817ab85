import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalKeyProvider } from '../../platform/crypto/key-provider.js';
import { entraideDataKeys } from '../../platform/db/schema-entraide.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { cdeScope, sealerFor } from './case-keys.js';

describe('entraide case keys (envelope encryption per scope)', () => {
  let t: TestDatabase;
  const keys = createLocalKeyProvider('m'.repeat(40));
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('seals a value that only the same scope opens, and stores the data key only wrapped', async () => {
    const paris = await sealerFor(t.database.db, keys, cdeScope('75'));
    const sealed = paris.seal('Dr Camille Martin, 06 12 34 56 78');
    expect(sealed).not.toContain('Martin');
    expect(paris.seal('Dr Camille Martin, 06 12 34 56 78')).not.toBe(sealed);
    // A second instance (a fresh sealer) reads the same stored key.
    expect((await sealerFor(t.database.db, keys, cdeScope('75'))).open(sealed)).toBe('Dr Camille Martin, 06 12 34 56 78');

    const lyon = await sealerFor(t.database.db, keys, cdeScope('69'));
    const cne = await sealerFor(t.database.db, keys, 'cne');
    expect(() => lyon.open(sealed)).toThrow();
    expect(() => cne.open(sealed)).toThrow();

    const rows = await t.database.db.select().from(entraideDataKeys);
    expect(rows.map((r) => r.scope).sort()).toEqual(['cde:69', 'cde:75', 'cne']);
    // What the table holds is a wrapped key: under another master key it opens nothing.
    const otherMaster = createLocalKeyProvider('x'.repeat(40));
    expect(() => otherMaster.open(rows[0]!.wrappedKey, `entraide:data-key:${rows[0]!.scope}`)).toThrow();
  });

  it('gives two sealers racing on a new scope one and the same key', async () => {
    const [a, b] = await Promise.all([sealerFor(t.database.db, keys, cdeScope('2A')), sealerFor(t.database.db, keys, cdeScope('2A'))]);
    expect(b.open(a.seal('x'))).toBe('x');
  });

  it('refuses an altered ciphertext', async () => {
    const s = await sealerFor(t.database.db, keys, cdeScope('13'));
    const parts = s.seal('confidentiel').split('.');
    parts[2] = Buffer.from('modifié').toString('base64url');
    expect(() => s.open(parts.join('.'))).toThrow();
  });
});
