import { and, eq, gte, lte } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/policy.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import type { Database, Executor } from '../../platform/db/client.js';
import { entraideMandates } from '../../platform/db/schema-entraide.js';
import { AppError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';

// The role says what kind of work a commission member does; the mandate says whether they may do it
// today. Checked on every request rather than by a job revoking access, so a member whose mandate ended
// yesterday (Paris time) opens nothing today even if no job ran (docs/entraide.md « Commission mandates »).

export interface CurrentMandate {
  commission: 'cde' | 'cne';
  departement: string | null;
  role: 'president' | 'membre';
  endsOn: string;
}

/** The member's mandate in force on `today` for their role's commission, or null. */
export async function currentMandate(db: Executor, actor: Actor, today = parisDay()): Promise<CurrentMandate | null> {
  const commission = actor.role === 'membre_cde' ? 'cde' : actor.role === 'membre_cne' ? 'cne' : null;
  if (commission === null) return null;
  const [row] = await db
    .select({ commission: entraideMandates.commission, departement: entraideMandates.departement, role: entraideMandates.role, endsOn: entraideMandates.endsOn })
    .from(entraideMandates)
    .where(and(eq(entraideMandates.userId, actor.userId), eq(entraideMandates.commission, commission), lte(entraideMandates.startsOn, today), gte(entraideMandates.endsOn, today)))
    .limit(1);
  // A CDE seat counts only for the département the account belongs to.
  if (!row || (commission === 'cde' && row.departement !== actor.departement)) return null;
  return row;
}

/** Throws FORBIDDEN (403, the refusal audited) unless the member holds a current mandate. */
export async function requireCurrentMandate(database: Database, ctx: AuditContext, actor: Actor, permission: string): Promise<CurrentMandate> {
  const mandate = await currentMandate(database.db, actor);
  if (!mandate) {
    await recordAccessDenial(database, ctx, { entityType: 'entraide_mandate', entityId: null, permission, details: { rule: 'mandat_non_en_cours' } });
    throw new AppError('FORBIDDEN', undefined, "Votre mandat à la commission d'entraide n'est pas en cours : l'accès aux dossiers est fermé. Adressez-vous au conseil si c'est une erreur.");
  }
  return mandate;
}
