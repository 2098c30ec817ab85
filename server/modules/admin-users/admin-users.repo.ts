import { and, count, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { auditLog, users, type UserRow } from '../../platform/db/schema.js';
import type { TUserListQuery } from '../../../contracts/admin-users.schemas.js';

export const PAGE_SIZE = 25;

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
    db.select().from(users).where(where).orderBy(users.displayName, users.id).limit(PAGE_SIZE).offset((query.page - 1) * PAGE_SIZE),
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

export async function listAuditEntries(db: Executor, beforeId: number | undefined, action: string | undefined, limit: number) {
  const filters: SQL[] = [];
  if (beforeId) filters.push(lt(auditLog.id, beforeId));
  if (action) filters.push(eq(auditLog.action, action));
  return db
    .select()
    .from(auditLog)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
