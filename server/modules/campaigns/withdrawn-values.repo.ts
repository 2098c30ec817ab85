import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import type { IndicatorKind } from '../../platform/db/schema-reports.js';

// The campaign page's « Valeurs retirées »: what the campaign published (partners may have received it)
// and the indicator backfill withdrew (indicator-backfill.repo.ts withdrawUncarriedPublished). Read
// only; nothing here changes a row.

export interface WithdrawnValueRow {
  kind: IndicatorKind;
  value: string;
  /** When the backfill withdrew it (its audit entry; the row's last change if that entry is missing). */
  withdrawn_at: string | Date;
  /** The extraction version the reports were read again with (null without its audit entry). */
  extraction_version: number | null;
}

/**
 * The values some report of `departement` in the campaign carried until it was read again: each
 * report's `campaigns.report.indicators_reread` entry lists what it lost, the only trace left of which
 * reports carried a value no report carries any more.
 */
const removedFromReportsOf = (campaignId: string, departement: string) => sql`
  SELECT DISTINCT e ->> 'kind' AS kind, e ->> 'value' AS value
  FROM reports r
  JOIN audit_log a ON a.entity_type = 'report' AND a.entity_id = r.id::text AND a.action = 'campaigns.report.indicators_reread'
  CROSS JOIN LATERAL jsonb_array_elements(a.details -> 'removed') AS e
  WHERE r.campaign_id = ${campaignId} AND r.departement = ${departement}`;

export interface CampaignWithdrawnValues {
  /** Most recently withdrawn first, at most `limit`. */
  values: WithdrawnValueRow[];
  /** Withdrawn values the reader may see (beyond `limit` included). */
  total: number;
  /** Withdrawn values only other départements' reports carried (none for a national reader). */
  otherDepartements: number;
}

/**
 * The values the campaign published that the indicator backfill withdrew (`fraud_indicators.status =
 * 'withdrawn'`, tied to the campaign by `campaign_id`, which follows merges), dated by their
 * `campaigns.indicator.withdrawn` audit entry, written in the transaction that withdrew them. A
 * départemental reader (`departement`) gets those his département's reports carried; the others are
 * only counted, as for the indicators.
 */
export async function campaignWithdrawnValues(db: Executor, campaignId: string, departement: string | null, limit = 200): Promise<CampaignWithdrawnValues> {
  const found = await rows<WithdrawnValueRow & { in_scope: boolean; total: number; others: number }>(
    db,
    sql`
      WITH w AS (
        SELECT f.id, f.kind, f.value, f.updated_at, i.id AS indicator_id
        FROM fraud_indicators f LEFT JOIN indicators i ON i.kind = f.kind AND i.value = f.value
        WHERE f.campaign_id = ${campaignId} AND f.status = 'withdrawn'),
      ${departement === null ? sql`` : sql`here AS (${removedFromReportsOf(campaignId, departement)}),`}
      dated AS (
        SELECT w.kind, w.value, coalesce(a.occurred_at, w.updated_at) AS withdrawn_at, (a.details ->> 'extractionVersion')::int AS extraction_version,
               ${departement === null ? sql`true` : sql`EXISTS (SELECT 1 FROM here WHERE here.kind = w.kind AND here.value = w.value)`} AS in_scope
        FROM w
        LEFT JOIN LATERAL (
          -- The entry names the indicator (the published row when it has none) and the value.
          SELECT a.occurred_at, a.details FROM audit_log a
          WHERE a.entity_type = 'indicator' AND a.entity_id IN (w.indicator_id::text, w.id::text)
            AND a.action = 'campaigns.indicator.withdrawn' AND a.details ->> 'kind' = w.kind AND a.details ->> 'value' = w.value
          ORDER BY a.id DESC LIMIT 1) a ON true)
      SELECT kind, value, withdrawn_at, extraction_version, in_scope,
             count(*) FILTER (WHERE in_scope) OVER () AS total, count(*) FILTER (WHERE NOT in_scope) OVER () AS others
      FROM dated
      ORDER BY in_scope DESC, withdrawn_at DESC, kind, value
      LIMIT ${limit}`,
  );
  return {
    values: found
      .filter((r) => r.in_scope)
      .map((r) => ({ kind: r.kind, value: r.value, withdrawn_at: r.withdrawn_at, extraction_version: r.extraction_version === null ? null : Number(r.extraction_version) })),
    total: Number(found[0]?.total ?? 0),
    otherDepartements: Number(found[0]?.others ?? 0),
  };
}
