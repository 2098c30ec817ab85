import { sql } from 'drizzle-orm';
import {
  ENTRAIDE_CASE_STATUSES,
  ENTRAIDE_DECISION_KINDS,
  ENTRAIDE_NATURES,
  ENTRAIDE_STATS_MIN_CELL,
  type EntraideCaseStatus,
  type EntraideDecisionKind,
  type EntraideNature,
  type TEntraideStats,
} from '../../../contracts/entraide.schemas.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import { rows } from '../../platform/db/rows.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { requireCurrentMandate } from './entraide.policy.js';

// Anonymised statistics for the CNE and administrators (docs/entraide.md « Data protection »): counts of
// cases by nature, status, outcome, département and month, the median duration, escalations and Crésus
// referrals. No count between 1 and ENTRAIDE_STATS_MIN_CELL − 1 is shown (« moins de 5 »), and where the
// cells of a breakdown add up to the total, one more cell is hidden whenever exactly one is, so the hidden
// one cannot be worked out by subtraction. The window is widened to whole months: two windows a day apart
// would otherwise isolate the cases of that day by difference.

/** A count as published: null when it could point at fewer than ENTRAIDE_STATS_MIN_CELL people. */
export function suppressCell(n: number): number | null {
  return n > 0 && n < ENTRAIDE_STATS_MIN_CELL ? null : n;
}

/**
 * Suppresses a breakdown whose cells add up to a published total: primary suppression of small cells,
 * then, if exactly one cell is hidden, the smallest other non-zero cell too (secondary suppression).
 */
export function suppressPartition<T extends { count: number }>(cells: readonly T[]): (Omit<T, 'count'> & { count: number | null })[] {
  const out: (Omit<T, 'count'> & { count: number | null })[] = cells.map((c) => ({ ...c, count: suppressCell(c.count) }));
  const hidden = out.filter((c) => c.count === null).length;
  if (hidden === 1) {
    let smallest = -1;
    out.forEach((c, i) => {
      if (c.count !== null && c.count > 0 && (smallest < 0 || c.count < out[smallest]!.count!)) smallest = i;
    });
    if (smallest >= 0) out[smallest]!.count = null;
  }
  return out;
}

/** The first day of the month of `day`, and the last day of the month of `day`. */
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${day.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

export async function readStats(deps: ServiceDeps, ctx: AuditContext, actor: Actor, query: { from?: string | undefined; to?: string | undefined }): Promise<TEntraideStats> {
  // A CNE member reads them under a current mandate, like everything else of theirs; administrators always.
  if (actor.role === 'membre_cne') await requireCurrentMandate(deps.database, ctx, actor, 'entraide:stats_read');
  const from = query.from ? monthStart(query.from) : null;
  const to = query.to ? monthEnd(query.to) : null;
  if (from && to && from > to) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'to', message: 'La fin de la période précède son début.' }] });

  const db = deps.database.db;
  // Cases are placed by the Paris day they were opened; the window is inclusive.
  const opened = sql`(c.opened_at AT TIME ZONE 'Europe/Paris')::date`;
  const window = sql`${from ? sql`${opened} >= ${from}::date` : sql`true`} AND ${to ? sql`${opened} <= ${to}::date` : sql`true`}`;
  const inWindow = sql`SELECT * FROM entraide_cases c WHERE ${window}`;

  const [[totals], byNature, byStatus, byOutcome, byDepartement, byMonth, [duration]] = await Promise.all([
    rows<{ total: number; escalated: number; cresus: number }>(
      db,
      sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE w.escalated_at IS NOT NULL)::int AS escalated,
                 count(r.id)::int AS cresus
          FROM (${inWindow}) w LEFT JOIN entraide_cresus_referrals r ON r.case_id = w.id`,
    ),
    rows<{ key: EntraideNature; n: number }>(db, sql`SELECT n.nature AS key, count(*)::int AS n FROM (${inWindow}) w, unnest(w.natures) AS n(nature) GROUP BY 1`),
    rows<{ key: EntraideCaseStatus; n: number }>(db, sql`SELECT w.status AS key, count(*)::int AS n FROM (${inWindow}) w GROUP BY 1`),
    // A case's outcome is the last decision taken on it; a case without a decision has none.
    rows<{ key: EntraideDecisionKind; n: number }>(
      db,
      sql`SELECT last.kind AS key, count(*)::int AS n
          FROM (${inWindow}) w
          CROSS JOIN LATERAL (SELECT d.kind FROM entraide_decisions d WHERE d.case_id = w.id ORDER BY d.decided_on DESC, d.created_at DESC LIMIT 1) last
          GROUP BY 1`,
    ),
    rows<{ key: string; n: number }>(db, sql`SELECT w.departement AS key, count(*)::int AS n FROM (${inWindow}) w GROUP BY 1 ORDER BY 1`),
    rows<{ key: string; n: number }>(db, sql`SELECT to_char((w.opened_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM') AS key, count(*)::int AS n FROM (${inWindow}) w GROUP BY 1 ORDER BY 1`),
    rows<{ closed: number; median: number | string | null }>(
      db,
      sql`SELECT count(*)::int AS closed,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM w.closed_at - w.opened_at) / 86400) AS median
          FROM (${inWindow}) w WHERE w.closed_at IS NOT NULL`,
    ),
  ]);

  const countOf = <K extends string>(list: { key: K; n: number }[], key: K) => list.find((r) => r.key === key)?.n ?? 0;
  const closed = duration?.closed ?? 0;
  const result: TEntraideStats = {
    from,
    to,
    total: suppressCell(totals?.total ?? 0),
    // A case names one to five natures: these cells overlap and do not add up to the total.
    byNature: ENTRAIDE_NATURES.map((nature) => ({ nature, count: suppressCell(countOf(byNature, nature)) })),
    byStatus: suppressPartition(ENTRAIDE_CASE_STATUSES.map((status) => ({ status, count: countOf(byStatus, status) }))),
    // Cases without a decision are not an outcome: these cells do not add up to the total either.
    byOutcome: ENTRAIDE_DECISION_KINDS.map((outcome) => ({ outcome, count: suppressCell(countOf(byOutcome, outcome)) })),
    byDepartement: suppressPartition(byDepartement.map((r) => ({ departement: r.key, count: r.n }))),
    byMonth: suppressPartition(byMonth.map((r) => ({ month: r.key, count: r.n }))),
    medianDurationDays: closed >= ENTRAIDE_STATS_MIN_CELL && duration?.median !== null && duration?.median !== undefined ? Math.round(Number(duration.median) * 10) / 10 : null,
    escalatedToCne: suppressCell(totals?.escalated ?? 0),
    cresusReferrals: suppressCell(totals?.cresus ?? 0),
  };
  await recordAudit(db, ctx, { action: 'entraide.stats.read', entityType: 'entraide_stats', entityId: null, details: { from, to } });
  return result;
}
