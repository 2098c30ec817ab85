import { and, count, eq, ilike, max, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { accountTokens, users, type UserRow } from '../../platform/db/schema.js';
import type { TUserListQuery } from '../../../contracts/admin-users.schemas.js';

export const PAGE_SIZE = 25;

/** When the account's last invitation was emailed (null if never): one indexed look-up per listed row. */
// Written out: inside a subquery Drizzle would name `users.id` without its table, binding it to the token's id.
const lastInvitationAt = sql<Date | null>`(
  SELECT max(t.created_at) FROM account_tokens t WHERE t.user_id = "users"."id" AND t.purpose = 'invitation'
)`.mapWith(accountTokens.createdAt);

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Lists users matching the filters, restricted to `scopeDepartement` when the actor is departmental. */
export async function listUsers(db: Executor, query: TUserListQuery, scopeDepartement: string | null) {
  const filters: SQL[] = [];
  if (scopeDepartement !== null) filters.push(eq(users.departement, scopeDepartement));
  if (query.departement) filters.push(eq(users.departement, query.departement));
  if (query.role) filters.push(eq(users.role, query.role));
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    filters.push(or(ilike(users.email, pattern), ilike(users.displayName, pattern))!);
  }
  const where = filters.length ? and(...filters) : undefined;
  const [items, totals] = await Promise.all([
    db.select({ user: users, invitationSentAt: lastInvitationAt }).from(users).where(where).orderBy(users.displayName, users.id).limit(PAGE_SIZE).offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: Number(totals[0]?.n ?? 0) };
}

export async function insertUser(db: Executor, values: Pick<UserRow, 'email' | 'displayName' | 'role' | 'departement'>) {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(db: Executor, id: string, values: Partial<Pick<UserRow, 'displayName' | 'role' | 'departement' | 'status'>>) {
  const [row] = await db.update(users).set({ ...values, updatedAt: new Date() }).where(eq(users.id, id)).returning();
  return row!;
}

/** When the user's last invitation was emailed, or null. */
export async function findLastInvitationAt(db: Executor, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(accountTokens.createdAt) })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, 'invitation')));
  return row?.at ?? null;
}
