import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import type { IndicatorKind, IndicatorStatus } from '../../platform/db/schema-reports.js';
import { publicLabelSql } from './public-label.js';
import type { ReportSourceRow } from './report-indicators.js';

// Bulk statements of the grouping: each takes the whole batch as array parameters (unnest), so a batch
// costs a fixed number of statements whatever its size. Updates joined to an unnest also say `id =
// ANY(ids)`: without it the planner (no statistics on PGlite) hashes the whole table at every batch,
// which made the grouping quadratic. Inserts into indexes keyed by a hash or a random uuid go in key
// order: past the buffer cache, each index page is then read once per batch, not once per row.

const uuids = (values: readonly (string | null)[]) => sql`${sql.param(values)}::uuid[]`;
const texts = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;
const ints = (values: readonly number[]) => sql`${sql.param(values)}::int[]`;
const times = (values: readonly Date[]) => sql`${sql.param(values.map((d) => d.toISOString()))}::timestamptz[]`;

/** Same key as pg_advisory_xact_lock elsewhere: one grouping (or manual regrouping) at a time. */
export const GROUPING_LOCK = 7243005;
/** Reports that are waiting for confirmation or merged into another never take part in grouping. */
const groupable = (alias = '') => sql.raw(`${alias ? `${alias}.` : ''}status NOT IN ('en_attente_confirmation', 'fusionne')`);

export interface PendingReportRow extends ReportSourceRow {
  id: string;
  created_at: string | Date;
  analysis_indicators: unknown;
  scam_family: string | null;
  campaign_pinned: boolean;
  campaign_id: string | null;
}

/**
 * The oldest confirmed reports not grouped yet (or the given ones, if still pending); `after` resumes
 * past the last one read, so a long drain does not walk again over the index entries it emptied.
 */
export async function findPendingReports(
  db: Executor,
  limit: number,
  options: { only?: readonly string[]; after?: { createdAt: Date; id: string } } = {},
): Promise<PendingReportRow[]> {
  const { only, after } = options;
  // In filing order through the partial index, LIMIT rows at a time. Without statistics the planner
  // prefers a bitmap scan of every pending report then a sort: one drain over a backlog went quadratic.
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
    await tx.execute(sql`SET LOCAL enable_sort = off`);
    return rows<PendingReportRow>(
      tx,
      sql`
      SELECT r.id, r.created_at, r.channel, r.caller_number, r.sender, r.links, r.organisation_name, r.pasted_text,
             -- The description is read again only when no analysis was stored (its indicators cover it).
             CASE WHEN r.analysis -> 'indicators' IS NULL THEN r.description ELSE '' END AS description,
             r.analysis -> 'indicators' AS analysis_indicators, r.scam_family, r.campaign_pinned, r.campaign_id, r.reporter_email,
             u.email AS reporter_user_email,
             ARRAY(SELECT p FROM doctors d, unnest(ARRAY[d.pro_phone, d.corr_phone]) AS p
                   WHERE d.user_id = r.reporter_user_id AND p IS NOT NULL) AS reporter_phones
      FROM reports r LEFT JOIN users u ON u.id = r.reporter_user_id
      WHERE r.grouped_at IS NULL AND ${groupable('r')}
        ${only ? sql`AND r.id = ANY(${uuids(only)})` : sql``}
        ${after ? sql`AND (r.created_at, r.id) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : sql``}
      ORDER BY r.created_at, r.id
      LIMIT ${limit}`,
    );
  });
}

/** Takes the grouping lock for this transaction: concurrent groupers queue behind it. */
export async function lockGrouping(tx: Executor): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${GROUPING_LOCK})`);
}

/**
 * Among `ids`, those still pending. Under the grouping lock no other grouper can stamp them meanwhile;
 * the grouping's own writes set only grouping columns, so an agent editing a report concurrently loses
 * nothing (no row lock needed).
 */
export async function filterStillPending(tx: Executor, ids: readonly string[]): Promise<Set<string>> {
  // Looked up by primary key, filtered after (OFFSET 0 keeps the filter out of the scan): given the
  // filter, a planner whose statistics lag behind a backlog takes the partial index of pending reports
  // and reads every one of them — 100 to 200 ms a batch at 100,000 pending, growing with the backlog.
  const pending = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM (SELECT id, grouped_at, status FROM reports WHERE id = ANY(${uuids(ids)}) OFFSET 0) AS r WHERE r.grouped_at IS NULL AND ${groupable('r')}`,
  );
  return new Set(pending.map((r) => r.id));
}

export async function insertReportIndicators(tx: Executor, rows: readonly { reportId: string; kind: IndicatorKind; value: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO report_indicators (report_id, kind, value)
    SELECT * FROM unnest(${uuids(rows.map((r) => r.reportId))}, ${texts(rows.map((r) => r.kind))}, ${texts(rows.map((r) => r.value))}) AS u(id, k, v)
    ORDER BY id, k, v
    ON CONFLICT DO NOTHING`);
}

export interface IndicatorSighting {
  kind: IndicatorKind;
  value: string;
  /** Status given to a value never seen before (commun or actif). */
  initialStatus: IndicatorStatus;
  reports: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface UpsertedIndicator {
  id: string;
  kind: IndicatorKind;
  value: string;
  status: IndicatorStatus;
  sightings: number;
  solo_links: number;
}

/**
 * Adds the batch's sightings to each indicator (creating it when new): count, first and last seen,
 * expiry pushed to last seen + expiryDays. An expired indicator seen again is active again.
 */
export async function upsertIndicators(tx: Executor, sightings: readonly IndicatorSighting[], expiryDays: number): Promise<UpsertedIndicator[]> {
  if (sightings.length === 0) return [];
  return rows<UpsertedIndicator>(
    tx,
    sql`
      INSERT INTO indicators AS i (kind, value, status, sightings, first_seen_at, last_seen_at, expires_at)
      SELECT k, v, st, n, f, l, l + make_interval(days => ${expiryDays}::int)
      FROM unnest(${texts(sightings.map((s) => s.kind))}, ${texts(sightings.map((s) => s.value))}, ${texts(sightings.map((s) => s.initialStatus))},
                  ${ints(sightings.map((s) => s.reports))}, ${times(sightings.map((s) => s.firstSeenAt))}, ${times(sightings.map((s) => s.lastSeenAt))})
           AS u(k, v, st, n, f, l)
      ON CONFLICT (kind, value) DO UPDATE SET
        sightings = i.sightings + excluded.sightings,
        first_seen_at = LEAST(i.first_seen_at, excluded.first_seen_at),
        last_seen_at = GREATEST(i.last_seen_at, excluded.last_seen_at),
        expires_at = GREATEST(i.last_seen_at, excluded.last_seen_at) + make_interval(days => ${expiryDays}::int),
        status = CASE WHEN i.status = 'expire' THEN 'actif' ELSE i.status END,
        updated_at = now()
      RETURNING id, kind, value, status, sightings, solo_links`,
  );
}

/** The reports already in any of these LSH buckets. */
export async function findBandBuckets(tx: Executor, keys: readonly string[]): Promise<{ key: string; report_id: string }[]> {
  if (keys.length === 0) return [];
  return rows<{ key: string; report_id: string }>(tx, sql`SELECT key::text AS key, report_id FROM text_band_buckets WHERE key = ANY(${texts(keys)}::bigint[])`);
}

/**
 * Campaigns of indexed reports (those that opened buckets), and the signatures of those in `needSignature`
 * (the others' are already known: a signature never changes).
 */
export async function findIndexedTexts(
  tx: Executor,
  reportIds: readonly string[],
  needSignature: readonly string[],
): Promise<{ report_id: string; campaign_id: string | null; signature: Int32Array | null }[]> {
  if (reportIds.length === 0) return [];
  const found = await rows<{ report_id: string; campaign_id: string | null; signature: string | null }>(
    tx,
    sql`
      SELECT report_id, campaign_id, CASE WHEN report_id = ANY(${uuids(needSignature)}) THEN signature::text END AS signature
      FROM indexed_texts WHERE report_id = ANY(${uuids(reportIds)})`,
  );
  return found.map((r) => ({ ...r, signature: parseSignature(r.signature) }));
}

/** Records the signatures of the reports that open buckets, with the campaign they end up in. */
export async function insertIndexedTexts(tx: Executor, rows: readonly { reportId: string; campaignId: string | null; signature: Int32Array }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO indexed_texts (report_id, campaign_id, signature)
    SELECT id, c, sig::integer[] FROM unnest(${uuids(rows.map((r) => r.reportId))}, ${uuids(rows.map((r) => r.campaignId))},
                                             ${texts(rows.map((r) => `{${r.signature.join(',')}}`))}) AS u(id, c, sig)
    ORDER BY id
    ON CONFLICT (report_id) DO NOTHING`);
}

/** Opens the buckets no report fell into yet, each pointing at the given report. */
/**
 * Opens buckets, stamped with the next number of the bucket-write counter (migration 0034), which it
 * returns; null when there is nothing to open (the counter is left as it is).
 */
export async function insertBandBuckets(tx: Executor, buckets: readonly { key: number; reportId: string }[]): Promise<number | null> {
  if (buckets.length === 0) return null;
  // An upsert, so that a counter row lost (a partial restore) comes back rather than fail every batch.
  const [write] = await rows<{ batches: string }>(
    tx,
    sql`INSERT INTO text_band_bucket_writes AS w (singleton, batches) VALUES (true, 1)
        ON CONFLICT (singleton) DO UPDATE SET batches = w.batches + 1 RETURNING batches`,
  );
  await tx.execute(sql`
    INSERT INTO text_band_buckets (key, report_id, batch)
    SELECT k, id, ${write!.batches}::bigint FROM unnest(${texts(buckets.map((r) => String(r.key)))}::bigint[], ${uuids(buckets.map((r) => r.reportId))}) AS u(k, id)
    ORDER BY k
    ON CONFLICT DO NOTHING`);
  return Number(write!.batches);
}

/** How many bucket writes there have been (the counter of migration 0034). */
export async function readBucketWrites(tx: Executor): Promise<number> {
  const [state] = await rows<{ batches: string }>(tx, sql`SELECT batches FROM text_band_bucket_writes`);
  return Number(state?.batches ?? 0);
}

/** Keys of the buckets opened by the writes numbered after `batches` (the BRIN index of 0034). */
export async function findBandKeysSince(tx: Executor, batches: number): Promise<number[]> {
  const found = await rows<{ key: string }>(tx, sql`SELECT key FROM text_band_buckets WHERE batch > ${batches}`);
  return found.map((r) => Number(r.key));
}

/** Up to `limit` bucket keys above `after`, ascending: the whole table, page by page. */
export async function findBandKeysAfter(tx: Executor, after: number, limit: number): Promise<number[]> {
  const found = await rows<{ key: string }>(tx, sql`SELECT key FROM text_band_buckets WHERE key > ${after} ORDER BY key LIMIT ${limit}`);
  return found.map((r) => Number(r.key));
}

/** Campaigns (live ones: merged campaigns hold no rows) whose reports carry each indicator. */
export async function findIndicatorCampaigns(tx: Executor, indicatorIds: readonly string[]): Promise<{ indicator_id: string; campaign_id: string }[]> {
  if (indicatorIds.length === 0) return [];
  return rows<{ indicator_id: string; campaign_id: string }>(tx, sql`SELECT indicator_id, campaign_id FROM campaign_indicators WHERE indicator_id = ANY(${uuids(indicatorIds)})`);
}

/** Grouped, unpinned reports without campaign carrying each indicator (at most `perIndicator` each). */
export async function findLoneCarriers(tx: Executor, indicatorIds: readonly string[], perIndicator: number): Promise<{ indicator_id: string; report_id: string }[]> {
  if (indicatorIds.length === 0) return [];
  return rows<{ indicator_id: string; report_id: string }>(
    tx,
    sql`
      SELECT i.id AS indicator_id, c.report_id
      FROM indicators i
      CROSS JOIN LATERAL (
        SELECT r.id AS report_id
        FROM report_indicators ri JOIN reports r ON r.id = ri.report_id
        WHERE ri.kind = i.kind AND ri.value = i.value AND r.campaign_id IS NULL AND NOT r.campaign_pinned
          AND r.grouped_at IS NOT NULL AND ${groupable('r')}
        LIMIT ${perIndicator}
      ) AS c
      WHERE i.id = ANY(${uuids(indicatorIds)})`,
  );
}

export interface KnownReportRow {
  id: string;
  created_at: string | Date;
  campaign_id: string | null;
  campaign_pinned: boolean;
  scam_family: string | null;
}

/** « {1,-2,3} » → its integers: reading the array as text and splitting it is several times faster. */
function parseSignature(text: string | null): Int32Array | null {
  if (!text || text.length < 3) return null;
  return Int32Array.from(text.slice(1, -1).split(','), Number);
}

/** Grouped reports among `ids` (candidates of the batch). */
export async function findGroupedReports(tx: Executor, ids: readonly string[]): Promise<KnownReportRow[]> {
  if (ids.length === 0) return [];
  return rows<KnownReportRow>(
    tx,
    sql`
      SELECT id, created_at, campaign_id, campaign_pinned, scam_family
      FROM reports WHERE id = ANY(${uuids(ids)}) AND grouped_at IS NOT NULL AND ${groupable()}`,
  );
}

/** The indicators of the given reports, with their current state. */
export async function findIndicatorsOfReports(tx: Executor, reportIds: readonly string[]): Promise<(UpsertedIndicator & { report_id: string })[]> {
  if (reportIds.length === 0) return [];
  return rows<UpsertedIndicator & { report_id: string }>(
    tx,
    sql`
      SELECT ri.report_id, i.id, i.kind, i.value, i.status, i.sightings, i.solo_links
      FROM report_indicators ri JOIN indicators i ON i.kind = ri.kind AND i.value = ri.value
      WHERE ri.report_id = ANY(${uuids(reportIds)})`,
  );
}

export interface CampaignStateRow {
  id: string;
  /** First report's filing date (creation date when it has none). */
  since: string | Date;
  label: string;
  reference: string;
  has_pinned: boolean;
}

/** Live campaigns among `ids`, locked, with whether they hold a hand-placed report. */
export async function lockCampaigns(tx: Executor, ids: readonly string[]): Promise<CampaignStateRow[]> {
  if (ids.length === 0) return [];
  return rows<CampaignStateRow>(
    tx,
    sql`
      SELECT c.id, coalesce(c.first_report_at, c.created_at) AS since, c.label, c.reference,
             EXISTS (SELECT 1 FROM reports r WHERE r.campaign_id = c.id AND r.campaign_pinned) AS has_pinned
      FROM campaigns c WHERE c.id = ANY(${uuids(ids)}) AND c.merged_into IS NULL
      ORDER BY c.id
      FOR UPDATE OF c`,
  );
}

/** Next references CAMP-YYYY-NNNN (the sequence never repeats a number, whatever the year). */
export async function nextCampaignReferences(tx: Executor, count: number, year: number): Promise<string[]> {
  if (count === 0) return [];
  const numbers = await rows<{ n: string | number }>(tx, sql`SELECT nextval('campaign_reference_seq') AS n FROM generate_series(1, ${count}::int)`);
  return numbers.map((r) => `CAMP-${year}-${String(r.n).padStart(4, '0')}`);
}

export interface CampaignInsert {
  id: string;
  reference: string;
  label: string;
  scamFamily: string | null;
  reportCount: number;
  firstReportAt: Date;
  lastReportAt: Date;
}

export async function insertCampaigns(tx: Executor, rows: readonly CampaignInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO campaigns (id, reference, label, scam_family, report_count, first_report_at, last_report_at)
    SELECT * FROM unnest(${uuids(rows.map((r) => r.id))}, ${texts(rows.map((r) => r.reference))}, ${texts(rows.map((r) => r.label))},
                         ${texts(rows.map((r) => r.scamFamily))}, ${ints(rows.map((r) => r.reportCount))},
                         ${times(rows.map((r) => r.firstReportAt))}, ${times(rows.map((r) => r.lastReportAt))})`);
}

/**
 * Absorbs each `from` campaign into its `into`: reports, indicator counts, report counters and dates,
 * published indicators; the absorbed campaign keeps only a pointer to its target.
 */
export async function mergeCampaigns(tx: Executor, merges: readonly { from: string; into: string }[]): Promise<void> {
  if (merges.length === 0) return;
  const map = sql`unnest(${uuids(merges.map((m) => m.from))}, ${uuids(merges.map((m) => m.into))}) AS m(src, dst)`;
  await tx.execute(sql`
    UPDATE campaigns AS c SET
      report_count = c.report_count + s.n,
      first_report_at = LEAST(c.first_report_at, s.f),
      last_report_at = GREATEST(c.last_report_at, s.l),
      updated_at = now()
    FROM (SELECT m.dst, sum(o.report_count)::int AS n, min(o.first_report_at) AS f, max(o.last_report_at) AS l
          FROM ${map} JOIN campaigns o ON o.id = m.src WHERE o.id = ANY(${uuids(merges.map((m) => m.from))}) GROUP BY m.dst) AS s
    WHERE c.id = s.dst`);
  await tx.execute(sql`UPDATE campaigns AS c SET merged_into = m.dst, report_count = 0, updated_at = now() FROM ${map} WHERE c.id = m.src AND c.id = ANY(${uuids(merges.map((m) => m.from))})`);
  await tx.execute(sql`UPDATE reports AS r SET campaign_id = m.dst FROM ${map} WHERE r.campaign_id = m.src AND r.campaign_id = ANY(${uuids(merges.map((m) => m.from))})`);
  await tx.execute(sql`
    INSERT INTO campaign_indicators AS ci (campaign_id, indicator_id, report_count)
    SELECT m.dst, o.indicator_id, sum(o.report_count)::int FROM ${map} JOIN campaign_indicators o ON o.campaign_id = m.src
    WHERE o.campaign_id = ANY(${uuids(merges.map((m) => m.from))}) GROUP BY 1, 2
    ON CONFLICT (campaign_id, indicator_id) DO UPDATE SET report_count = ci.report_count + excluded.report_count`);
  await tx.execute(sql`DELETE FROM campaign_indicators WHERE campaign_id = ANY(${uuids(merges.map((m) => m.from))})`);
  await tx.execute(sql`
    UPDATE fraud_indicators AS f SET campaign_id = m.dst, campaign_label = ${publicLabelSql('c')}, updated_at = now()
    FROM ${map} JOIN campaigns c ON c.id = m.dst WHERE f.campaign_id = m.src AND f.campaign_id = ANY(${uuids(merges.map((m) => m.from))})`);
}

/**
 * Stamps the batch's reports grouped, with their campaign (`keep`: a report an agent placed by hand
 * keeps its campaign). One update for the batch: rewriting report rows is the costliest write of the
 * grouping, so it writes nothing else (text signatures live in indexed_texts, migration 0033).
 */
export async function completeBatchReports(tx: Executor, rows: readonly { reportId: string; campaignId: string | null; keep: boolean }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    UPDATE reports AS r SET
      campaign_id = CASE WHEN u.keep THEN r.campaign_id ELSE u.c END,
      grouped_at = now()
    FROM unnest(${uuids(rows.map((r) => r.reportId))}, ${uuids(rows.map((r) => r.campaignId))}, ${sql.param(rows.map((r) => r.keep))}::boolean[]) AS u(id, c, keep)
    WHERE r.id = u.id AND r.id = ANY(${uuids(rows.map((r) => r.reportId))})`);
}

/** Moves single reports grouped earlier into the campaign they now belong to. */
export async function assignReports(tx: Executor, rows: readonly { reportId: string; campaignId: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    UPDATE reports AS r SET campaign_id = u.c
    FROM unnest(${uuids(rows.map((r) => r.reportId))}, ${uuids(rows.map((r) => r.campaignId))}) AS u(id, c)
    WHERE r.id = u.id AND r.id = ANY(${uuids(rows.map((r) => r.reportId))})`);
}

/** Adds reports to existing campaigns' counters and dates. */
export async function growCampaigns(tx: Executor, rows: readonly { campaignId: string; added: number; first: Date; last: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    UPDATE campaigns AS c SET
      report_count = c.report_count + u.n,
      first_report_at = LEAST(c.first_report_at, u.f),
      last_report_at = GREATEST(c.last_report_at, u.l),
      updated_at = now()
    FROM unnest(${uuids(rows.map((r) => r.campaignId))}, ${ints(rows.map((r) => r.added))}, ${times(rows.map((r) => r.first))}, ${times(rows.map((r) => r.last))}) AS u(id, n, f, l)
    WHERE c.id = u.id AND c.id = ANY(${uuids(rows.map((r) => r.campaignId))})`);
}

export async function addCampaignIndicatorCounts(tx: Executor, rows: readonly { campaignId: string; indicatorId: string; count: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO campaign_indicators AS ci (campaign_id, indicator_id, report_count)
    SELECT * FROM unnest(${uuids(rows.map((r) => r.campaignId))}, ${uuids(rows.map((r) => r.indicatorId))}, ${ints(rows.map((r) => r.count))})
    ON CONFLICT (campaign_id, indicator_id) DO UPDATE SET report_count = ci.report_count + excluded.report_count`);
}

export async function updateIndicatorGuards(tx: Executor, rows: readonly { id: string; soloLinks: number; status: IndicatorStatus }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    UPDATE indicators AS i SET solo_links = u.s, status = u.st, updated_at = now()
    FROM unnest(${uuids(rows.map((r) => r.id))}, ${ints(rows.map((r) => r.soloLinks))}, ${texts(rows.map((r) => r.status))}) AS u(id, s, st)
    WHERE i.id = u.id AND i.id = ANY(${uuids(rows.map((r) => r.id))})`);
}

/**
 * Published indicators seen again keep their count and last sighting current (and come back from
 * expiry); false positives are left alone.
 */
export async function refreshPublishedIndicators(tx: Executor, indicatorIds: readonly string[], expiryDays: number): Promise<void> {
  if (indicatorIds.length === 0) return;
  await tx.execute(sql`
    UPDATE fraud_indicators AS f SET
      report_count = i.sightings,
      last_seen_at = i.last_seen_at,
      expires_at = i.last_seen_at + make_interval(days => ${expiryDays}::int),
      status = 'active',
      updated_at = now()
    FROM indicators i
    WHERE i.id = ANY(${uuids(indicatorIds)}) AND f.kind = i.kind AND f.value = i.value
      AND f.status IN ('active', 'expired') AND i.status IN ('actif', 'approuve')`);
}

/** Marks indicators (and published values) past their expiry date; returns how many indicators. */
export async function expireIndicators(db: Executor): Promise<number> {
  const expired = await rows<{ id: string }>(
    db,
    sql`UPDATE indicators SET status = 'expire', updated_at = now() WHERE status IN ('actif', 'approuve') AND expires_at < now() RETURNING id`,
  );
  await db.execute(sql`UPDATE fraud_indicators SET status = 'expired', updated_at = now() WHERE status = 'active' AND expires_at < now()`);
  return expired.length;
}

