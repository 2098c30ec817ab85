import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { dpcActions, dpcActionScreenings, dpcOrganisations } from '../../platform/db/schema-dpc.js';
import {
  dpcContradictoryInvitations,
  dpcExchanges,
  dpcPackagePdfs,
  dpcSignalementEvents,
  dpcSignalementEvidence,
  dpcSignalementReviews,
  dpcSignalements,
  type DpcSignalementEventKind,
} from '../../platform/db/schema-dpc-signalements.js';

// Queries of the exchange log and of what a package is made of. Nothing here reads
// dpc_signalement_reporters: a package, a log line or a statistic never carries the reporter.

export async function findSignalement(tx: Executor, id: string, options: { lock?: boolean } = {}) {
  const query = tx.select().from(dpcSignalements).where(eq(dpcSignalements.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function listExchanges(tx: Executor, signalementId: string) {
  return tx
    .select({ exchange: dpcExchanges, recordedBy: users.displayName })
    .from(dpcExchanges)
    .innerJoin(users, eq(users.id, dpcExchanges.recordedBy))
    .where(eq(dpcExchanges.signalementId, signalementId))
    .orderBy(asc(dpcExchanges.occurredAt), asc(dpcExchanges.createdAt));
}

export async function findExchange(tx: Executor, exchangeId: string, options: { lock?: boolean } = {}) {
  const query = tx.select().from(dpcExchanges).where(eq(dpcExchanges.id, exchangeId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export type NewExchange = typeof dpcExchanges.$inferInsert;

export async function insertExchange(tx: Executor, values: NewExchange) {
  const [row] = await tx.insert(dpcExchanges).values(values).returning();
  return row!;
}

/** Keeps the PDF of a package exactly as it was sent. */
export async function insertPackagePdf(tx: Executor, exchangeId: string, bytes: Uint8Array): Promise<void> {
  await tx.insert(dpcPackagePdfs).values({ exchangeId, bytes });
}

/** The PDF kept at sending; null for a package sent before the PDFs were kept (migration 0031). */
export async function findPackagePdf(tx: Executor, exchangeId: string): Promise<Buffer | null> {
  const [row] = await tx.select({ bytes: dpcPackagePdfs.bytes }).from(dpcPackagePdfs).where(eq(dpcPackagePdfs.exchangeId, exchangeId));
  return row ? Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : null;
}

export async function markAcknowledged(tx: Executor, envoiId: string, acknowledgementId: string): Promise<void> {
  await tx.update(dpcExchanges).set({ acknowledgedBy: acknowledgementId }).where(eq(dpcExchanges.id, envoiId));
}

export async function insertEvent(tx: Executor, signalementId: string, kind: DpcSignalementEventKind, actorId: string, details: Record<string, unknown>): Promise<void> {
  await tx.insert(dpcSignalementEvents).values({ signalementId, kind, actorId, details });
}

/** What a package is made of besides the signalement itself (never the reporter). */
export async function loadPackageParts(tx: Executor, signalement: { id: string; actionId: string | null; organisationId: string | null }) {
  const [action] = signalement.actionId
    ? await tx
        .select({ action: dpcActions, organisation: dpcOrganisations, screening: dpcActionScreenings })
        .from(dpcActions)
        .innerJoin(dpcOrganisations, eq(dpcOrganisations.id, dpcActions.organisationId))
        .leftJoin(dpcActionScreenings, eq(dpcActionScreenings.actionId, dpcActions.id))
        .where(eq(dpcActions.id, signalement.actionId))
    : [];
  const [organisation] = !action && signalement.organisationId
    ? await tx.select().from(dpcOrganisations).where(eq(dpcOrganisations.id, signalement.organisationId))
    : [];
  const reviews = await tx
    .select({
      opinion: dpcSignalementReviews.opinion,
      recommendedOutcomes: dpcSignalementReviews.recommendedOutcomes,
      confirmedRuleIds: dpcSignalementReviews.confirmedRuleIds,
      createdAt: dpcSignalementReviews.createdAt,
    })
    .from(dpcSignalementReviews)
    .where(eq(dpcSignalementReviews.signalementId, signalement.id))
    .orderBy(asc(dpcSignalementReviews.createdAt), asc(dpcSignalementReviews.id));
  const evidence = await tx
    .select({ mediaType: dpcSignalementEvidence.mediaType, sizeBytes: dpcSignalementEvidence.sizeBytes, sha256: dpcSignalementEvidence.sha256 })
    .from(dpcSignalementEvidence)
    .where(eq(dpcSignalementEvidence.signalementId, signalement.id))
    .orderBy(asc(dpcSignalementEvidence.createdAt), asc(dpcSignalementEvidence.id));
  const contradictory = await tx
    .select({
      statement: dpcContradictoryInvitations.statement,
      dueOn: dpcContradictoryInvitations.dueOn,
      invitedAt: dpcContradictoryInvitations.invitedAt,
      answer: dpcContradictoryInvitations.answer,
      answeredAt: dpcContradictoryInvitations.answeredAt,
    })
    .from(dpcContradictoryInvitations)
    .where(eq(dpcContradictoryInvitations.signalementId, signalement.id))
    .orderBy(asc(dpcContradictoryInvitations.invitedAt), asc(dpcContradictoryInvitations.id));
  return { action: action ?? null, organisation: action?.organisation ?? organisation ?? null, reviews, evidence, contradictory };
}

/** Whether an outgoing package to this partner exists for the signalement. */
export async function envoiPartners(tx: Executor, signalementId: string): Promise<Set<string>> {
  const sent = await tx
    .select({ partner: dpcExchanges.partner })
    .from(dpcExchanges)
    .where(and(eq(dpcExchanges.signalementId, signalementId), eq(dpcExchanges.kind, 'envoi')));
  return new Set(sent.map((r) => r.partner));
}
