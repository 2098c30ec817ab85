import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { campaigns, reportAttachments, reportNotes, reportQueueCounts, reports, type ReportRow, type ReportStatus, type ReportChannel, type ReportVerdict } from '../../platform/db/schema-reports.js';

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

/**
 * One page of the queue, newest first. The page's ids are chosen first (a deferred join): the rows
 * skipped by the offset and the filters are read from an index that holds the filtered columns
 * (migration 0022), and only the page's own rows are read from the table and joined.
 */
export async function findQueuePage(db: Executor, where: SQL[], offset: number, limit: number) {
  const page = db
    .select({ pageId: reports.id })
    .from(reports)
    .where(and(...where))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(limit)
    .offset(offset)
    .as('page');
  return db
    .select(queueColumns)
    .from(page)
    .innerJoin(reports, eq(reports.id, page.pageId))
    .leftJoin(assignee, eq(assignee.id, reports.assignedTo))
    .leftJoin(campaigns, eq(campaigns.id, reports.campaignId))
    .orderBy(desc(reports.createdAt), desc(reports.id));
}
export type QueueRow = Awaited<ReturnType<typeof findQueuePage>>[number];

/**
 * How many reports the filters match. Narrowed by status, département and assignee only (the queue's
 * default view and its usual filters), the sum is read from report_queue_counts, kept exact by trigger
 * (migration 0022), instead of counting up to every report; any other filter counts the rows it keeps.
 */
export async function countQueue(db: Executor, filters: QueueFilters, where: SQL[]): Promise<number> {
  const { departement, statuses, assignedTo, ...others } = filters;
  if (Object.values(others).every((v) => v === undefined)) {
    const scope: SQL[] = [inArray(reportQueueCounts.status, [...statuses])];
    if (departement === null) scope.push(isNull(reportQueueCounts.departement));
    else if (departement !== undefined) scope.push(eq(reportQueueCounts.departement, departement));
    if (assignedTo === null) scope.push(isNull(reportQueueCounts.assignedTo));
    else if (assignedTo !== undefined) scope.push(eq(reportQueueCounts.assignedTo, assignedTo));
    const [row] = await db.select({ n: sql<number>`coalesce(sum(${reportQueueCounts.n}), 0)::int` }).from(reportQueueCounts).where(and(...scope));
    return Number(row?.n ?? 0);
  }
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
