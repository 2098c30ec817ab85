import { auditLog } from '../db/schema.js';
import type { Executor } from '../db/client.js';
import type { AuditAction } from '../../../contracts/audit.js';

// The list of actions lives in contracts/, so the web app labels every one of them in French.
export type { AuditAction } from '../../../contracts/audit.js';

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
