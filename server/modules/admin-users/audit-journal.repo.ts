import { and, desc, eq, ilike, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { TAuditFilters } from '../../../contracts/audit.js';
import type { Executor } from '../../platform/db/client.js';
import { auditLog, users } from '../../platform/db/schema.js';
import { campaigns, reports } from '../../platform/db/schema-reports.js';
import { alerts } from '../../platform/db/schema-alerts.js';
import { entraideCases } from '../../platform/db/schema-entraide.js';

export type AuditRow = typeof auditLog.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids per IN list: far below PostgreSQL's 65,535 parameters, even for a 50,000-row export. */
const CHUNK = 5_000;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause of the filters. Days are Paris days (the database converts, summer time included). */
function whereOf(filters: TAuditFilters, beforeId?: number): SQL | undefined {
  const where: SQL[] = [];
  if (beforeId) where.push(lt(auditLog.id, beforeId));
  if (filters.actor) {
    if (UUID.test(filters.actor)) where.push(eq(auditLog.actorId, filters.actor));
    else {
      const pattern = `%${escapeLike(filters.actor)}%`;
      const named = or(ilike(users.displayName, pattern), ilike(users.email, pattern));
      where.push(inArray(auditLog.actorId, sql`(SELECT ${users.id} FROM ${users} WHERE ${named})`));
    }
  }
  if (filters.entityType) where.push(eq(auditLog.entityType, filters.entityType));
  if (filters.entityId) where.push(eq(auditLog.entityId, filters.entityId));
  if (filters.action) {
    where.push(filters.action.endsWith('.') ? like(auditLog.action, `${escapeLike(filters.action)}%`) : eq(auditLog.action, filters.action));
  }
  if (filters.from) where.push(sql`${auditLog.occurredAt} >= (${filters.from}::date::timestamp AT TIME ZONE 'Europe/Paris')`);
  if (filters.to) where.push(sql`${auditLog.occurredAt} < ((${filters.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`);
  return where.length ? and(...where) : undefined;
}

/** Newest first, by id (a new entry never shifts a page). */
export async function listEntries(db: Executor, filters: TAuditFilters, beforeId: number | undefined, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(whereOf(filters, beforeId)).orderBy(desc(auditLog.id)).limit(limit);
}

/** How many entries match, counted no further than `cap` (the cost stays bounded on a large journal). */
export async function countEntries(db: Executor, filters: TAuditFilters, cap: number): Promise<number> {
  const capped = db.select({ one: sql`1` }).from(auditLog).where(whereOf(filters)).limit(cap).as('capped');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return Number(row?.n ?? 0);
}

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

async function labelsOf(ids: Iterable<string>, read: (ids: string[]) => Promise<{ id: string; label: string }[]>): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter((id) => UUID.test(id));
  const map = new Map<string, string>();
  for (const part of chunks(valid)) for (const row of await read(part)) map.set(row.id, row.label);
  return map;
}

export interface ResolvedNames {
  /** Account id → display name (actors, and entries about an account). */
  users: Map<string, string>;
  /** `${entityType}:${entityId}` → what a person recognises it by. */
  entities: Map<string, string>;
}

/**
 * The names of a set of entries, one query per kind of thing (never one per entry). Only what is not
 * confidential: an entraide case is named by its pseudonym, never by the person it helps.
 */
export async function resolveNames(db: Executor, rows: readonly AuditRow[]): Promise<ResolvedNames> {
  const ids = (type: string) => rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId!);
  const userIds = [...rows.flatMap((r) => (r.actorId ? [r.actorId] : [])), ...ids('user')];
  const [userNames, reportLabels, campaignLabels, alertLabels, caseLabels] = await Promise.all([
    labelsOf(userIds, (part) => db.select({ id: users.id, label: users.displayName }).from(users).where(inArray(users.id, part))),
    labelsOf(ids('report'), (part) => db.select({ id: reports.id, label: reports.receiptNumber }).from(reports).where(inArray(reports.id, part))),
    labelsOf(ids('campaign'), (part) =>
      db.select({ id: campaigns.id, label: sql<string>`${campaigns.reference} || ' — ' || ${campaigns.label}` }).from(campaigns).where(inArray(campaigns.id, part)),
    ),
    labelsOf(ids('alert'), (part) => db.select({ id: alerts.id, label: alerts.title }).from(alerts).where(inArray(alerts.id, part))),
    labelsOf(ids('entraide_case'), (part) =>
      db.select({ id: entraideCases.id, label: sql<string>`'Dossier ' || ${entraideCases.reference}` }).from(entraideCases).where(inArray(entraideCases.id, part)),
    ),
  ]);
  const entities = new Map<string, string>();
  const add = (type: string, labels: Map<string, string>) => {
    for (const [id, label] of labels) entities.set(`${type}:${id}`, label);
  };
  add('user', userNames);
  add('report', reportLabels);
  add('campaign', campaignLabels);
  add('alert', alertLabels);
  add('entraide_case', caseLabels);
  return { users: userNames, entities };
}
