import { and, asc, eq, gte, isNull, lt, lte } from 'drizzle-orm';
import type { TEntraideMandate } from '../../../contracts/entraide.schemas.js';
import { recordAudit, recordAuditBatch, SYSTEM_CONTEXT, type AuditContext } from '../../platform/audit/audit.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Database } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { entraideMandates } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { requireCurrentMandate } from './entraide.policy.js';

// Commission composition per mandate (docs/entraide.md « Commission mandates »): administrators seat
// members; access follows the seat in force today (entraide.policy.ts), so a seat's end needs no job to
// take effect. The sweep below only writes that end to the audit journal, once per seat.

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

/**
 * Ends a seat before its term (resignation, loss of office), audited `entraide.mandate.ended` with the
 * reason: from the day after `endsOn`, the member opens nothing. The end is never backdated (`endsOn` is
 * today at the earliest): what the member did until today was done under their seat, and the journal must
 * keep saying so. To cut access within the day, an administrator deactivates the account.
 */
export async function endMandate(deps: ServiceDeps, ctx: AuditContext, id: string, end: { endsOn: string; reason: string }): Promise<void> {
  const today = parisDay();
  await deps.database.db.transaction(async (tx) => {
    const [m] = await tx.select().from(entraideMandates).where(eq(entraideMandates.id, id)).for('update');
    if (!m) throw new AppError('NOT_FOUND', undefined, 'Ce mandat n’existe pas.');
    if (m.endsOn < today) throw new AppError('INVALID_STATE', undefined, `Ce mandat a déjà pris fin le ${frenchDay(m.endsOn)}.`);
    if (end.endsOn > m.endsOn) throw fieldError('endsOn', `Un mandat ne peut qu’être écourté : il prend fin au plus tard le ${frenchDay(m.endsOn)}.`);
    if (end.endsOn < m.startsOn) throw fieldError('endsOn', `La fin du mandat précède son début (${frenchDay(m.startsOn)}).`);
    if (end.endsOn < today) throw fieldError('endsOn', "La fin d'un mandat ne peut pas être antidatée : choisissez aujourd'hui au plus tôt, ou désactivez le compte pour couper l'accès sur-le-champ.");
    await tx.update(entraideMandates).set({ endsOn: end.endsOn }).where(eq(entraideMandates.id, id));
    await recordAudit(tx, ctx, {
      action: 'entraide.mandate.ended',
      entityType: 'entraide_mandate',
      entityId: id,
      reason: end.reason,
      details: { userId: m.userId, commission: m.commission, departement: m.departement, previousEndsOn: m.endsOn, endsOn: end.endsOn },
    });
  });
}

const frenchDay = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

/**
 * The members of the actor's commission in office today, présidents first, to choose a referent: a CDE
 * member sees their own département's (asking for another is refused, audited), a CNE member the CNE's.
 */
export async function listMembers(deps: ServiceDeps, ctx: AuditContext, actor: Actor, departement: string | undefined) {
  const mandate = await requireCurrentMandate(deps.database, ctx, actor, 'entraide:case_manage');
  if (mandate.commission === 'cde' && departement !== undefined && departement !== mandate.departement) {
    await recordAccessDenial(deps.database, ctx, { entityType: 'entraide_commission', entityId: null, permission: 'entraide:case_manage', details: { rule: 'autre_departement', departement } });
    throw new AppError('FORBIDDEN', undefined, 'Vous ne voyez que les membres de la commission de votre département.');
  }
  const today = parisDay();
  const rows = await deps.database.db
    // Seats of one member on one commission never overlap (grantMandate): one row per member.
    .select({ userId: users.id, name: users.displayName, role: entraideMandates.role })
    .from(entraideMandates)
    .innerJoin(users, eq(users.id, entraideMandates.userId))
    .where(
      and(
        eq(entraideMandates.commission, mandate.commission),
        mandate.commission === 'cde' ? eq(entraideMandates.departement, mandate.departement!) : isNull(entraideMandates.departement),
        lte(entraideMandates.startsOn, today),
        gte(entraideMandates.endsOn, today),
        eq(users.status, 'active'),
      ),
    );
  const byRank = (r: { role: string }) => (r.role === 'president' ? 0 : 1);
  return { members: rows.sort((a, b) => byRank(a) - byRank(b) || a.name.localeCompare(b.name, 'fr')) };
}

/**
 * Writes `entraide.mandate.expired` once for every seat whose last day has passed (Paris time), and marks
 * it (`expiry_recorded_on`): the end of access is in the journal even though access itself never waited
 * for this sweep. Idempotent, and safe with two instances: the conditional UPDATE claims each seat once.
 */
export async function recordExpiredMandates(database: Database, today = parisDay()): Promise<number> {
  return database.db.transaction(async (tx) => {
    const ended = await tx
      .update(entraideMandates)
      .set({ expiryRecordedOn: today })
      .where(and(lt(entraideMandates.endsOn, today), isNull(entraideMandates.expiryRecordedOn)))
      .returning({ id: entraideMandates.id, userId: entraideMandates.userId, commission: entraideMandates.commission, departement: entraideMandates.departement, endsOn: entraideMandates.endsOn });
    if (ended.length === 0) return 0;
    await recordAuditBatch(
      tx,
      SYSTEM_CONTEXT,
      ended
        .sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.id.localeCompare(b.id))
        .map((m) => ({ action: 'entraide.mandate.expired' as const, entityType: 'entraide_mandate', entityId: m.id, details: { userId: m.userId, commission: m.commission, departement: m.departement, endsOn: m.endsOn } })),
    );
    return ended.length;
  });
}
