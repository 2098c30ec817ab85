import type { ServiceDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/client.js';
import type { ChangeRequestRow, DoctorRow, HoldReason } from '../../platform/db/schema.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import * as repo from './change-requests.repo.js';
import { applyChangeRequest, type ChangeNotice } from './apply-change.js';
import { applyRegistration } from './registration.service.js';
import { findHoldReasons } from './suspicious-details.js';
import { findSecondReviewReasons } from './second-review.js';

/** A confirmed request about to be held for a second agent or applied. */
export interface ConfirmedChange {
  request: ChangeRequestRow;
  /** The record, locked in the caller's transaction; for a registration, the record it would create. */
  doctor: DoctorRow;
  /** Who applies the change: the agent who checked the identity, or the doctor in their own space. */
  actorId: string;
  /** The agent who checked the identity in person; absent when the doctor confirmed through codes. */
  checkedBy?: string;
  /**
   * Whether the old channels must be able to confirm the change (second-review reasons). Asked of a
   * change checked at the counter; the doctor's own space already proved the new channels by code.
   */
  secondReview: boolean;
}

/** The request after the step, and what to tell the previous channels once the transaction commits. */
export interface HoldOrApplyOutcome {
  request: ChangeRequestRow;
  notice: ChangeNotice | null;
}

/**
 * The last step of a confirmed change, in the caller's transaction: suspicious new details (and, when
 * asked, a change the old channels cannot confirm) hold the request « en revue » with its reasons and an
 * audit row per family of reasons; otherwise the change applies now. Notifications are the caller's, after
 * commit. Throws INVALID_STATE (a registration whose RPPS was registered meanwhile).
 */
export async function holdOrApplyChange(tx: Executor, deps: ServiceDeps, ctx: AuditContext, change: ConfirmedChange): Promise<HoldOrApplyOutcome> {
  const { request, doctor, actorId, checkedBy } = change;
  const holdReasons = await findHoldReasons(tx, doctor, request.requested);
  const reviewReasons = change.secondReview ? await findSecondReviewReasons(tx, deps, request, doctor) : [];
  await auditReasons(tx, ctx, request, 'registry.change_request.held', holdReasons);
  await auditReasons(tx, ctx, request, 'registry.change_request.second_review_required', reviewReasons);
  if (holdReasons.length + reviewReasons.length > 0) {
    const held = await repo.updateChangeRequest(tx, request.id, { status: 'en_revue', checkedBy, holdReasons: [...holdReasons, ...reviewReasons] });
    return { request: held, notice: null };
  }
  let notice: ChangeNotice | null = null;
  if (request.kind === 'registration') await applyRegistration(tx, ctx, actorId, request);
  else notice = (await applyChangeRequest(tx, deps, ctx, actorId, request, doctor)).notice;
  const applied = checkedBy ? await repo.updateChangeRequest(tx, request.id, { checkedBy }) : await repo.findChangeRequest(tx, request.id);
  return { request: applied!, notice };
}

async function auditReasons(
  tx: Executor,
  ctx: AuditContext,
  request: ChangeRequestRow,
  action: 'registry.change_request.held' | 'registry.change_request.second_review_required',
  reasons: HoldReason[],
): Promise<void> {
  if (reasons.length === 0) return;
  await recordAudit(tx, ctx, { action, entityType: 'change_request', entityId: request.id, details: { reasons: reasons.map((r) => r.code) } });
}
