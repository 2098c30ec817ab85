import { and, count, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { reportAttachments, reports, type ReportRow } from '../../platform/db/schema-reports.js';

export type NewReportRow = typeof reports.$inferInsert;
export type NewAttachmentRow = typeof reportAttachments.$inferInsert;

export async function insertReport(tx: Executor, values: NewReportRow): Promise<ReportRow> {
  const [row] = await tx.insert(reports).values(values).returning();
  return row!;
}

export async function insertAttachments(tx: Executor, rows: NewAttachmentRow[]): Promise<void> {
  if (rows.length > 0) await tx.insert(reportAttachments).values(rows);
}

/** The report waiting for this confirmation token, still within its validity, locked for the update. */
export async function findPendingConfirmation(tx: Executor, tokenHash: string): Promise<ReportRow | null> {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.confirmationTokenHash, tokenHash), eq(reports.status, 'en_attente_confirmation'), gt(reports.confirmationExpiresAt, new Date())))
    .for('update');
  return row ?? null;
}

export async function markConfirmed(tx: Executor, reportId: string, followTokenHash: string): Promise<ReportRow | null> {
  const [row] = await tx
    .update(reports)
    .set({
      status: 'nouveau',
      confirmedAt: new Date(),
      confirmationTokenHash: null,
      confirmationExpiresAt: null,
      followTokenHash,
      updatedAt: new Date(),
      version: sql`${reports.version} + 1`,
    })
    .where(and(eq(reports.id, reportId), eq(reports.status, 'en_attente_confirmation')))
    .returning();
  return row ?? null;
}

export async function findById(db: Executor, id: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  return row ?? null;
}

export async function findByReceipt(db: Executor, receiptNumber: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(reports).where(eq(reports.receiptNumber, receiptNumber));
  return row ?? null;
}

/** The files of one report, as its reporter may see them listed (names, types, sizes). */
export async function listAttachmentsOf(db: Executor, reportId: string) {
  return db
    .select({ fileName: reportAttachments.fileName, mediaType: reportAttachments.mediaType, sizeBytes: reportAttachments.sizeBytes })
    .from(reportAttachments)
    .where(eq(reportAttachments.reportId, reportId))
    .orderBy(reportAttachments.createdAt);
}

export async function countAttachments(db: Executor, reportIds: readonly string[]): Promise<Map<string, number>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db
    .select({ reportId: reportAttachments.reportId, n: count() })
    .from(reportAttachments)
    .where(sql`${reportAttachments.reportId} IN ${reportIds}`)
    .groupBy(reportAttachments.reportId);
  return new Map(rows.map((r) => [r.reportId, Number(r.n)]));
}

export async function listByReporter(db: Executor, userId: string, limit: number, offset: number): Promise<{ rows: ReportRow[]; total: number }> {
  const rows = await db.select().from(reports).where(eq(reports.reporterUserId, userId)).orderBy(desc(reports.createdAt), desc(reports.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count() }).from(reports).where(eq(reports.reporterUserId, userId));
  return { rows, total: Number(total?.n ?? 0) };
}

/**
 * At most `limit` reports whose address was never confirmed within the delay, with the keys of all
 * their stored files. The limit counts reports, never file rows: a report cut off from some of its
 * files would be deleted with the rest left on disk, pointed to by nothing.
 */
export async function findExpiredUnconfirmed(db: Executor, limit: number): Promise<{ id: string; storageKeys: string[] }[]> {
  const expired = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.status, 'en_attente_confirmation'), lt(reports.confirmationExpiresAt, new Date())))
    .orderBy(reports.id)
    .limit(limit);
  if (expired.length === 0) return [];
  const byId = new Map<string, string[]>(expired.map((r) => [r.id, []]));
  const files = await db
    .select({ reportId: reportAttachments.reportId, storageKey: reportAttachments.storageKey })
    .from(reportAttachments)
    .where(inArray(reportAttachments.reportId, [...byId.keys()]));
  for (const f of files) byId.get(f.reportId)!.push(f.storageKey);
  return [...byId].map(([id, storageKeys]) => ({ id, storageKeys }));
}

/** Deletes those of `ids` still unconfirmed past their deadline; returns the ids deleted. */
export async function deleteUnconfirmed(tx: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const deleted = await tx
    .delete(reports)
    .where(and(inArray(reports.id, [...ids]), eq(reports.status, 'en_attente_confirmation'), lt(reports.confirmationExpiresAt, new Date())))
    .returning({ id: reports.id });
  return deleted.map((d) => d.id);
}
