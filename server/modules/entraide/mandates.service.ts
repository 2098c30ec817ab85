import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { TEntraideMandate } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { users } from '../../platform/db/schema.js';
import { entraideMandates } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';

// Commission composition per mandate (docs/entraide.md « Commission mandates »): administrators seat
// members; access follows the seat in force today (entraide.policy.ts), so a seat's end needs no job.

const fieldError = (path: string, message: string) => new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });

/** Every seat, current and past, by commission then member. */
export async function listMandates(deps: ServiceDeps) {
  const today = parisDay();
  const rows = await deps.database.db
    .select({ m: entraideMandates, memberName: users.displayName })
    .from(entraideMandates)
    .innerJoin(users, eq(users.id, entraideMandates.userId))
    .orderBy(asc(entraideMandates.commission), asc(entraideMandates.departement), asc(users.displayName), asc(entraideMandates.startsOn));
  return {
    mandates: rows.map(({ m, memberName }) => ({
      id: m.id,
      userId: m.userId,
      memberName,
      commission: m.commission,
      departement: m.departement,
      role: m.role,
      startsOn: m.startsOn,
      endsOn: m.endsOn,
      inForce: m.startsOn <= today && today <= m.endsOn,
    })),
  };
}

/**
 * Seats a member for a mandate, audited `entraide.mandate.granted`. Refuses (VALIDATION_FAILED, naming the
 * field) an account whose role is not that commission's, a CDE seat in another département than the
 * account's, and a seat overlapping one the member already holds on that commission.
 */
export async function grantMandate(deps: ServiceDeps, ctx: AuditContext, actorId: string, m: TEntraideMandate): Promise<{ id: string }> {
  return deps.database.db.transaction(async (tx) => {
    const [member] = await tx.select({ role: users.role, departement: users.departement, status: users.status }).from(users).where(eq(users.id, m.userId));
    if (!member) throw fieldError('userId', 'Compte inconnu.');
    const expectedRole = m.commission === 'cde' ? 'membre_cde' : 'membre_cne';
    if (member.role !== expectedRole) throw fieldError('userId', `Ce compte n'a pas le rôle de membre de la commission ${m.commission === 'cde' ? 'départementale' : 'nationale'} d'entraide.`);
    if (member.status !== 'active') throw fieldError('userId', 'Ce compte est désactivé.');
    if (m.commission === 'cde' && m.departement !== member.departement) throw fieldError('departement', 'Un membre ne siège qu’à la commission du département de son compte.');
    const [overlap] = await tx
      .select({ id: entraideMandates.id })
      .from(entraideMandates)
      .where(and(eq(entraideMandates.userId, m.userId), eq(entraideMandates.commission, m.commission), lte(entraideMandates.startsOn, m.endsOn), gte(entraideMandates.endsOn, m.startsOn)))
      .limit(1);
    if (overlap) throw fieldError('startsOn', 'Ce membre a déjà un mandat sur cette période.');
    const [row] = await tx
      .insert(entraideMandates)
      .values({ userId: m.userId, commission: m.commission, departement: m.departement, role: m.role, startsOn: m.startsOn, endsOn: m.endsOn, createdBy: actorId })
      .returning({ id: entraideMandates.id });
    await recordAudit(tx, ctx, {
      action: 'entraide.mandate.granted',
      entityType: 'entraide_mandate',
      entityId: row!.id,
      details: { userId: m.userId, commission: m.commission, departement: m.departement, role: m.role, startsOn: m.startsOn, endsOn: m.endsOn },
    });
    return row!;
  });
}
