import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { TEntraideSettings } from '../../../contracts/entraide.schemas.js';
import { recordAudit, SYSTEM_CONTEXT, type AuditContext } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/client.js';
import {
  entraideBudgets,
  entraideCaseEvents,
  entraideCases,
  entraideCresusActions,
  entraideCresusReferrals,
  entraideDecisions,
  entraideHelplineCalls,
  entraideSettings,
} from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { parisDay } from '../../platform/time/paris-day.js';

// Retention of closed cases (docs/entraide.md « Data protection »): health and financial data of named
// people (GDPR art. 9) are kept a set number of months after closure, then deleted with everything
// attached. Closing a case sets its purge date from the setting (case-workflow.service.ts), reopening
// clears it; the sweep deletes what is past its date and leaves in the journal only the pseudonym and
// the counts of what went.

/** The purge date of a case closed at `closedAt`, as SQL: the Paris day of closure plus the months kept. */
export const purgeDateAfter = (closedAt: unknown, months: number) =>
  sql`((${closedAt}) AT TIME ZONE 'Europe/Paris')::date + make_interval(months => ${months})`;

export async function getSettings(database: Database): Promise<TEntraideSettings> {
  const [row] = await database.db.select({ retentionMonths: entraideSettings.retentionMonths }).from(entraideSettings);
  // Migration 0023 writes the one row; without it the default of the column applies.
  return { retentionMonths: row?.retentionMonths ?? 60 };
}

/**
 * Sets the retention, audited `entraide.retention.updated`. The setting is the rule for every closed
 * case, not only those closed from now on: the purge dates of cases already closed are recomputed from
 * their closure day, so shortening the retention does delete older cases at the next sweep.
 */
export async function updateSettings(deps: ServiceDeps, ctx: AuditContext, actorId: string, settings: TEntraideSettings): Promise<TEntraideSettings> {
  return deps.database.db.transaction(async (tx) => {
    const [before] = await tx.select({ retentionMonths: entraideSettings.retentionMonths }).from(entraideSettings).for('update');
    await tx
      .insert(entraideSettings)
      .values({ id: true, retentionMonths: settings.retentionMonths, updatedBy: actorId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: entraideSettings.id, set: { retentionMonths: settings.retentionMonths, updatedBy: actorId, updatedAt: new Date() } });
    const redated = await tx
      .update(entraideCases)
      .set({ purgeAfter: purgeDateAfter(entraideCases.closedAt, settings.retentionMonths) })
      .where(and(eq(entraideCases.status, 'clos'), isNotNull(entraideCases.closedAt)))
      .returning({ id: entraideCases.id });
    await recordAudit(tx, ctx, {
      action: 'entraide.retention.updated',
      entityType: 'entraide_settings',
      entityId: null,
      details: { previousMonths: before?.retentionMonths ?? null, retentionMonths: settings.retentionMonths, closedCasesRedated: redated.length },
    });
    return { retentionMonths: settings.retentionMonths };
  });
}

/** What one purge deleted, as its audit entry records it. */
export interface PurgeCounts {
  events: number;
  decisions: number;
  callsUnlinked: number;
  cresusReferrals: number;
  cresusActions: number;
  budgets: number;
}

/**
 * Deletes every closed case whose purge date has passed (Paris day), one transaction per case: the case,
 * its journal, decisions, Crésus referral and actions, budgets; the calls it came from stay as anonymous
 * counts but lose their link and their sealed summary. Each purge writes `entraide.case.purged` with the
 * pseudonym and the counts, nothing else. Safe with two instances: a case locked by one is skipped by the
 * other, and one already gone is not found again. Returns how many cases went.
 */
export async function purgeExpiredCases(database: Database, today = parisDay()): Promise<number> {
  const due = await database.db
    .select({ id: entraideCases.id })
    .from(entraideCases)
    .where(and(eq(entraideCases.status, 'clos'), lt(entraideCases.purgeAfter, today)))
    .orderBy(entraideCases.purgeAfter)
    .limit(500);
  let purged = 0;
  for (const { id } of due) {
    if (await purgeCase(database, id, today)) purged += 1;
  }
  return purged;
}

async function purgeCase(database: Database, id: string, today: string): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    // Checked again under the lock: the case may have been reopened since it was listed.
    const [c] = await tx
      .select({ id: entraideCases.id, reference: entraideCases.reference })
      .from(entraideCases)
      .where(and(eq(entraideCases.id, id), eq(entraideCases.status, 'clos'), lt(entraideCases.purgeAfter, today)))
      .for('update', { skipLocked: true });
    if (!c) return false;
    const referrals = await tx.select({ id: entraideCresusReferrals.id }).from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, id));
    const referralIds = referrals.map((r) => r.id);
    // Deleted one by one rather than left to ON DELETE CASCADE, so that the counts are those deleted.
    const counts: PurgeCounts = {
      cresusActions: referralIds.length ? (await tx.delete(entraideCresusActions).where(inArray(entraideCresusActions.referralId, referralIds)).returning({ id: entraideCresusActions.id })).length : 0,
      cresusReferrals: (await tx.delete(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, id)).returning({ id: entraideCresusReferrals.id })).length,
      budgets: (await tx.delete(entraideBudgets).where(eq(entraideBudgets.caseId, id)).returning({ id: entraideBudgets.id })).length,
      decisions: (await tx.delete(entraideDecisions).where(eq(entraideDecisions.caseId, id)).returning({ id: entraideDecisions.id })).length,
      events: (await tx.delete(entraideCaseEvents).where(eq(entraideCaseEvents.caseId, id)).returning({ id: entraideCaseEvents.id })).length,
      callsUnlinked: (await tx.update(entraideHelplineCalls).set({ caseId: null, sealedSummary: null }).where(eq(entraideHelplineCalls.caseId, id)).returning({ id: entraideHelplineCalls.id })).length,
    };
    await tx.delete(entraideCases).where(eq(entraideCases.id, id));
    await recordAudit(tx, SYSTEM_CONTEXT, { action: 'entraide.case.purged', entityType: 'entraide_case', entityId: id, details: { reference: c.reference, ...counts } });
    return true;
  });
}
