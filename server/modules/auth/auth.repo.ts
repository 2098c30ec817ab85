import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { accountTokens, knownDevices, loginThrottles, recoveryCodes, users, type AccountTokenPurpose } from '../../platform/db/schema.js';

export async function findUserByEmail(db: Executor, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return user ?? null;
}

export async function findUserById(db: Executor, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}

export async function findThrottle(db: Executor, key: string) {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key)).limit(1);
  return row ?? null;
}

/** Counts one more failure and returns the new count. */
export async function recordThrottleFailure(db: Executor, key: string, lockedUntil: (failures: number) => Date | null) {
  const [row] = await db
    .insert(loginThrottles)
    .values({ key, failures: 1, updatedAt: new Date() })
    .onConflictDoUpdate({ target: loginThrottles.key, set: { failures: sql`${loginThrottles.failures} + 1`, updatedAt: new Date() } })
    .returning();
  const failures = row?.failures ?? 1;
  const until = lockedUntil(failures);
  if (until) await db.update(loginThrottles).set({ lockedUntil: until }).where(eq(loginThrottles.key, key));
  return failures;
}

export async function clearThrottle(db: Executor, key: string) {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

export async function purgeStaleThrottles(db: Executor, olderThan: Date) {
  await db.delete(loginThrottles).where(lt(loginThrottles.updatedAt, olderThan));
}

/** Advances the last used TOTP step; false when the step was already used (a replayed code). */
export async function claimTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastUsedStep: step })
    .where(and(eq(users.id, userId), sql`(${users.totpLastUsedStep} IS NULL OR ${users.totpLastUsedStep} < ${step})`))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Marks a recovery code used; false when no unused code matches. */
export async function consumeRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

export async function createAccountToken(
  db: Executor,
  values: { userId: string; purpose: AccountTokenPurpose; tokenHash: string; expiresAt: Date },
) {
  // A new link voids the older ones of the same kind.
  await db
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.userId, values.userId), eq(accountTokens.purpose, values.purpose), isNull(accountTokens.usedAt)));
  await db.insert(accountTokens).values(values);
}

/**
 * One password-reset request in a fixed shape of three statements whatever the account: lock the
 * account row, insert the new link only if the account is active and has had fewer than `perHour` links
 * in the last hour, then void its older links only if one was inserted. For an unknown address the
 * caller passes a fresh random id, which matches nothing: the same statements run and write nothing, so
 * the time taken does not tell whether the account exists. Returns whether a link was created.
 */
export async function createPasswordResetTokenIfAllowed(
  tx: Executor,
  values: { userId: string; tokenHash: string; expiresAt: Date; perHour: number },
): Promise<boolean> {
  const { userId, tokenHash, expiresAt, perHour } = values;
  // Two concurrent requests for one account queue here, so the hourly count below cannot be overrun.
  await tx.execute(sql`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`);
  const inserted = await rows<{ id: string }>(tx, sql`
    INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at)
    SELECT u.id, 'password_reset', ${tokenHash}, ${expiresAt.toISOString()}::timestamptz FROM users u
    WHERE u.id = ${userId} AND u.status = 'active'
      AND (SELECT count(*) FROM account_tokens t
           WHERE t.user_id = u.id AND t.purpose = 'password_reset' AND t.created_at > now() - interval '1 hour') < ${perHour}
    RETURNING id`);
  const newId = inserted[0]?.id ?? null;
  // A new link voids the older ones; a refused request leaves the owner's current link alone.
  await tx.execute(sql`
    UPDATE account_tokens SET used_at = now()
    WHERE user_id = ${userId} AND purpose = 'password_reset' AND used_at IS NULL
      AND ${newId}::uuid IS NOT NULL AND id <> ${newId}::uuid`);
  return newId !== null;
}

/** Consumes a valid token atomically: two concurrent uses cannot both succeed. */
export async function consumeAccountToken(db: Executor, tokenHash: string) {
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.tokenHash, tokenHash), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date())))
    .returning();
  return row ?? null;
}

export async function findValidAccountToken(db: Executor, tokenHash: string) {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, tokenHash), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

/** Records the device; true when it was not known for this account. */
export async function rememberDevice(db: Executor, userId: string, deviceHash: string): Promise<boolean> {
  const inserted = await db
    .insert(knownDevices)
    .values({ userId, deviceHash })
    .onConflictDoUpdate({ target: [knownDevices.userId, knownDevices.deviceHash], set: { lastSeenAt: new Date() } })
    // xmax is 0 for a freshly inserted row, non-zero when the conflict branch updated it.
    .returning({ isNew: sql<boolean>`(xmax = 0)` });
  return inserted[0]?.isNew === true;
}

export async function setLastLogin(db: Executor, userId: string) {
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
}

export async function setPasswordHash(db: Executor, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}
