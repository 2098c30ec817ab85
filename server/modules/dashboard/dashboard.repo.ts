import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';

// One query per chart, aggregated in PostgreSQL. Days and weeks are those of Europe/Paris. The charts
// count confirmed reports that are not merged duplicates; the status count shows duplicates too.

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
const WEEK = sql`to_char(date_trunc('week', r.created_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD')`;

export type Dimension = 'channel' | 'scam_family' | 'departement';
const DIMENSIONS: Record<Dimension, SQL> = {
  channel: sql`r.channel`,
  scam_family: sql`coalesce(r.scam_family, '')`,
  departement: sql`coalesce(r.departement, '')`,
};

/** Reports per ISO week (Monday's date) and value of the dimension. */
export async function countPerWeek(db: Executor, s: Scope, dimension: Dimension) {
  const key = DIMENSIONS[dimension];
  return rows<{ week: string; key: string; count: number }>(
    db,
    sql`
      SELECT ${WEEK} AS week, ${key} AS key, count(*)::int AS count
      FROM reports r
      WHERE ${charted(s)}
      GROUP BY 1, 2
      ORDER BY 1, 2`,
  );
}

/** Campaigns with the most reports filed during the period (within the scope). */
export async function topCampaigns(db: Executor, s: Scope, limit: number) {
  return rows<{ id: string; reference: string; label: string; status: string; reports: number }>(
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

/** Reports filed during the period by current status (merged duplicates included, unconfirmed not). */
export async function countByStatus(db: Executor, s: Scope) {
  return rows<{ status: string; count: number }>(
    db,
    sql`
      SELECT r.status, count(*)::int AS count
      FROM reports r
      WHERE r.status <> 'en_attente_confirmation' AND ${inDepartement(s)} AND ${inPeriod(sql`r.created_at`, s)}
      GROUP BY r.status
      ORDER BY r.status`,
  );
}
