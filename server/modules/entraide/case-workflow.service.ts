import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { TEntraideDecision } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditAction, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Tx } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { entraideCaseEvents, entraideCases, entraideDecisions, entraideMandates, entraideSettings } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { cdeScope, sealerFor, type ScopeSealer } from './case-keys.js';
import { requireCurrentMandate } from './entraide.policy.js';

// The life of a case (docs/entraide.md « Workflow »): journal entries, the referent, decisions with their
// vote, transmission to the CNE, closure and reopening. Each change and its journal entry and audit entry
// are one transaction; free text is sealed under the case's CDE key. A CDE member works the cases of
// their département; a CNE member those transmitted to the CNE. Under a current mandate, always.

type CaseRow = typeof entraideCases.$inferSelect;

const NOT_FOUND = "Ce dossier d'entraide n'existe pas ou ne relève pas de votre commission.";

/** Loads the case FOR UPDATE in the actor's scope, inside the change's transaction. */
async function lockScopedCase(tx: Tx, actor: Actor, id: string): Promise<CaseRow> {
  const [row] = await tx.select().from(entraideCases).where(eq(entraideCases.id, id)).for('update');
  const inScope = row && (actor.role === 'membre_cne' ? row.escalatedAt !== null : actor.role === 'membre_cde' && row.departement === actor.departement);
  if (!row || !inScope) throw new AppError('NOT_FOUND', undefined, NOT_FOUND);
  return row;
}

interface Change {
  permission: string;
  action: AuditAction;
  details?: Record<string, unknown>;
  reason?: string;
}

/** Runs one change of a case: mandate, scoped lock, the change, a journal entry and the audit entry. */
async function changeCase<T>(
  deps: ServiceDeps,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  change: Change,
  apply: (tx: Tx, c: CaseRow, sealer: ScopeSealer) => Promise<T>,
): Promise<T> {
  await requireCurrentMandate(deps.database, ctx, actor, change.permission);
  return deps.database.db.transaction(async (tx) => {
    const c = await lockScopedCase(tx, actor, id);
    const sealer = await sealerFor(tx, deps.keys, cdeScope(c.departement));
    const result = await apply(tx, c, sealer);
    await tx.update(entraideCases).set({ lastActivityAt: new Date() }).where(eq(entraideCases.id, c.id));
    await recordAudit(tx, ctx, { action: change.action, entityType: 'entraide_case', entityId: c.id, reason: change.reason ?? null, details: { reference: c.reference, ...change.details } });
    return result;
  });
}

async function journal(tx: Tx, caseId: string, actor: Actor, kind: typeof entraideCaseEvents.$inferInsert.kind, sealedBody: string | null, occurredAt = new Date()): Promise<void> {
  await tx.insert(entraideCaseEvents).values({ caseId, kind, sealedBody, occurredAt, authorId: actor.userId });
}

/** A note or a meeting in the journal (its text sealed); a received case becomes « en_cours ». */
export async function addJournalEntry(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, entry: { kind: 'note' | 'entretien'; text: string; occurredAt?: string | undefined }): Promise<void> {
  const occurredAt = entry.occurredAt ? new Date(entry.occurredAt) : new Date();
  if (occurredAt.getTime() > Date.now() + 60_000) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'occurredAt', message: "Un entretien ne peut pas être daté dans l'avenir." }] });
  await changeCase(deps, ctx, actor, id, { permission: 'entraide:case_manage', action: 'entraide.case.note_added', details: { kind: entry.kind } }, async (tx, c, sealer) => {
    if (c.status === 'clos') throw new AppError('INVALID_STATE', undefined, 'Ce dossier est clos : rouvrez-le pour y écrire.');
    await journal(tx, c.id, actor, entry.kind, sealer.seal(entry.text), occurredAt);
    if (c.status === 'recu') await tx.update(entraideCases).set({ status: 'en_cours' }).where(eq(entraideCases.id, c.id));
  });
}

/** The referent: a member of the case's CDE holding a current mandate, or nobody. */
export async function assignReferent(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, referentId: string | null): Promise<void> {
  await changeCase(deps, ctx, actor, id, { permission: 'entraide:case_manage', action: 'entraide.case.assigned', details: { referentId } }, async (tx, c) => {
    if (referentId !== null) {
      const today = parisDay();
      const [seat] = await tx
        .select({ id: entraideMandates.id })
        .from(entraideMandates)
        .innerJoin(users, eq(users.id, entraideMandates.userId))
        .where(and(eq(entraideMandates.userId, referentId), eq(entraideMandates.commission, 'cde'), eq(entraideMandates.departement, c.departement), lte(entraideMandates.startsOn, today), gte(entraideMandates.endsOn, today), eq(users.status, 'active')))
        .limit(1);
      if (!seat) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'referentId', message: "Le référent doit être membre en exercice de la commission départementale du dossier." }] });
    }
    await tx.update(entraideCases).set({ referentId, ...(c.status === 'recu' && referentId ? { status: 'en_cours' as const } : {}) }).where(eq(entraideCases.id, c.id));
  });
}

/** A decision of the commission; refused without quorum (more than half the seated members present). */
export async function recordDecision(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, d: TEntraideDecision): Promise<void> {
  const quorumReached = d.vote.membersPresent * 2 > d.vote.membersSeated;
  if (!quorumReached) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'vote.membersPresent', message: `Quorum non atteint : ${d.vote.membersPresent} membres présents sur ${d.vote.membersSeated} en exercice (plus de la moitié requise).` }] });
  }
  if (d.decidedOn > parisDay()) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'decidedOn', message: "Une décision ne peut pas être datée dans l'avenir." }] });
  await changeCase(deps, ctx, actor, id, { permission: 'entraide:case_manage', action: 'entraide.case.decided', details: { kind: d.kind, amountCents: d.amountCents ?? null } }, async (tx, c, sealer) => {
    if (c.status === 'clos') throw new AppError('INVALID_STATE', undefined, 'Ce dossier est clos : rouvrez-le pour y inscrire une décision.');
    await tx.insert(entraideDecisions).values({
      caseId: c.id,
      commission: actor.role === 'membre_cne' ? 'cne' : 'cde',
      kind: d.kind,
      decidedOn: d.decidedOn,
      amountCents: d.kind === 'aide_financiere' ? (d.amountCents ?? null) : null,
      aidForm: d.kind === 'aide_financiere' ? (d.aidForm ?? null) : null,
      membersSeated: d.vote.membersSeated,
      membersPresent: d.vote.membersPresent,
      votesFor: d.vote.for,
      votesAgainst: d.vote.against,
      abstentions: d.vote.abstentions,
      quorumReached,
      recordedBy: actor.userId,
    });
    await journal(tx, c.id, actor, 'decision', d.note ? sealer.seal(d.note) : null);
  });
}

/**
 * Transmits the case to the CNE. With the person's consent, the identity is sealed a second time for
 * the CNE; without it, the CNE works on the pseudonym and the journal.
 */
export async function escalateCase(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: { identityConsent: boolean; reason: string }): Promise<void> {
  await changeCase(deps, ctx, actor, id, { permission: 'entraide:escalate', action: 'entraide.case.escalated', reason: body.reason, details: { identityConsent: body.identityConsent } }, async (tx, c, sealer) => {
    if (c.escalatedAt) throw new AppError('INVALID_STATE', undefined, 'Ce dossier est déjà transmis à la commission nationale.');
    if (c.status === 'clos') throw new AppError('INVALID_STATE', undefined, 'Ce dossier est clos : rouvrez-le avant de le transmettre.');
    const now = new Date();
    const sealedIdentityCne = body.identityConsent ? (await sealerFor(tx, deps.keys, 'cne')).seal(sealer.open(c.sealedIdentity)) : null;
    await tx.update(entraideCases).set({ status: 'transmis_cne', escalatedAt: now, cneConsentAt: body.identityConsent ? now : null, sealedIdentityCne }).where(eq(entraideCases.id, c.id));
    await journal(tx, c.id, actor, 'transmission_cne', sealer.seal(body.reason));
  });
}

/** Closes the case; it is purged once the retention setting's months have passed. */
export async function closeCase(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, text: string): Promise<void> {
  await changeCase(deps, ctx, actor, id, { permission: 'entraide:case_manage', action: 'entraide.case.closed' }, async (tx, c, sealer) => {
    if (c.status === 'clos') throw new AppError('INVALID_STATE', undefined, 'Ce dossier est déjà clos.');
    const [settings] = await tx.select({ months: entraideSettings.retentionMonths }).from(entraideSettings);
    await tx
      .update(entraideCases)
      .set({ status: 'clos', closedAt: new Date(), purgeAfter: sql`(now() AT TIME ZONE 'Europe/Paris')::date + make_interval(months => ${settings?.months ?? 60})` })
      .where(eq(entraideCases.id, c.id));
    await journal(tx, c.id, actor, 'cloture', sealer.seal(text));
  });
}

/** Reopens a closed case: support is not limited in time, and the purge date goes. */
export async function reopenCase(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, text: string): Promise<void> {
  await changeCase(deps, ctx, actor, id, { permission: 'entraide:case_manage', action: 'entraide.case.reopened' }, async (tx, c, sealer) => {
    if (c.status !== 'clos') throw new AppError('INVALID_STATE', undefined, "Ce dossier n'est pas clos.");
    await tx.update(entraideCases).set({ status: c.escalatedAt ? 'transmis_cne' : 'en_cours', closedAt: null, purgeAfter: null }).where(eq(entraideCases.id, c.id));
    await journal(tx, c.id, actor, 'reouverture', sealer.seal(text));
  });
}
