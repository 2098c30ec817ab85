import type { TDpcReview, TDpcSignalementState } from '../../../contracts/dpc-workflow.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import { dpcSignalementReviews } from '../../platform/db/schema-dpc-signalements.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { changeSignalement, isDesignatedReviewer, NOT_FOUND_MESSAGE } from './dpc-signalement.policy.js';
import * as repo from './dpc-workflow.repo.js';

/**
 * The designated reviewer's opinion: recommended outcomes and the screening findings they uphold (rule
 * ids of the signalement's findings). From `en_revue`, or `avis_rendu` to add a further opinion; the
 * signalement goes `avis_rendu`. Journal `avis`, audit `dpc.signalement.reviewed`.
 * Throws NOT_FOUND (not the designated reviewer), STALE_VERSION, INVALID_STATE, VALIDATION_FAILED (confirmedRuleIds).
 */
export async function reviewSignalement(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: TDpcReview): Promise<TDpcSignalementState> {
  return changeSignalement(deps.database, ctx, actor, id, { permission: 'dpc:signalement_review', version: body.version }, async (tx, row) => {
    if (!isDesignatedReviewer(actor, row)) throw new AppError('NOT_FOUND', undefined, NOT_FOUND_MESSAGE);
    if (row.status !== 'en_revue' && row.status !== 'avis_rendu') {
      throw new AppError('INVALID_STATE', undefined, 'Ce signalement n’attend pas d’avis : il est au contradictoire ou déjà décidé.');
    }
    const known = new Set(row.findings.map((f) => f.ruleId));
    const unknown = body.confirmedRuleIds.filter((ruleId) => !known.has(ruleId));
    if (unknown.length > 0) throw fieldError('confirmedRuleIds', 'Ne confirmez que des marqueurs relevés dans ce signalement.');
    const confirmedRuleIds = [...new Set(body.confirmedRuleIds)];
    await tx.insert(dpcSignalementReviews).values({ signalementId: row.id, reviewerId: actor.userId, opinion: body.opinion, recommendedOutcomes: body.recommendedOutcomes, confirmedRuleIds });
    const updated = await repo.updateSignalement(tx, row.id, { status: 'avis_rendu' });
    await repo.addEvent(tx, row.id, 'avis', actor.userId, null, { recommendedOutcomes: body.recommendedOutcomes });
    await recordAudit(tx, ctx, {
      action: 'dpc.signalement.reviewed',
      entityType: 'dpc_signalement',
      entityId: row.id,
      details: { reference: row.reference, recommendedOutcomes: body.recommendedOutcomes, confirmedRuleIds },
    });
    return { id: updated.id, reference: updated.reference, status: updated.status, version: updated.version };
  });
}
