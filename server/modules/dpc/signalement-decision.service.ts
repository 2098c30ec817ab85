import type { TDpcDecision, TDpcSignalementState } from '../../../contracts/dpc-workflow.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { changeSignalement } from './dpc-signalement.policy.js';
import * as repo from './dpc-workflow.repo.js';

/**
 * Why a decision may not be taken now, or null. Classement (alone) may close a signalement at triage
 * or after review; a transmission or a saisine leaves the council, so it needs an expert's opinion
 * first (`avis_rendu`). Nothing is decided while the organisation is invited to answer.
 */
export function decisionRefusal(status: string, outcomes: readonly string[]): string | null {
  if (status === 'decide') return 'Ce signalement est déjà décidé.';
  if (status === 'contradictoire') return 'L’organisme est invité à répondre : attendez sa réponse ou clôturez le contradictoire avant de décider.';
  const classement = outcomes.length === 1 && outcomes[0] === 'classement';
  if (!classement && status !== 'avis_rendu') return 'Une transmission ou une saisine exige l’avis d’un relecteur expert : désignez-en un et attendez son avis.';
  return null;
}

/**
 * The decision: outcomes, reason, who and when; the signalement goes `decide`. Journal `decision`,
 * audit `dpc.signalement.decided` with the outcomes. Throws NOT_FOUND, STALE_VERSION, INVALID_STATE.
 */
export async function decideSignalement(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, body: TDpcDecision): Promise<TDpcSignalementState> {
  return changeSignalement(deps.database, ctx, actor, id, { permission: 'dpc:signalement_triage', version: body.version }, async (tx, row) => {
    const refusal = decisionRefusal(row.status, body.outcomes);
    if (refusal) throw new AppError('INVALID_STATE', undefined, refusal);
    const updated = await repo.updateSignalement(tx, row.id, { status: 'decide', decisionOutcomes: body.outcomes, decisionReason: body.reason, decidedAt: new Date(), decidedBy: actor.userId });
    await repo.addEvent(tx, row.id, 'decision', actor.userId, body.reason, { outcomes: body.outcomes });
    await recordAudit(tx, ctx, { action: 'dpc.signalement.decided', entityType: 'dpc_signalement', entityId: row.id, details: { reference: row.reference, outcomes: body.outcomes } });
    return { id: updated.id, reference: updated.reference, status: updated.status, version: updated.version };
  });
}
