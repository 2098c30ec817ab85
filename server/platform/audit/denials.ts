import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { rows } from '../db/rows.js';
import { recordAudit, type AuditContext } from './audit.js';

/**
 * How long repeats of one refusal are counted before their count is written. The first refusal in a
 * window is audited at once; a script hammering a refused route writes two entries per window, not one
 * per call.
 */
export const DENIAL_WINDOW_MINUTES = 10;

export interface AccessDenial {
  /** 'route' for the route guard, or the record type a service refused (alert…). */
  entityType: string;
  /** « GET /api/x » for a route, the record id otherwise. */
  entityId: string | null;
  permission: string;
  /** Facts for the first refusal's entry (the rule that refused…). */
  details?: Record<string, unknown>;
}

interface WindowRow {
  actor_id: string;
  actor_role: string | null;
  entity_type: string;
  entity_id: string;
  permission: string;
  repeats: number;
  closed_repeats: number;
  closed_started_at: Date | string | null;
  closed_last_at: Date | string | null;
  closed_ip: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * Audits a refusal to a logged-in user, aggregated: the first (user, entity, permission) refusal in a
 * DENIAL_WINDOW_MINUTES window writes `authz.access.denied` as before; later ones in the window only bump
 * a shared counter (one upsert on an unlogged table); the first refusal after the window writes the
 * previous window's count as `authz.access.denied_repeatedly`, then a new `authz.access.denied`. Windows
 * nobody comes back to are written by flushDenialWindows. Anonymous refusals are written as they come.
 */
export async function recordAccessDenial(database: Database, ctx: AuditContext, denial: AccessDenial): Promise<void> {
  const deniedEvent = {
    action: 'authz.access.denied' as const,
    entityType: denial.entityType,
    entityId: denial.entityId,
    details: { permission: denial.permission, ...denial.details },
  };
  if (!ctx.actorId) {
    await recordAudit(database.db, ctx, deniedEvent);
    return;
  }
  const actorId = ctx.actorId;
  await database.db.transaction(async (tx) => {
    const expired = sql`w.window_started_at <= now() - make_interval(mins => ${DENIAL_WINDOW_MINUTES})`;
    const [row] = await rows<WindowRow>(
      tx,
      sql`
        INSERT INTO access_denial_windows AS w
          (actor_id, actor_role, entity_type, entity_id, permission, window_started_at, last_denied_at, last_ip)
        VALUES (${actorId}, ${ctx.actorRole}, ${denial.entityType}, ${denial.entityId ?? ''}, ${denial.permission}, now(), now(), ${ctx.ip})
        ON CONFLICT (actor_id, entity_type, entity_id, permission) DO UPDATE SET
          closed_repeats = CASE WHEN ${expired} THEN w.repeats ELSE 0 END,
          closed_started_at = CASE WHEN ${expired} THEN w.window_started_at END,
          closed_last_at = CASE WHEN ${expired} THEN w.last_denied_at END,
          closed_ip = CASE WHEN ${expired} THEN w.last_ip END,
          window_started_at = CASE WHEN ${expired} THEN now() ELSE w.window_started_at END,
          repeats = CASE WHEN ${expired} THEN 0 ELSE w.repeats + 1 END,
          last_denied_at = now(),
          last_ip = EXCLUDED.last_ip,
          actor_role = EXCLUDED.actor_role
        RETURNING w.*`,
    );
    if (!row || row.repeats > 0) return;
    if (row.closed_repeats > 0) {
      await recordRepeats(tx, { ...row, repeats: row.closed_repeats, started: row.closed_started_at, last: row.closed_last_at, ip: row.closed_ip });
    }
    await recordAudit(tx, ctx, deniedEvent);
  });
}

async function recordRepeats(
  tx: Executor,
  w: Pick<WindowRow, 'actor_id' | 'actor_role' | 'entity_type' | 'entity_id' | 'permission' | 'repeats'> & {
    started: Date | string | null;
    last: Date | string | null;
    ip: string | null;
  },
): Promise<void> {
  await recordAudit(tx, { actorId: w.actor_id, actorRole: w.actor_role, ip: w.ip, requestId: null }, {
    action: 'authz.access.denied_repeatedly',
    entityType: w.entity_type,
    entityId: w.entity_id || null,
    // The journal's reader sees the reason column: the count belongs there, in French.
    reason: `${w.repeats} refus supplémentaire${w.repeats > 1 ? 's' : ''} dans les ${DENIAL_WINDOW_MINUTES} minutes suivant le refus journalisé`,
    details: { permission: w.permission, repeats: w.repeats, windowStartedAt: iso(w.started), lastDeniedAt: iso(w.last) },
  });
}

/**
 * Closes the windows older than DENIAL_WINDOW_MINUTES: writes the count of each that had repeats and
 * forgets them all, in one transaction. Run by the maintenance sweep, so the count of a script that
 * stopped is written even if the user never comes back. Returns how many counts were written.
 */
export async function flushDenialWindows(database: Database): Promise<number> {
  return database.db.transaction(async (tx) => {
    const closed = await rows<WindowRow & { window_started_at: Date | string; last_denied_at: Date | string; last_ip: string | null }>(
      tx,
      sql`
        DELETE FROM access_denial_windows
        WHERE window_started_at <= now() - make_interval(mins => ${DENIAL_WINDOW_MINUTES})
        RETURNING *`,
    );
    const withRepeats = closed.filter((w) => w.repeats > 0).sort((a, b) => iso(a.last_denied_at)!.localeCompare(iso(b.last_denied_at)!));
    for (const w of withRepeats) await recordRepeats(tx, { ...w, started: w.window_started_at, last: w.last_denied_at, ip: w.last_ip });
    return withRepeats.length;
  });
}
