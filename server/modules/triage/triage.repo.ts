import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { campaigns, reportAttachments, reportNotes, reports, type ReportRow, type ReportStatus, type ReportChannel, type ReportVerdict } from '../../platform/db/schema-reports.js';

/** What the queue is narrowed to, already decided by the service (scope included). */
export interface QueueFilters {
  /** A département, NO_DEPARTEMENT (`null` column), or undefined for every one (national accounts). */
  departement?: string | null;
  statuses: readonly ReportStatus[];
  channel?: ReportChannel;
  verdict?: ReportVerdict;
  /** Europe/Paris calendar days, both inclusive. */
  from?: string;
  to?: string;
  assignedTo?: string | null;
  campaignId?: string;
  receiptNumber?: string;
  /** Folded words (foldForSearch), 3 characters or more. */
  words?: readonly string[];
}

const assignee = alias(users, 'assignee');

export function queueConditions(filters: QueueFilters): SQL[] {
  const where: SQL[] = [inArray(reports.status, [...filters.statuses])];
  if (filters.departement === null) where.push(isNull(reports.departement));
  else if (filters.departement !== undefined) where.push(eq(reports.departement, filters.departement));
  if (filters.channel) where.push(eq(reports.channel, filters.channel));
  if (filters.verdict) where.push(eq(reports.verdict, filters.verdict));
  // Days as the council lives them, whatever the server's time zone.
  if (filters.from) where.push(gte(reports.createdAt, sql`(${filters.from}::date)::timestamp AT TIME ZONE 'Europe/Paris'`));
  if (filters.to) where.push(lt(reports.createdAt, sql`(${filters.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'`));
  if (filters.assignedTo === null) where.push(isNull(reports.assignedTo));
  else if (filters.assignedTo !== undefined) where.push(eq(reports.assignedTo, filters.assignedTo));
  if (filters.campaignId) where.push(eq(reports.campaignId, filters.campaignId));
  if (filters.receiptNumber) where.push(eq(reports.receiptNumber, filters.receiptNumber));
  // `word <% search_text`: the word resembles a part of the text (trigram word similarity, 0.6 by
  // default), so typos are forgiven; pg_trgm's GIN index on report_search_texts (migration 0011, kept
  // by trigger from reports.search_text) answers it.
  for (const word of filters.words ?? []) {
    where.push(sql`${reports.id} IN (SELECT report_id FROM report_search_texts WHERE ${word} <% search_text)`);
  }
  return where;
}

const EXCERPT_CHARS = 160;

/** Only what a queue line shows: no reporter, no copy of the exchanges. */
const queueColumns = {
  id: reports.id,
  receiptNumber: reports.receiptNumber,
  createdAt: reports.createdAt,
  source: reports.source,
  channel: reports.channel,
  verdict: reports.verdict,
  organisationName: reports.organisationName,
  departement: reports.departement,
  status: reports.status,
  assigneeId: reports.assignedTo,
  assigneeName: assignee.displayName,
  campaignId: reports.campaignId,
  campaignReference: campaigns.reference,
  excerpt: sql<string>`left(${reports.description}, ${EXCERPT_CHARS + 1})`,
};

export async function findQueuePage(db: Executor, where: SQL[], offset: number, limit: number) {
  return db
    .select(queueColumns)
    .from(reports)
    .leftJoin(assignee, eq(assignee.id, reports.assignedTo))
    .leftJoin(campaigns, eq(campaigns.id, reports.campaignId))
    .where(and(...where))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(limit)
    .offset(offset);
}
export type QueueRow = Awaited<ReturnType<typeof findQueuePage>>[number];

export async function countQueue(db: Executor, where: SQL[]): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(reports).where(and(...where));
  return Number(row?.n ?? 0);
}

export async function findReport(db: Executor, id: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(reports).where(eq(reports.id, id)).limit(1);
  return row ?? null;
}

export async function lockReport(tx: Executor, id: string): Promise<ReportRow | null> {
  const [row] = await tx.select().from(reports).where(eq(reports.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function findIdByReceipt(db: Executor, receiptNumber: string): Promise<string | null> {
  const [row] = await db.select({ id: reports.id }).from(reports).where(eq(reports.receiptNumber, receiptNumber)).limit(1);
  return row?.id ?? null;
}

/** Locks the rows in id order (the order concurrent lockers must share to avoid deadlocks). */
export async function lockReports(tx: Executor, ids: readonly string[]): Promise<ReportRow[]> {
  return tx.select().from(reports).where(inArray(reports.id, [...new Set(ids)])).orderBy(asc(reports.id)).for('update');
}

/** Every change of a report goes through here: its version moves on, so stale pages are refused. */
export async function updateReport(tx: Executor, id: string, values: Partial<Pick<ReportRow, 'status' | 'assignedTo' | 'mergedInto' | 'qualifiedAt' | 'closedAt'>>): Promise<ReportRow> {
  const [row] = await tx
    .update(reports)
    .set({ ...values, updatedAt: new Date(), version: sql`${reports.version} + 1` })
    .where(eq(reports.id, id))
    .returning();
  return row!;
}

/** Points the duplicates of `fromId` at `toId`, so a duplicate always points at a report that is not one. */
export async function repointDuplicates(tx: Executor, fromId: string, toId: string): Promise<string[]> {
  const rows = await tx
    .update(reports)
    .set({ mergedInto: toId, updatedAt: new Date(), version: sql`${reports.version} + 1` })
    .where(eq(reports.mergedInto, fromId))
    .returning({ id: reports.id });
  return rows.map((r) => r.id);
}

export async function findUsers(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, displayName: users.displayName, email: users.email, role: users.role, departement: users.departement, status: users.status }).from(users).where(inArray(users.id, [...new Set(ids)]));
}

export async function findCampaign(db: Executor, id: string) {
  const [row] = await db.select({ id: campaigns.id, reference: campaigns.reference, label: campaigns.label, status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id)).limit(1);
  return row ?? null;
}

export async function findReceiptNumber(db: Executor, id: string): Promise<string | null> {
  const [row] = await db.select({ receiptNumber: reports.receiptNumber }).from(reports).where(eq(reports.id, id)).limit(1);
  return row?.receiptNumber ?? null;
}

export async function listDuplicates(db: Executor, id: string) {
  return db
    .select({ id: reports.id, receiptNumber: reports.receiptNumber, channel: reports.channel, createdAt: reports.createdAt })
    .from(reports)
    .where(eq(reports.mergedInto, id))
    .orderBy(asc(reports.createdAt), asc(reports.id));
}

/** The files of the given reports, with the receipt number of the report holding each. */
export async function listAttachments(db: Executor, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return db
    .select({ attachment: reportAttachments, receiptNumber: reports.receiptNumber })
    .from(reportAttachments)
    .innerJoin(reports, eq(reports.id, reportAttachments.reportId))
    .where(inArray(reportAttachments.reportId, [...reportIds]))
    .orderBy(asc(reportAttachments.createdAt), asc(reportAttachments.id));
}

export async function findAttachment(db: Executor, reportId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(reportAttachments)
    .where(and(eq(reportAttachments.id, attachmentId), eq(reportAttachments.reportId, reportId)))
    .limit(1);
  return row ?? null;
}

export async function listNotes(db: Executor, reportId: string) {
  return db
    .select({ id: reportNotes.id, body: reportNotes.body, createdAt: reportNotes.createdAt, authorId: reportNotes.authorId, authorName: users.displayName })
    .from(reportNotes)
    .innerJoin(users, eq(users.id, reportNotes.authorId))
    .where(eq(reportNotes.reportId, reportId))
    .orderBy(asc(reportNotes.createdAt), asc(reportNotes.id));
}

export async function insertNote(tx: Executor, values: { reportId: string; authorId: string; body: string }) {
  const [row] = await tx.insert(reportNotes).values(values).returning();
  return row!;
}

/**
 * Active accounts of the given roles who see the département: its own staff, plus national staff
 * when `withNational`.
 */
export async function listStaffSeeing(db: Executor, roles: readonly string[], departement: string | null, withNational: boolean) {
  const scope = departement === null ? isNull(users.departement) : withNational ? or(eq(users.departement, departement), isNull(users.departement))! : eq(users.departement, departement);
  return db
    .select({ id: users.id, displayName: users.displayName, departement: users.departement })
    .from(users)
    .where(and(inArray(users.role, [...roles] as never[]), eq(users.status, 'active'), scope))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(500);
}
