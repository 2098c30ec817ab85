import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { TEntraideCallLog, TEntraideReceipt, TEntraideRequestFor } from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import { entraideCaseEvents, entraideCases, entraideHelplineCalls } from '../../platform/db/schema-entraide.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { cdeScope, sealerFor } from './case-keys.js';
import { requireCurrentMandate } from './entraide.policy.js';
import { fileRequestFor } from './requests.service.js';

// Calls to the helplines or to the council, logged without identity (docs/entraide.md « Workflow »):
// what was asked, when, how urgent; the caller's words sealed for the département's CDE. A call can
// become a case later, and its summary then opens the case's journal.

/** The départements an actor logs and reads calls for: their own, or any for a national account. */
function departementScope(actor: Actor, requested: string | undefined): SQL | undefined {
  if (actor.role === 'membre_cne' || actor.departement === null) return requested ? eq(entraideHelplineCalls.departement, requested) : undefined;
  return eq(entraideHelplineCalls.departement, actor.departement);
}

function requireOwnDepartement(actor: Actor, departement: string): void {
  if (actor.role !== 'membre_cne' && actor.departement !== null && actor.departement !== departement) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'departement', message: 'Vous ne pouvez enregistrer un appel que pour votre département.' }] });
  }
}

async function requireMemberMandate(deps: ServiceDeps, ctx: AuditContext, actor: Actor): Promise<void> {
  if (actor.role === 'membre_cde' || actor.role === 'membre_cne') await requireCurrentMandate(deps.database, ctx, actor, 'entraide:call_log');
}

/** Logs a call, audited `entraide.call.logged`; the summary sealed for the département's CDE. */
export async function logCall(deps: ServiceDeps, ctx: AuditContext, actor: Actor, call: TEntraideCallLog): Promise<{ id: string }> {
  await requireMemberMandate(deps, ctx, actor);
  requireOwnDepartement(actor, call.departement);
  if (call.receivedOn > parisDay()) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'receivedOn', message: "Un appel ne peut pas être daté dans l'avenir." }] });
  return deps.database.db.transaction(async (tx) => {
    const sealer = await sealerFor(tx, deps.keys, cdeScope(call.departement));
    const [row] = await tx
      .insert(entraideHelplineCalls)
      .values({ departement: call.departement, receivedOn: call.receivedOn, natures: call.natures, urgency: call.urgency, sealedSummary: call.summary ? sealer.seal(call.summary) : null, recordedBy: actor.userId })
      .returning({ id: entraideHelplineCalls.id });
    await recordAudit(tx, ctx, { action: 'entraide.call.logged', entityType: 'entraide_helpline_call', entityId: row!.id, details: { departement: call.departement, natures: call.natures, urgency: call.urgency } });
    return row!;
  });
}

/** The calls of the actor's département (any for a national account), newest first, without their summary. */
export async function listCalls(deps: ServiceDeps, ctx: AuditContext, actor: Actor, departement: string | undefined) {
  await requireMemberMandate(deps, ctx, actor);
  const rows = await deps.database.db
    .select({ call: entraideHelplineCalls, caseReference: entraideCases.reference })
    .from(entraideHelplineCalls)
    .leftJoin(entraideCases, eq(entraideCases.id, entraideHelplineCalls.caseId))
    .where(and(departementScope(actor, departement)))
    .orderBy(desc(entraideHelplineCalls.receivedOn), desc(entraideHelplineCalls.createdAt))
    .limit(200);
  return {
    calls: rows.map(({ call, caseReference }) => ({ id: call.id, departement: call.departement, receivedOn: call.receivedOn, natures: call.natures, urgency: call.urgency, caseReference })),
  };
}

/**
 * Turns a logged call into a case, audited `entraide.call.converted`: the case is filed as a request
 * recorded after a call (source « ligne_ecoute »), the call linked to it and its summary written as the
 * case's first note, all in the filing's transaction. A call already turned into a case is refused.
 */
export async function convertCall(deps: ServiceDeps, ctx: AuditContext, actor: Actor, callId: string, request: TEntraideRequestFor): Promise<TEntraideReceipt> {
  await requireMemberMandate(deps, ctx, actor);
  const [call] = await deps.database.db.select().from(entraideHelplineCalls).where(and(eq(entraideHelplineCalls.id, callId), departementScope(actor, undefined)));
  if (!call) throw new AppError('NOT_FOUND', undefined, "Cet appel n'existe pas ou ne relève pas de votre département.");
  if (request.departement !== call.departement) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'departement', message: "Le dossier relève du département de l'appel." }] });
  return fileRequestFor(deps, ctx, actor, request, {
    source: 'ligne_ecoute',
    inSameTransaction: async (tx, caseId, sealer) => {
      // Linked only if still free: two agents converting the same call at once make one case, not two.
      const linked = await tx
        .update(entraideHelplineCalls)
        .set({ caseId })
        .where(and(eq(entraideHelplineCalls.id, call.id), isNull(entraideHelplineCalls.caseId)))
        .returning({ id: entraideHelplineCalls.id });
      if (linked.length === 0) throw new AppError('INVALID_STATE', undefined, 'Cet appel a déjà donné lieu à un dossier.');
      if (call.sealedSummary) {
        const summary = (await sealerFor(tx, deps.keys, cdeScope(call.departement))).open(call.sealedSummary);
        await tx.insert(entraideCaseEvents).values({ caseId, kind: 'note', sealedBody: sealer.seal(summary), occurredAt: new Date(`${call.receivedOn}T12:00:00Z`), authorId: call.recordedBy });
      }
      await recordAudit(tx, ctx, { action: 'entraide.call.converted', entityType: 'entraide_helpline_call', entityId: call.id, details: { caseId } });
    },
  });
}
