import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import type { Dimension, PeriodCounts, TopCampaign } from './dashboard.repo.js';

// The national dashboard's counts from report_day_counts (migration 0027): reports per Paris day and
// value, kept exact by trigger, so a period of twelve weeks is ~10,000 rollup rows instead of ~75,000
// reports. Same answers, same order as the direct queries of dashboard.repo.ts, which serve a
// département (dashboard-rollup.test.ts holds the two to each other).

export interface Days {
  from: string;
  to: string;
}

const inDays = (d: Days) => sql`day BETWEEN ${d.from}::date AND ${d.to}::date`;

/** countPeriod over every département, read from the rollup. */
export async function countPeriodFromRollup(db: Executor, d: Days): Promise<PeriodCounts> {
  const found = await rows<{ dimension: Dimension | 'status'; week: string | null; key: string; count: number }>(
    db,
    sql`
      SELECT dimension, to_char(week, 'YYYY-MM-DD') AS week, key, count
      FROM (
        SELECT dimension, CASE WHEN dimension = 'status' THEN NULL ELSE date_trunc('week', day::timestamp) END AS week, key, sum(n)::int AS count
        FROM report_day_counts
        WHERE dimension IN ('status', 'channel', 'scam_family', 'departement') AND ${inDays(d)}
        GROUP BY 1, 2, 3
        HAVING sum(n) <> 0
      ) p
      ORDER BY 1, 2, 3`,
  );
  const perWeek: Record<Dimension, PeriodCounts['perWeek'][Dimension]> = { channel: [], scam_family: [], departement: [] };
  const byStatus: PeriodCounts['byStatus'] = [];
  for (const row of found) {
    if (row.dimension === 'status') byStatus.push({ status: row.key, count: Number(row.count) });
    else perWeek[row.dimension].push({ week: row.week!, key: row.key, count: Number(row.count) });
  }
  return { perWeek, byStatus };
}

/** topCampaigns over every département, read from the rollup. */
export async function topCampaignsFromRollup(db: Executor, d: Days, limit: number): Promise<TopCampaign[]> {
  return rows<TopCampaign>(
    db,
    sql`
      SELECT c.id, c.reference, c.label, c.status, t.reports
      FROM (
        SELECT key::uuid AS id, sum(n)::int AS reports FROM report_day_counts
        WHERE dimension = 'campaign' AND ${inDays(d)}
        GROUP BY key HAVING sum(n) <> 0
      ) t
      JOIN campaigns c ON c.id = t.id
      ORDER BY t.reports DESC, c.reference
      LIMIT ${limit}`,
  );
}
