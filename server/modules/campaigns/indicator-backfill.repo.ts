import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import type { IndicatorKind, IndicatorStatus } from '../../platform/db/schema-reports.js';
import type { ReportSourceRow } from './report-indicators.js';

// Statements of the indicator backfill (indicator-backfill.service.ts). Like the grouping's, each takes
// a whole batch as arrays (unnest), so a batch costs a fixed number of statements.

const uuids = (values: readonly string[]) => sql`${sql.param(values)}::uuid[]`;
const texts = (values: readonly string[]) => sql`${sql.param(values)}::text[]`;
const ints = (values: readonly number[]) => sql`${sql.param(values)}::int[]`;
const times = (values: readonly Date[]) => sql`${sql.param(values.map((d) => d.toISOString()))}::timestamptz[]`;

export interface BackfillReportRow extends ReportSourceRow {
  id: string;
  created_at: string | Date;
  /** The stored analysis reduced to what is read again: kind, shown text, indicators (null: none stored). */
  analysis: unknown;
}

/**
 * Grouped reports (they have indicator rows; pending ones get today's when grouped) after `after` in id
 * order, `limit` at a time; `groupedSince`: only those grouped from that moment (the catch-up pass).
 */
export async function readGroupedReports(db: Executor, limit: number, after: string | null, groupedSince: Date | null): Promise<BackfillReportRow[]> {
  // In id order through the primary key, LIMIT rows at a time: without statistics (PGlite) the planner
  // may otherwise scan and sort the whole table at every batch, as it did for the grouping's reads.
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
    await tx.execute(sql`SET LOCAL enable_sort = off`);
    return rows<BackfillReportRow>(
      tx,
      sql`
        SELECT r.id, r.created_at, r.channel, r.caller_number, r.sender, r.links, r.organisation_name, r.pasted_text, r.description,
               CASE WHEN r.analysis IS NULL OR jsonb_typeof(r.analysis) <> 'object' THEN NULL
                    ELSE jsonb_build_object('kind', r.analysis -> 'kind', 'shownText', r.analysis -> 'shownText', 'indicators', r.analysis -> 'indicators') END AS analysis,
               r.reporter_email, u.email AS reporter_user_email,
               ARRAY(SELECT p FROM doctors d, unnest(ARRAY[d.pro_phone, d.corr_phone]) AS p
                     WHERE d.user_id = r.reporter_user_id AND p IS NOT NULL) AS reporter_phones
        FROM reports r LEFT JOIN users u ON u.id = r.reporter_user_id
        WHERE r.grouped_at IS NOT NULL
          ${after === null ? sql`` : sql`AND r.id > ${after}::uuid`}
          ${groupedSince === null ? sql`` : sql`AND r.grouped_at >= ${groupedSince.toISOString()}::timestamptz`}
        ORDER BY r.id
        LIMIT ${limit}`,
    );
  });
}

export interface StoredReportIndicator {
  report_id: string;
  kind: IndicatorKind;
  value: string;
  /** The indicator's status (null if its row is missing), for the audit of what a report lost. */
  status: IndicatorStatus | null;
}

/** The indicator rows of the reports, as they are now (read under the grouping lock). */
export async function readReportIndicators(tx: Executor, reportIds: readonly string[]): Promise<StoredReportIndicator[]> {
  return rows<StoredReportIndicator>(
    tx,
    sql`
      SELECT ri.report_id, ri.kind, ri.value, i.status
      FROM report_indicators ri LEFT JOIN indicators i ON i.kind = ri.kind AND i.value = ri.value
      WHERE ri.report_id = ANY(${uuids(reportIds)})`,
  );
}

/** The campaign each report is in now (null: none). */
export async function readCampaignsOf(tx: Executor, reportIds: readonly string[]): Promise<Map<string, string | null>> {
  const found = await rows<{ id: string; campaign_id: string | null }>(tx, sql`SELECT id, campaign_id FROM reports WHERE id = ANY(${uuids(reportIds)})`);
  return new Map(found.map((r) => [r.id, r.campaign_id]));
}

export interface IndicatorRowChange {
  reportId: string;
  kind: IndicatorKind;
  value: string;
}

export async function deleteReportIndicators(tx: Executor, removed: readonly IndicatorRowChange[]): Promise<void> {
  if (removed.length === 0) return;
  await tx.execute(sql`
    DELETE FROM report_indicators ri
    USING unnest(${uuids(removed.map((r) => r.reportId))}, ${texts(removed.map((r) => r.kind))}, ${texts(removed.map((r) => r.value))}) AS u(id, k, v)
    WHERE ri.report_id = u.id AND ri.kind = u.k AND ri.value = u.v AND ri.report_id = ANY(${uuids(removed.map((r) => r.reportId))})`);
}

/** Reports fewer carrying each value. The row stays, and with it any agent's decision on the value. */
export async function removeSightings(tx: Executor, counts: readonly { kind: IndicatorKind; value: string; reports: number }[]): Promise<void> {
  if (counts.length === 0) return;
  await tx.execute(sql`
    UPDATE indicators i SET sightings = greatest(i.sightings - u.n, 0), updated_at = now()
    FROM unnest(${texts(counts.map((c) => c.kind))}, ${texts(counts.map((c) => c.value))}, ${ints(counts.map((c) => c.reports))}) AS u(k, v, n)
    WHERE i.kind = u.k AND i.value = u.v`);
}

export interface AddedSighting {
  kind: IndicatorKind;
  value: string;
  /** Status of a value never seen before (commun or actif). */
  initialStatus: IndicatorStatus;
  reports: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/**
 * Reports more carrying each value, created when new. Unlike a new report's sighting, an old report read
 * again does not bring an expired value back: its status (an agent's decision included) is left as is.
 */
export async function addSightings(tx: Executor, sightings: readonly AddedSighting[], expiryDays: number): Promise<void> {
  if (sightings.length === 0) return;
  await tx.execute(sql`
    INSERT INTO indicators AS i (kind, value, status, sightings, first_seen_at, last_seen_at, expires_at)
    SELECT k, v, st, n, f, l, l + make_interval(days => ${expiryDays}::int)
    FROM unnest(${texts(sightings.map((s) => s.kind))}, ${texts(sightings.map((s) => s.value))}, ${texts(sightings.map((s) => s.initialStatus))},
                ${ints(sightings.map((s) => s.reports))}, ${times(sightings.map((s) => s.firstSeenAt))}, ${times(sightings.map((s) => s.lastSeenAt))})
         AS u(k, v, st, n, f, l)
    ORDER BY k, v
    ON CONFLICT (kind, value) DO UPDATE SET
      sightings = i.sightings + excluded.sightings,
      first_seen_at = LEAST(i.first_seen_at, excluded.first_seen_at),
      last_seen_at = GREATEST(i.last_seen_at, excluded.last_seen_at),
      expires_at = GREATEST(i.expires_at, excluded.expires_at),
      updated_at = now()`);
}

export interface WithdrawnValue {
  id: string;
  kind: IndicatorKind;
  value: string;
  campaign_id: string | null;
  previous: 'active' | 'expired';
  indicator_id: string | null;
  indicator_status: IndicatorStatus | null;
}

/**
 * Of the values, the published ones (active or expired) no report carries any more: withdrawn, so that
 * analyses and registry holds stop flagging them (the NOTIFY trigger tells every instance's cache).
 */
export async function withdrawUncarriedPublished(tx: Executor, values: readonly { kind: IndicatorKind; value: string }[]): Promise<WithdrawnValue[]> {
  if (values.length === 0) return [];
  return rows<WithdrawnValue>(
    tx,
    sql`
      WITH gone AS (
        SELECT f.id, f.status AS previous, i.id AS indicator_id, i.status AS indicator_status
        FROM fraud_indicators f
        JOIN unnest(${texts(values.map((v) => v.kind))}, ${texts(values.map((v) => v.value))}) AS u(k, v) ON f.kind = u.k AND f.value = u.v
        LEFT JOIN indicators i ON i.kind = f.kind AND i.value = f.value
        WHERE f.status IN ('active', 'expired')
          AND NOT EXISTS (SELECT 1 FROM report_indicators ri WHERE ri.kind = f.kind AND ri.value = f.value)
        FOR UPDATE OF f)
      UPDATE fraud_indicators f SET status = 'withdrawn', updated_at = now()
      FROM gone WHERE f.id = gone.id
      RETURNING f.id, f.kind, f.value, f.campaign_id, gone.previous, gone.indicator_id, gone.indicator_status`,
  );
}

/** Published values still carried: their count of reports follows the rows read again. */
export async function refreshPublishedCounts(tx: Executor, values: readonly { kind: IndicatorKind; value: string }[]): Promise<void> {
  if (values.length === 0) return;
  await tx.execute(sql`
    UPDATE fraud_indicators f SET report_count = i.sightings, updated_at = now()
    FROM unnest(${texts(values.map((v) => v.kind))}, ${texts(values.map((v) => v.value))}) AS u(k, v), indicators i
    WHERE f.kind = u.k AND f.value = u.v AND i.kind = f.kind AND i.value = f.value
      AND f.status IN ('active', 'expired') AND f.report_count <> i.sightings`);
}

/**
 * Where the catch-up pass starts, on the database's clock (it stamps `grouped_at`): an hour back, since
 * `now()` is a transaction's start and a grouping begun before the walk may commit during it.
 */
export async function catchUpSince(db: Executor): Promise<Date> {
  const found = await rows<{ now: string | Date }>(db, sql`SELECT now() - interval '1 hour' AS now`);
  return new Date(found[0]!.now);
}

// The run-once marker (table indicator_backfill_runs, migration 0028).

export interface BackfillCounts {
  reportsRead: number;
  reportsChanged: number;
  rowsAdded: number;
  rowsRemoved: number;
  valuesWithdrawn: number;
}

/**
 * Records the run of `version` unless one is recorded: 'enqueue' for the one caller (of all instances)
 * that inserted it — or that finds it unfinished an hour after it was queued (the job lost in a crash
 * between this insert and the queueing; a second job is harmless, each batch runs under the grouping
 * lock and a second reading changes nothing). A database without grouped reports has nothing to read
 * again: its run is recorded finished at once, and nothing is to be queued.
 */
export async function claimRun(db: Executor, version: number): Promise<'enqueue' | 'nothing_to_read' | 'already_claimed'> {
  const claimed = await rows<{ finished: boolean }>(
    db,
    sql`
      INSERT INTO indicator_backfill_runs (extraction_version, finished_at)
      SELECT ${version}::int, CASE WHEN EXISTS (SELECT 1 FROM reports WHERE grouped_at IS NOT NULL) THEN NULL ELSE now() END
      ON CONFLICT (extraction_version) DO UPDATE SET enqueued_at = now()
        WHERE indicator_backfill_runs.finished_at IS NULL AND indicator_backfill_runs.enqueued_at < now() - interval '1 hour'
      RETURNING finished_at IS NOT NULL AS finished`,
  );
  if (claimed.length === 0) return 'already_claimed';
  return claimed[0]!.finished ? 'nothing_to_read' : 'enqueue';
}

/** Adds a run's counts to the marker of `version` and marks it finished (created if run by hand first). */
export async function finishRun(db: Executor, version: number, counts: BackfillCounts): Promise<void> {
  await db.execute(sql`
    INSERT INTO indicator_backfill_runs AS b (extraction_version, finished_at, reports_read, reports_changed, rows_added, rows_removed, values_withdrawn)
    VALUES (${version}, now(), ${counts.reportsRead}, ${counts.reportsChanged}, ${counts.rowsAdded}, ${counts.rowsRemoved}, ${counts.valuesWithdrawn})
    ON CONFLICT (extraction_version) DO UPDATE SET
      finished_at = now(),
      reports_read = b.reports_read + excluded.reports_read,
      reports_changed = b.reports_changed + excluded.reports_changed,
      rows_added = b.rows_added + excluded.rows_added,
      rows_removed = b.rows_removed + excluded.rows_removed,
      values_withdrawn = b.values_withdrawn + excluded.values_withdrawn`);
}
