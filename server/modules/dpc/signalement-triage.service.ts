import type { TDpcSignalementState, TDpcTriage } from '../../../contracts/dpc-workflow.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { changeSignalement } from './dpc-signalement.policy.js';
import * as repo from './dpc-workflow.repo.js';
import { reviewerDesignatedMail } from './signalement-triage.mails.js';

/**
 * Triage: the agent may requalify the kind and designates an expert reviewer (an active
 * `relecteur_dpc`); the signalement goes `en_revue`. From `nouveau`, or `en_revue` to designate another
 * reviewer. Journal `trie` (from `nouveau` or on requalification) and `relecteur_designe`; audits
 * `dpc.signalement.triaged` and `dpc.signalement.reviewer_assigned`; the reviewer is mailed after commit.
 * Throws NOT_FOUND, STALE_VERSION, INVALID_STATE, VALIDATION_FAILED (reviewerId).
 */
export async function triageSignalement(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: TDpcTriage): Promise<TDpcSignalementState> {
  const { state, reviewer } = await changeSignalement(deps.database, ctx, actor, id, { permission: 'dpc:signalement_triage', version: body.version }, async (tx, row) => {
    if (row.status !== 'nouveau' && row.status !== 'en_revue') {
      throw new AppError('INVALID_STATE', undefined, 'Ce signalement a déjà reçu un avis ou une décision : il ne peut plus être trié.');
    }
    const reviewer = await repo.findActiveReviewer(tx, body.reviewerId);
    if (!reviewer) throw fieldError('reviewerId', 'Choisissez un relecteur expert DPC dont le compte est actif.');
    const kind = body.kind ?? row.kind;
    const requalified = kind !== row.kind;
    const updated = await repo.updateSignalement(tx, row.id, { kind, reviewerId: reviewer.id, status: 'en_revue' });
    const details = { reference: row.reference };
    if (row.status === 'nouveau' || requalified) {
      await repo.addEvent(tx, row.id, 'trie', actor.userId, body.note ?? null, { kind, previousKind: row.kind });
      await recordAudit(tx, ctx, { action: 'dpc.signalement.triaged', entityType: 'dpc_signalement', entityId: row.id, details: { ...details, kind, previousKind: row.kind } });
    }
    await repo.addEvent(tx, row.id, 'relecteur_designe', actor.userId, row.status === 'nouveau' || requalified ? null : (body.note ?? null), { reviewerId: reviewer.id });
    await recordAudit(tx, ctx, { action: 'dpc.signalement.reviewer_assigned', entityType: 'dpc_signalement', entityId: row.id, details: { ...details, reviewerId: reviewer.id, previousReviewerId: row.reviewerId } });
    return { state: { id: updated.id, reference: updated.reference, status: updated.status, version: updated.version }, reviewer };
  });
  await deps.outbox.queue(reviewerDesignatedMail(reviewer.email, state.reference, `${deps.config.publicUrl}/vigilance-dpc/signalements/${state.id}`));
  return state;
}
