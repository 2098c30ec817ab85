import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DpcSignalementStatus } from '../../../contracts/dpc-signalements.schemas.js';
import type { Executor, Tx } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { dpcActions, dpcActionScreenings, dpcOrganisations } from '../../platform/db/schema-dpc.js';
import {
  dpcContradictoryInvitations,
  dpcSignalementEvents,
  dpcSignalementEvidence,
  dpcSignalementReporters,
  dpcSignalementReviews,
  dpcSignalements,
  type DpcSignalementEventKind,
  type DpcSignalementRow,
} from '../../platform/db/schema-dpc-signalements.js';

// The queries of the signalements' workflow. The reporters' table is read by findReporter only.

export interface QueueFilters {
  scope: SQL;
  status?: DpcSignalementStatus | undefined;
  kind?: DpcSignalementRow['kind'] | undefined;
  priority?: DpcSignalementRow['priority'] | undefined;
}

const PRIORITY_RANK = sql`CASE ${dpcSignalements.priority} WHEN 'haute' THEN 3 WHEN 'moyenne' THEN 2 WHEN 'basse' THEN 1 ELSE 0 END`;

/** One page of the queue: new signalements first by priority, then the newest. */
export async function listQueue(db: Executor, filters: QueueFilters, limit: number, offset: number) {
  const where = and(
    filters.scope,
    filters.status ? eq(dpcSignalements.status, filters.status) : undefined,
    filters.kind ? eq(dpcSignalements.kind, filters.kind) : undefined,
    filters.priority ? eq(dpcSignalements.priority, filters.priority) : undefined,
  );
  const items = await db
    .select({
      id: dpcSignalements.id,
      reference: dpcSignalements.reference,
      kind: dpcSignalements.kind,
      subjectKind: dpcSignalements.subjectKind,
      subjectLabel: dpcSignalements.subjectLabel,
      departement: dpcSignalements.departement,
      status: dpcSignalements.status,
      priority: dpcSignalements.priority,
      score: dpcSignalements.score,
      reviewerName: users.displayName,
      createdAt: dpcSignalements.createdAt,
    })
    .from(dpcSignalements)
    .leftJoin(users, eq(users.id, dpcSignalements.reviewerId))
    .where(where)
    .orderBy(sql`(${dpcSignalements.status} = 'nouveau') DESC`, sql`CASE WHEN ${dpcSignalements.status} = 'nouveau' THEN ${PRIORITY_RANK} ELSE 0 END DESC`, desc(dpcSignalements.createdAt), asc(dpcSignalements.id))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(dpcSignalements).where(where);
  return { items, total: Number(total?.n ?? 0) };
}

/** Signalements in scope by status. */
export async function countByStatus(db: Executor, scope: SQL) {
  return db.select({ status: dpcSignalements.status, n: count() }).from(dpcSignalements).where(scope).groupBy(dpcSignalements.status);
}

export async function activeReviewers(db: Executor) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.role, 'relecteur_dpc'), eq(users.status, 'active')))
    .orderBy(asc(users.displayName));
}

export async function findActiveReviewer(db: Executor, id: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'relecteur_dpc'), eq(users.status, 'active')));
  return row ?? null;
}

export async function displayNameOf(db: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, id));
  return row?.displayName ?? null;
}

/** The catalogue action named by the signalement, its organisation and its stored screening. */
export async function findAction(db: Executor, actionId: string) {
  const [row] = await db
    .select({ action: dpcActions, organisation: dpcOrganisations, screening: dpcActionScreenings })
    .from(dpcActions)
    .innerJoin(dpcOrganisations, eq(dpcOrganisations.id, dpcActions.organisationId))
    .leftJoin(dpcActionScreenings, eq(dpcActionScreenings.actionId, dpcActions.id))
    .where(eq(dpcActions.id, actionId));
  return row ?? null;
}

export async function findOrganisation(db: Executor, organisationId: string) {
  const [row] = await db.select().from(dpcOrganisations).where(eq(dpcOrganisations.id, organisationId));
  return row ?? null;
}

export async function listEvidence(db: Executor, signalementId: string) {
  return db.select().from(dpcSignalementEvidence).where(eq(dpcSignalementEvidence.signalementId, signalementId)).orderBy(asc(dpcSignalementEvidence.createdAt));
}

export async function findEvidence(db: Executor, signalementId: string, evidenceId: string) {
  const [row] = await db
    .select()
    .from(dpcSignalementEvidence)
    .where(and(eq(dpcSignalementEvidence.id, evidenceId), eq(dpcSignalementEvidence.signalementId, signalementId)));
  return row ?? null;
}

export async function listEvents(db: Executor, signalementId: string) {
  return db
    .select({ id: dpcSignalementEvents.id, kind: dpcSignalementEvents.kind, actorName: users.displayName, note: dpcSignalementEvents.note, at: dpcSignalementEvents.at })
    .from(dpcSignalementEvents)
    .leftJoin(users, eq(users.id, dpcSignalementEvents.actorId))
    .where(eq(dpcSignalementEvents.signalementId, signalementId))
    .orderBy(asc(dpcSignalementEvents.at), asc(dpcSignalementEvents.id));
}

export async function listReviews(db: Executor, signalementId: string) {
  const reviewer = alias(users, 'reviewer');
  return db
    .select({ review: dpcSignalementReviews, reviewerName: reviewer.displayName })
    .from(dpcSignalementReviews)
    .innerJoin(reviewer, eq(reviewer.id, dpcSignalementReviews.reviewerId))
    .where(eq(dpcSignalementReviews.signalementId, signalementId))
    .orderBy(asc(dpcSignalementReviews.createdAt));
}

export async function listInvitations(db: Executor, signalementId: string) {
  return db.select().from(dpcContradictoryInvitations).where(eq(dpcContradictoryInvitations.signalementId, signalementId)).orderBy(asc(dpcContradictoryInvitations.invitedAt));
}

/** The reporter's identity: read only by the route that reveals it (docs/dpc-signalements.md). */
export async function findReporter(db: Executor, signalementId: string) {
  const [row] = await db.select().from(dpcSignalementReporters).where(eq(dpcSignalementReporters.signalementId, signalementId));
  return row ?? null;
}

export async function findInvitationByTokenHash(db: Executor, tokenHash: string, forUpdate = false) {
  const query = db.select().from(dpcContradictoryInvitations).where(eq(dpcContradictoryInvitations.tokenHash, tokenHash));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function findOpenInvitation(db: Executor, signalementId: string) {
  const [row] = await db
    .select()
    .from(dpcContradictoryInvitations)
    .where(and(eq(dpcContradictoryInvitations.signalementId, signalementId), isNull(dpcContradictoryInvitations.answeredAt), isNull(dpcContradictoryInvitations.closedAt)));
  return row ?? null;
}

/** Writes a change of the signalement and takes its next version. */
export async function updateSignalement(tx: Tx, id: string, values: Partial<typeof dpcSignalements.$inferInsert>): Promise<DpcSignalementRow> {
  const [row] = await tx
    .update(dpcSignalements)
    .set({ ...values, version: sql`${dpcSignalements.version} + 1`, updatedAt: new Date() })
    .where(eq(dpcSignalements.id, id))
    .returning();
  return row!;
}

export async function addEvent(tx: Tx, signalementId: string, kind: DpcSignalementEventKind, actorId: string | null, note: string | null = null, details: Record<string, unknown> = {}): Promise<void> {
  // clock_timestamp, not now(): two steps of one transaction (triage, designation) keep their order.
  await tx.insert(dpcSignalementEvents).values({ signalementId, kind, actorId, note, details, at: sql`clock_timestamp()` });
}

export async function signalementsByIds(db: Executor, ids: string[], forUpdate = false): Promise<DpcSignalementRow[]> {
  const query = db.select().from(dpcSignalements).where(inArray(dpcSignalements.id, ids));
  return forUpdate ? query.for('update') : query;
}
