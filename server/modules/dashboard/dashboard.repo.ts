import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';

// The dashboard's figures aggregated from the reports themselves. Days and weeks are those of
// Europe/Paris. The charts count confirmed reports that are not merged duplicates; the status count
// shows duplicates too. A département's dashboard reads these; the national one reads the same counts
// from the daily rollup (dashboard-rollup.repo.ts), except the time to qualification (a median).

export interface Scope {
  from: string;
  to: string;
  /** null = every département. */
  departement: string | null;
}

const inPeriod = (column: SQL, s: Scope) =>
  sql`${column} >= (${s.from}::date)::timestamp AT TIME ZONE 'Europe/Paris' AND ${column} < ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`;
const inDepartement = (s: Scope) => (s.departement === null ? sql`TRUE` : sql`r.departement = ${s.departement}`);
const charted = (s: Scope) => sql`r.status NOT IN ('en_attente_confirmation', 'fusionne') AND ${inDepartement(s)} AND ${inPeriod(sql`r.created_at`, s)}`;

export type Dimension = 'channel' | 'scam_family' | 'departement';
export interface WeekCount {
  week: string;
  key: string;
  count: number;
}
export interface PeriodCounts {
  perWeek: Record<Dimension, WeekCount[]>;
  byStatus: { status: string; count: number }[];
}

/**
 * Reports per ISO week (Monday's date) and value of each dimension, and reports by status, in one read
 * of the period's rows (GROUPING SETS) instead of one per chart: with a million reports the period's
 * rows, not the aggregation, are the cost. Merged duplicates are grouped apart (`merged`) so the charts
 * leave them out while the status count keeps them; sorted by the database, as each chart's own query was.
 */
export async function countPeriod(db: Executor, s: Scope): Promise<PeriodCounts> {
  // The subquery names the merged flag apart from the status: grouping sets then never mistake one for
  // the other (PostgreSQL 15 read `status = 'fusionne'` in HAVING as the status column, null outside its set).
  const found = await rows<{ dimension: Dimension | 'status'; week: string | null; key: string; count: number }>(
    db,
    sql`
      SELECT CASE WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(family) = 0 THEN 'scam_family'
                  WHEN GROUPING(departement) = 0 THEN 'departement' ELSE 'status' END AS dimension,
             to_char(week, 'YYYY-MM-DD') AS week,
             CASE WHEN GROUPING(channel) = 0 THEN channel WHEN GROUPING(family) = 0 THEN family
                  WHEN GROUPING(departement) = 0 THEN departement ELSE status END AS key,
             count(*)::int AS count
      FROM (
        SELECT date_trunc('week', r.created_at AT TIME ZONE 'Europe/Paris') AS week, r.channel, coalesce(r.scam_family, '') AS family,
               coalesce(r.departement, '') AS departement, r.status, r.status = 'fusionne' AS merged
        FROM reports r
        WHERE r.status <> 'en_attente_confirmation' AND ${inDepartement(s)} AND ${inPeriod(sql`r.created_at`, s)}
      ) p
      GROUP BY GROUPING SETS ((week, channel, merged), (week, family, merged), (week, departement, merged), (status))
      HAVING GROUPING(status) = 0 OR NOT merged
      ORDER BY 1, 2, 3`,
  );
  const perWeek: Record<Dimension, WeekCount[]> = { channel: [], scam_family: [], departement: [] };
  const byStatus: PeriodCounts['byStatus'] = [];
  for (const row of found) {
    if (row.dimension === 'status') byStatus.push({ status: row.key, count: Number(row.count) });
    else perWeek[row.dimension].push({ week: row.week!, key: row.key, count: Number(row.count) });
  }
  return { perWeek, byStatus };
}

export interface TopCampaign {
  id: string;
  reference: string;
  label: string;
  status: string;
  reports: number;
}

/** Campaigns with the most reports filed during the period (within the scope). */
export async function topCampaigns(db: Executor, s: Scope, limit: number): Promise<TopCampaign[]> {
  return rows<TopCampaign>(
    db,
    sql`
      SELECT c.id, c.reference, c.label, c.status, count(*)::int AS reports
      FROM reports r
      JOIN campaigns c ON c.id = r.campaign_id
      WHERE ${charted(s)}
      GROUP BY c.id
      ORDER BY reports DESC, c.reference
      LIMIT ${limit}`,
  );
}

/** Reports qualified during the period: how many, and the median hours from filing to qualification. */
export async function qualificationDelay(db: Executor, s: Scope) {
  const [row] = await rows<{ qualified: number; median_hours: number | null }>(
    db,
    sql`
      SELECT count(*)::int AS qualified,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.qualified_at - r.created_at)::float8) / 3600 AS median_hours
      FROM reports r
      WHERE r.qualified_at IS NOT NULL AND r.status NOT IN ('en_attente_confirmation', 'fusionne')
        AND ${inDepartement(s)} AND ${inPeriod(sql`r.qualified_at`, s)}`,
  );
  return { qualified: Number(row?.qualified ?? 0), medianHours: row?.median_hours === null || row?.median_hours === undefined ? null : Number(row.median_hours) };
}
