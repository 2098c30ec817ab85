import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { reports, watchlists, type WatchlistKind } from '../../platform/db/schema-reports.js';

export async function listWatches(db: Executor, userId: string) {
  return db.select().from(watchlists).where(eq(watchlists.userId, userId)).orderBy(asc(watchlists.kind), asc(watchlists.createdAt));
}

export async function countWatches(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(watchlists).where(eq(watchlists.userId, userId));
  return Number(row?.n ?? 0);
}

/** Null when the agent already follows this value. */
export async function insertWatch(db: Executor, userId: string, kind: WatchlistKind, value: string) {
  const [row] = await db.insert(watchlists).values({ userId, kind, value }).onConflictDoNothing().returning();
  return row ?? null;
}

export async function deleteOwnWatch(db: Executor, userId: string, id: string) {
  const [row] = await db.delete(watchlists).where(and(eq(watchlists.id, id), eq(watchlists.userId, userId))).returning();
  return row ?? null;
}

export async function findReportForMatch(db: Executor, reportId: string) {
  const [row] = await db
    .select({
      id: reports.id,
      receiptNumber: reports.receiptNumber,
      status: reports.status,
      channel: reports.channel,
      departement: reports.departement,
      scamFamily: reports.scamFamily,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .where(eq(reports.id, reportId));
  return row ?? null;
}

export async function reportIndicatorValues(db: Executor, reportId: string) {
  return rows<{ kind: string; value: string }>(
    db,
    sql`SELECT kind, value FROM report_indicators WHERE report_id = ${reportId} AND kind IN ('phone', 'domain', 'url', 'email')`,
  );
}

export interface WatchMatch {
  user_id: string;
  email: string;
  role: string;
  kind: WatchlistKind;
  value: string;
}

/**
 * Active accounts following one of the (kind, value) pairs whose scope includes the département: national
 * accounts, or accounts of that département. A report without département reaches national accounts only.
 */
export async function findWatchMatches(db: Executor, pairs: readonly { kind: WatchlistKind; value: string }[], departement: string | null): Promise<WatchMatch[]> {
  if (pairs.length === 0) return [];
  return rows<WatchMatch>(
    db,
    sql`
      SELECT w.user_id, u.email, u.role, w.kind, w.value
      FROM watchlists w
      JOIN users u ON u.id = w.user_id
      WHERE (w.kind, w.value) IN (${sql.join(pairs.map((p) => sql`(${p.kind}::text, ${p.value}::text)`), sql`, `)})
        AND u.status = 'active'
        AND (u.departement IS NULL OR u.departement = ${departement})
      ORDER BY w.user_id, w.kind, w.value`,
  );
}

/** Agents already told about this report (one audit entry per agent and report). */
export async function notifiedUserIds(db: Executor, reportId: string): Promise<Set<string>> {
  const found = await rows<{ user_id: string }>(
    db,
    sql`
      SELECT details->>'userId' AS user_id FROM audit_log
      WHERE entity_type = 'report' AND entity_id = ${reportId} AND action = 'watchlists.match.notified'`,
  );
  return new Set(found.map((r) => r.user_id));
}

/** Serialises the notification of one report across workers and instances, until the transaction ends. */
export async function lockReportNotification(db: Executor, reportId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`watchlists:${reportId}`}))`);
}
