import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { TEntraideCneConsent, TEntraideDecision } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditAction, type AuditContext } from '../../platform/audit/audit.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { Tx } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { entraideCaseEvents, entraideCases, entraideDecisions, entraideMandates, entraideSettings } from '../../platform/db/schema-entraide.js';
import type { KeyProvider } from '../../platform/crypto/key-provider.js';
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
  /**
   * Refusals to audit as denials, run after the mandate check and before the transaction: a denial is
   * written on its own (PGlite has one connection, held by the transaction).
   */
  precheck?: () => Promise<void>;
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
  await change.precheck?.();
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
 * What the person's consent to let the CNE know their identity changes on the case: the identity,
 * opened with the case's CDE key, sealed a second time under the CNE's, and the day of the consent.
 */
async function shareIdentityWithCne(tx: Tx, keys: KeyProvider, c: CaseRow, cdeSealer: ScopeSealer, at: Date): Promise<Pick<CaseRow, 'sealedIdentityCne' | 'cneConsentAt'>> {
  const cneSealer = await sealerFor(tx, keys, 'cne');
  return { sealedIdentityCne: cneSealer.seal(cdeSealer.open(c.sealedIdentity)), cneConsentAt: at };
}

/**
 * Transmits the case to the CNE. With the person's consent, the identity is sealed a second time for
 * the CNE; without it, the CNE works on the pseudonym and the journal (until recordCneConsent).
 */
export async function escalateCase(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: { identityConsent: boolean; reason: string }): Promise<void> {
  await changeCase(deps, ctx, actor, id, { permission: 'entraide:escalate', action: 'entraide.case.escalated', reason: body.reason, details: { identityConsent: body.identityConsent } }, async (tx, c, sealer) => {
    if (c.escalatedAt) throw new AppError('INVALID_STATE', undefined, 'Ce dossier est déjà transmis à la commission nationale.');
    if (c.status === 'clos') throw new AppError('INVALID_STATE', undefined, 'Ce dossier est clos : rouvrez-le avant de le transmettre.');
    const now = new Date();
    const identity = body.identityConsent ? await shareIdentityWithCne(tx, deps.keys, c, sealer, now) : { sealedIdentityCne: null, cneConsentAt: null };
    await tx.update(entraideCases).set({ status: 'transmis_cne', escalatedAt: now, ...identity }).where(eq(entraideCases.id, c.id));
    await journal(tx, c.id, actor, 'transmission_cne', sealer.seal(body.reason));
  });
}

const CNE_CONSENT_TEXT = 'La personne consent désormais à ce que la commission nationale connaisse son identité.';

/** Why a consent to the CNE may not be recorded on this case by this member, or null. */
function cneConsentRefusal(actor: Actor, c: Pick<CaseRow, 'departement' | 'status' | 'escalatedAt' | 'sealedIdentityCne'> | undefined): { rule: string; error: AppError } | null {
  if (actor.role !== 'membre_cde') {
    return { rule: 'cde_seulement', error: new AppError('FORBIDDEN', undefined, 'Seule la commission départementale du dossier recueille le consentement de la personne.') };
  }
  if (!c || c.departement !== actor.departement) return { rule: 'hors_perimetre', error: new AppError('NOT_FOUND', undefined, NOT_FOUND) };
  if (!c.escalatedAt) {
    return { rule: 'non_transmis', error: new AppError('INVALID_STATE', undefined, "Ce dossier n'a pas été transmis à la commission nationale : le consentement se recueille lors de la transmission.") };
  }
  if (c.sealedIdentityCne !== null) {
    return { rule: 'consentement_deja_recueilli', error: new AppError('INVALID_STATE', undefined, 'La personne a déjà consenti à ce que la commission nationale connaisse son identité.') };
  }
  if (c.status === 'clos') return { rule: 'dossier_clos', error: new AppError('INVALID_STATE', undefined, "Ce dossier est clos : rouvrez-le avant d'y inscrire le consentement.") };
  return null;
}

/**
 * The person's consent, obtained by the CDE after a transmission without it, to let the CNE know who
 * they are: the identity is sealed for the CNE as at a transmission with consent, so the CNE may reveal
 * it and refer the person to Crésus by name. Journal `consentement_cne` (note sealed), audit
 * `entraide.case.cne_consent_recorded`. Every refusal — not a CDE member, another département, not
 * transmitted, already consented, closed — is audited as a denial.
 */
export async function recordCneConsent(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: TEntraideCneConsent): Promise<void> {
  const permission = 'entraide:escalate';
  const precheck = async () => {
    const [seen] = await deps.database.db
      .select({ id: entraideCases.id, departement: entraideCases.departement, status: entraideCases.status, escalatedAt: entraideCases.escalatedAt, sealedIdentityCne: entraideCases.sealedIdentityCne })
      .from(entraideCases)
      .where(eq(entraideCases.id, id));
    const refusal = cneConsentRefusal(actor, seen);
    if (!refusal) return;
    await recordAccessDenial(deps.database, ctx, { entityType: 'entraide_case', entityId: id, permission, details: { rule: refusal.rule } });
    throw refusal.error;
  };
  await changeCase(deps, ctx, actor, id, { permission, action: 'entraide.case.cne_consent_recorded', precheck }, async (tx, c, sealer) => {
    // Checked again under the lock: another member may have recorded it in between.
    const refusal = cneConsentRefusal(actor, c);
    if (refusal) throw refusal.error;
    await tx.update(entraideCases).set(await shareIdentityWithCne(tx, deps.keys, c, sealer, new Date())).where(eq(entraideCases.id, c.id));
    await journal(tx, c.id, actor, 'consentement_cne', sealer.seal(body.note ? `${CNE_CONSENT_TEXT}\n\n${body.note}` : CNE_CONSENT_TEXT));
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
