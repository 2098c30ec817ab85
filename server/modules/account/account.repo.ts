import { and, count, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { recoveryCodes, sessions, users } from '../../platform/db/schema.js';

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

export async function replaceRecoveryCodes(db: Executor, userId: string, codeHashes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (codeHashes.length) await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

export async function setPendingTotpSecret(db: Executor, userId: string, sealed: string | null): Promise<void> {
  await db.update(users).set({ totpPendingSecretSealed: sealed, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function enableTotp(db: Executor, userId: string, sealedSecret: string, step: number): Promise<void> {
  await db
    .update(users)
    .set({ totpSecretSealed: sealedSecret, totpPendingSecretSealed: null, totpEnabledAt: new Date(), totpLastUsedStep: step, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

export async function disableTotp(db: Executor, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ totpSecretSealed: null, totpPendingSecretSealed: null, totpEnabledAt: null, totpLastUsedStep: null, updatedAt: new Date() })
    .where(eq(users.id, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** The session passes its second factor: it is the account's login, as at any other second-factor check. */
export async function activateSession(db: Executor, sessionId: string, userId: string): Promise<void> {
  const now = new Date();
  await db.update(sessions).set({ state: 'active', secondFactorAt: now }).where(eq(sessions.id, sessionId));
  await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
}
