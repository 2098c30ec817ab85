import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { KeyProvider } from '../../platform/crypto/key-provider.js';
import type { Executor } from '../../platform/db/client.js';
import { entraideDataKeys } from '../../platform/db/schema-entraide.js';

// Envelope encryption of entraide cases (docs/entraide.md). Each scope — one département's CDE, or the
// CNE — has its own 256-bit data key, created on first use and stored only wrapped by the key provider's
// master key (VIGIE_SECRET today, a KMS behind the same KeyProvider interface in production). A database
// dump therefore holds ciphertexts and wrapped keys, never a key: nothing in it can be opened without the
// master key, which never enters the database. A value sealed for one scope does not open under another
// (the scope is the authenticated data of AES-GCM), so a case moved to the CNE is sealed anew for it.

/** 'cde:75', 'cde:2A', 'cne'. */
export type CaseScope = `cde:${string}` | 'cne';

export function cdeScope(departement: string): CaseScope {
  return `cde:${departement}`;
}

/** Seals and opens the values of one scope. */
export interface ScopeSealer {
  readonly scope: CaseScope;
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const FORMAT = 'd1';
const wrapPurpose = (scope: CaseScope) => `entraide:data-key:${scope}`;

/**
 * The sealer of `scope`, creating and storing its wrapped data key the first time (two instances
 * racing both read back the one that won). Runs inside the caller's transaction when given one.
 */
export async function sealerFor(db: Executor, keys: KeyProvider, scope: CaseScope): Promise<ScopeSealer> {
  const key = await dataKey(db, keys, scope);
  return {
    scope,
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(scope));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [FORMAT, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const [format, iv, body, tag] = sealed.split('.');
      if (format !== FORMAT || !iv || body === undefined || !tag) throw new Error('unknown sealed case value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(scope));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

async function dataKey(db: Executor, keys: KeyProvider, scope: CaseScope): Promise<Buffer> {
  const stored = await readWrapped(db, scope);
  if (stored) return Buffer.from(keys.open(stored, wrapPurpose(scope)), 'base64');
  const wrapped = keys.seal(randomBytes(32).toString('base64'), wrapPurpose(scope));
  await db.insert(entraideDataKeys).values({ scope, wrappedKey: wrapped }).onConflictDoNothing();
  const winner = await readWrapped(db, scope);
  if (!winner) throw new Error(`entraide data key for ${scope} could not be stored`);
  return Buffer.from(keys.open(winner, wrapPurpose(scope)), 'base64');
}

async function readWrapped(db: Executor, scope: CaseScope): Promise<string | null> {
  const [row] = await db.select({ wrappedKey: entraideDataKeys.wrappedKey }).from(entraideDataKeys).where(eq(entraideDataKeys.scope, scope));
  return row?.wrappedKey ?? null;
}
