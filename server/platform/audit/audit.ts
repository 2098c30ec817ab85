import { auditLog } from '../db/schema.js';
import type { Executor } from '../db/client.js';

/** Every auditable action, named `module.entity.verb_past`. */
export type AuditAction =
  | 'auth.session.created'
  | 'auth.session.second_factor_verified'
  | 'auth.session.ended'
  | 'auth.login.failed'
  | 'auth.second_factor.failed'
  | 'authz.access.denied'
  | 'authz.access.denied_repeatedly'
  | 'audit.checkpoint.written'
  | 'account.password.changed'
  | 'account.password_reset.requested'
  | 'account.password_reset.completed'
  | 'account.totp.setup_started'
  | 'account.totp.enabled'
  | 'account.totp.disabled'
  | 'account.recovery_codes.regenerated'
  | 'account.recovery_code.used'
  | 'admin.user.created'
  | 'admin.user.updated'
  | 'admin.user.second_factor_reset'
  | 'admin.audit_log.read'
  | 'auth.step_up.granted'
  | 'registry.doctor.read'
  | 'registry.doctor.frozen'
  | 'registry.doctor.unfrozen'
  | 'registry.export.created'
  | 'registry.import.completed'
  | 'registry.import.rejected'
  | 'registry.change_request.recorded'
  | 'registry.change_request.held'
  | 'registry.change_request.applied'
  | 'registry.change_request.rejected'
  | 'registry.change_request.frozen'
  | 'registry.identity_check.recorded'
  | 'registry.identity_check.refused'
  | 'registry.change_request.second_review_required'
  | 'registry.contact_verification.sent'
  | 'registry.contact_verification.failed'
  | 'registry.activation.issued'
  | 'registry.activation.completed'
  | 'registry.security_alert.sent'
  | 'reports.report.created'
  | 'reports.report.confirmed'
  | 'reports.report.purged'
  | 'reports.report.read'
  | 'reports.report.assigned'
  | 'reports.report.status_changed'
  | 'reports.report.merged'
  | 'reports.note.added'
  | 'reports.attachment.read'
  | 'reports.attachment.rejected'
  | 'reports.dossier.exported'
  | 'intake.email.received'
  | 'intake.email.rejected'
  | 'campaigns.campaign.created'
  | 'campaigns.campaign.updated'
  | 'campaigns.campaign.reports_grouped'
  | 'campaigns.campaign.merged'
  | 'campaigns.campaign.split'
  | 'campaigns.campaign.qualified'
  | 'campaigns.campaign.closed'
  | 'campaigns.campaign.public_label_proposed'
  | 'campaigns.campaign.public_label_approved'
  | 'campaigns.indicator.held'
  | 'campaigns.indicator.decided'
  | 'campaigns.indicator.marked_false_positive'
  | 'campaigns.indicators.exported'
  | 'alerts.alert.drafted'
  | 'alerts.alert.updated'
  | 'alerts.alert.submitted'
  | 'alerts.alert.approved'
  | 'alerts.alert.returned'
  | 'alerts.alert.withdrawn'
  | 'alerts.broadcast.completed'
  | 'watchlists.watch.added'
  | 'watchlists.watch.removed'
  | 'watchlists.match.notified'
  | 'dashboard.stats.read'
  | 'dpc.import.completed'
  | 'dpc.import.rejected'
  | 'dpc.catalogue.rescreened'
  // Entraide (docs/entraide.md): entries name the case by its id and pseudonym only; a doctor's own
  // request is recorded without its actor, so the journal never links a person to a case.
  | 'entraide.case.requested'
  | 'entraide.case.recorded'
  | 'entraide.case.read'
  | 'entraide.case.assigned'
  | 'entraide.case.note_added'
  | 'entraide.case.decided'
  | 'entraide.case.escalated'
  | 'entraide.case.closed'
  | 'entraide.case.reopened'
  | 'entraide.case.purged'
  | 'entraide.identity.revealed'
  | 'entraide.access.exported'
  | 'entraide.call.logged'
  | 'entraide.call.converted'
  | 'entraide.cresus.referred'
  | 'entraide.cresus.action_recorded'
  | 'entraide.budget.recorded'
  | 'entraide.mandate.granted'
  | 'entraide.mandate.expired'
  | 'entraide.helplines.updated'
  | 'entraide.retention.updated'
  | 'entraide.stats.read';

/** Who acts, from where: built once per request (or per job/script) and passed down to services. */
export interface AuditContext {
  actorId: string | null;
  actorRole: string | null;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = { actorId: null, actorRole: 'system', ip: null, requestId: null };

export interface AuditEvent {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  /** Why, when the action asks for a reason (second-factor reset, bulk export…). */
  reason?: string | null;
  /** Structured facts; never secrets, and personal data only masked (see maskEmail). */
  details?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log inside the caller's transaction, so the entry exists if and only if
 * the change does. The database trigger chains it to the previous entry.
 */
export async function recordAudit(tx: Executor, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await tx.insert(auditLog).values(auditRow(ctx, event));
}

/** Many entries (a grouping batch) in few statements; the chain trigger still runs per row, in order. */
export async function recordAuditBatch(tx: Executor, ctx: AuditContext, events: readonly AuditEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    await tx.insert(auditLog).values(events.slice(i, i + 500).map((event) => auditRow(ctx, event)));
  }
}

function auditRow(ctx: AuditContext, event: AuditEvent) {
  return {
    actorId: ctx.actorId,
    actorRole: ctx.actorRole,
    ip: ctx.ip,
    requestId: ctx.requestId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    reason: event.reason ?? null,
    details: event.details ?? {},
  };
}

/** « j***@example.fr »: enough for a reviewer to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
