import { and, eq, lt, ne } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { sessions, users, type SessionRow, type SessionRowState, type UserRow } from '../db/schema.js';
import { randomToken, sha256Hex } from '../crypto/tokens.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface LoadedSession {
  session: SessionRow;
  user: UserRow;
}

/**
 * Creates a server-side session and returns the cookie token; only its SHA-256 is stored. Throws
 * nothing: callers decide the state (second factor pending, enrolment pending, active).
 */
export async function createSession(
  tx: Executor,
  userId: string,
  state: SessionRowState,
  policy: SessionPolicy,
  secondFactorAt: Date | null = null,
): Promise<{ token: string; session: SessionRow }> {
  const token = randomToken(32);
  const [session] = await tx
    .insert(sessions)
    .values({
      id: sha256Hex(token),
      userId,
      state,
      csrfToken: randomToken(24),
      secondFactorAt,
      expiresAt: new Date(Date.now() + policy.absoluteHours * 3_600_000),
    })
    .returning();
  return { token, session: session! };
}

/** The session behind a cookie token, if it is still valid and its account active; else null. */
export async function loadSession(db: Db, token: string, policy: SessionPolicy): Promise<LoadedSession | null> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sha256Hex(token)))
    .limit(1);
  if (!row) return null;
  const now = Date.now();
  const idleLimit = row.session.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  if (row.session.expiresAt.getTime() <= now || idleLimit <= now || row.user.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.id, row.session.id));
    return null;
  }
  // Sliding idle timeout, written at most once a minute to keep reads cheap.
  if (now - row.session.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, row.session.id));
  }
  return row;
}

export async function deleteSession(tx: Executor, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of an account (password reset, account disabled), optionally but one. */
export async function revokeUserSessions(tx: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

