import { eq, sql, type SQL } from 'drizzle-orm';
import { ROLE_PERMISSIONS, type Permission } from '../../../contracts/permissions.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Database, Tx } from '../../platform/db/client.js';
import { dpcSignalements, type DpcSignalementRow } from '../../platform/db/schema-dpc-signalements.js';
import { AppError } from '../../platform/errors.js';

// Who sees which signalement (docs/dpc-signalements.md « Workflow »), on top of the role × permission
// map: a national agent sees every signalement, a departmental agent those whose facts took place in
// their département, an expert reviewer only those designated to them. Anyone else sees none. Every
// service of the workflow reads and changes signalements through these functions.

type Scoped = Pick<DpcSignalementRow, 'departement' | 'reviewerId'>;

export const NOT_FOUND_MESSAGE = "Ce signalement n'existe pas ou ne relève pas de votre périmètre.";

const holds = (actor: Actor, permission: Permission) => ROLE_PERMISSIONS[actor.role].includes(permission);

/** True when the actor handles signalements as an agent (triage, contradictory step, decision). */
export function isTriageAgent(actor: Actor): boolean {
  return actor.role !== 'relecteur_dpc' && holds(actor, 'dpc:signalement_triage');
}

/** The truth table of the scope: agents by département (national: all), the reviewer by designation. */
export function canSeeSignalement(actor: Actor, row: Scoped): boolean {
  if (actor.role === 'relecteur_dpc') return holds(actor, 'dpc:signalement_review') && row.reviewerId === actor.userId;
  if (!isTriageAgent(actor)) return false;
  return actor.departement === null || row.departement === actor.departement;
}

/** The same scope as a WHERE condition, for lists. */
export function signalementScope(actor: Actor): SQL {
  if (actor.role === 'relecteur_dpc') return holds(actor, 'dpc:signalement_review') ? eq(dpcSignalements.reviewerId, actor.userId) : sql`false`;
  if (!isTriageAgent(actor)) return sql`false`;
  return actor.departement === null ? sql`true` : eq(dpcSignalements.departement, actor.departement);
}

/** True when the actor is the reviewer designated on this signalement. */
export function isDesignatedReviewer(actor: Actor, row: Scoped): boolean {
  return actor.role === 'relecteur_dpc' && row.reviewerId === actor.userId;
}

/**
 * Loads a signalement the actor may see, or throws NOT_FOUND; a signalement that exists outside the
 * actor's scope is audited as a refused access (written on its own, before any transaction: PGlite has
 * one connection).
 */
export async function loadVisibleSignalement(database: Database, ctx: AuditContext, actor: Actor, id: string, permission: Permission): Promise<DpcSignalementRow> {
  const [row] = await database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, id));
  if (!row) throw new AppError('NOT_FOUND', undefined, NOT_FOUND_MESSAGE);
  if (!canSeeSignalement(actor, row)) {
    await recordAccessDenial(database, ctx, { entityType: 'dpc_signalement', entityId: id, permission, details: { rule: 'hors_perimetre' } });
    throw new AppError('NOT_FOUND', undefined, NOT_FOUND_MESSAGE);
  }
  return row;
}

/**
 * Runs one change of a signalement: the scope checked (refusal audited), then in one transaction the
 * row locked, checked again (a designation may have changed meanwhile) and its version compared.
 * Throws NOT_FOUND, STALE_VERSION.
 */
export async function changeSignalement<T>(
  database: Database,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  change: { permission: Permission; version: number },
  apply: (tx: Tx, row: DpcSignalementRow) => Promise<T>,
): Promise<T> {
  await loadVisibleSignalement(database, ctx, actor, id, change.permission);
  return database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(dpcSignalements).where(eq(dpcSignalements.id, id)).for('update');
    if (!row || !canSeeSignalement(actor, row)) throw new AppError('NOT_FOUND', undefined, NOT_FOUND_MESSAGE);
    if (row.version !== change.version) throw new AppError('STALE_VERSION');
    return apply(tx, row);
  });
}
