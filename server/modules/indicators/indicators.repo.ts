import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { fraudIndicators } from '../../platform/db/schema.js';
import type { IndicatorKind, IndicatorStatus } from '../../platform/db/schema-reports.js';

export interface IndicatorSighting {
  value: string;
  reportCount: number;
  campaignLabel: string | null;
}

/**
 * Active, unexpired indicators among `values` (E.164 numbers, domains, URLs, addresses). Values marked
 * false positive or expired never flag anything.
 */
export async function findActiveIndicators(db: Executor, values: readonly string[]): Promise<IndicatorSighting[]> {
  if (values.length === 0) return [];
  return db
    .select({ value: fraudIndicators.value, reportCount: fraudIndicators.reportCount, campaignLabel: fraudIndicators.campaignLabel })
    .from(fraudIndicators)
    .where(
      and(
        inArray(fraudIndicators.value, [...new Set(values)].slice(0, 200)),
        eq(fraudIndicators.status, 'active'),
        or(isNull(fraudIndicators.expiresAt), gt(fraudIndicators.expiresAt, new Date())),
      ),
    );
}

/** An active, unexpired row of `fraud_indicators` as the in-memory cache keeps it (indicator-cache.ts). */
export interface ActiveIndicatorRow {
  value: string;
  reportCount: number;
  campaignLabel: string | null;
  expiresAt: Date | null;
}

/** Every active, unexpired indicator, or only those whose value is among `values`. */
export async function readActiveIndicators(db: Executor, values?: readonly string[]): Promise<ActiveIndicatorRow[]> {
  if (values?.length === 0) return [];
  return db
    .select({
      value: fraudIndicators.value,
      reportCount: fraudIndicators.reportCount,
      campaignLabel: fraudIndicators.campaignLabel,
      expiresAt: fraudIndicators.expiresAt,
    })
    .from(fraudIndicators)
    .where(
      and(
        values ? inArray(fraudIndicators.value, [...values]) : undefined,
        eq(fraudIndicators.status, 'active'),
        or(isNull(fraudIndicators.expiresAt), gt(fraudIndicators.expiresAt, new Date())),
      ),
    );
}

// The life of indicators seen in reports (table `indicators`), as agents act on it. Grouping writes
// sightings and the over-correlation guard; see server/modules/campaigns.

/** A départemental actor acts on indicators carried by at least one report of its département. */
const carriedIn = (departement: string | null) =>
  departement === null
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM report_indicators ri JOIN reports r ON r.id = ri.report_id
                      WHERE ri.kind = i.kind AND ri.value = i.value AND r.departement = ${departement})`;

export interface IndicatorRecord {
  id: string;
  kind: IndicatorKind;
  value: string;
  status: IndicatorStatus;
  sightings: number;
  solo_links: number;
  first_seen_at: string | Date;
  last_seen_at: string | Date;
  decided_at: string | Date | null;
}

/** The indicator, if the actor's département has reported it (or the actor is national). */
export async function findIndicatorInScope(db: Executor, id: string, departement: string | null, forUpdate = false): Promise<IndicatorRecord | null> {
  const found = await rows<IndicatorRecord>(
    db,
    sql`
      SELECT i.id, i.kind, i.value, i.status, i.sightings, i.solo_links, i.first_seen_at, i.last_seen_at, i.decided_at
      FROM indicators i WHERE i.id = ${id} ${carriedIn(departement)} ${forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  return found[0] ?? null;
}

/** A held indicator with up to five campaigns carrying it (null: none) and the départements of its reach. */
export type HeldIndicatorRecord = IndicatorRecord & { campaigns: { id: string; reference: string; label: string }[] | null; reach: (string | null)[] | null };

/** The départements of an indicator's reach (see indicatorReachDepartements), for the row aliased `i`. */
const REACH = sql`
  SELECT r.departement FROM report_indicators ri JOIN reports r ON r.id = ri.report_id WHERE ri.kind = i.kind AND ri.value = i.value
  UNION
  SELECT r.departement FROM campaign_indicators ci JOIN reports r ON r.campaign_id = ci.campaign_id WHERE ci.indicator_id = i.id`;

/**
 * Indicators held by the over-correlation guard, with up to five campaigns carrying each (only campaigns
 * the actor may open) and the départements of each one's reach.
 */
export async function listHeldIndicators(
  db: Executor,
  departement: string | null,
): Promise<HeldIndicatorRecord[]> {
  return rows<HeldIndicatorRecord>(
    db,
    sql`
      SELECT i.id, i.kind, i.value, i.status, i.sightings, i.solo_links, i.first_seen_at, i.last_seen_at, i.decided_at,
             (SELECT json_agg(json_build_object('id', c.id, 'reference', c.reference, 'label', c.label))
                FROM (SELECT c.id, c.reference, c.label FROM campaign_indicators ci JOIN campaigns c ON c.id = ci.campaign_id
                      WHERE ci.indicator_id = i.id
                        ${departement === null ? sql`` : sql`AND EXISTS (SELECT 1 FROM reports r WHERE r.campaign_id = c.id AND r.departement = ${departement})`}
                      ORDER BY ci.report_count DESC LIMIT 5) c) AS campaigns,
             (SELECT json_agg(d.departement) FROM (${REACH}) d) AS reach
      FROM indicators i
      WHERE i.status = 'en_attente' ${carriedIn(departement)}
      ORDER BY i.solo_links DESC, i.last_seen_at DESC
      LIMIT 200`,
  );
}

/**
 * The départements of an indicator's reach: of the reports carrying it, and of every report of the
 * campaigns it sits in (a decision changes what those campaigns link and publish). null: no département.
 */
export async function indicatorReachDepartements(tx: Executor, indicator: { id: string; kind: IndicatorKind; value: string }): Promise<(string | null)[]> {
  const found = await rows<{ departement: string | null }>(
    tx,
    sql`SELECT d.departement FROM indicators i, LATERAL (${REACH}) d WHERE i.id = ${indicator.id}`,
  );
  return found.map((r) => r.departement);
}

export async function decideIndicator(tx: Executor, id: string, status: IndicatorStatus, decidedBy: string): Promise<void> {
  await tx.execute(sql`UPDATE indicators SET status = ${status}, decided_by = ${decidedBy}, decided_at = now(), updated_at = now() WHERE id = ${id}`);
}

/** The published value of an indicator flags nothing any more. */
export async function markPublishedFalsePositive(tx: Executor, kind: IndicatorKind, value: string): Promise<void> {
  await tx.execute(sql`UPDATE fraud_indicators SET status = 'false_positive', updated_at = now() WHERE kind = ${kind} AND value = ${value}`);
}

export interface CarrierRow {
  id: string;
  campaign_id: string | null;
  created_at: string | Date;
  scam_family: string | null;
}

/** Grouped, unpinned reports carrying the indicator, with their campaign. */
export async function findCarriers(tx: Executor, kind: IndicatorKind, value: string): Promise<CarrierRow[]> {
  return rows<CarrierRow>(
    tx,
    sql`
      SELECT r.id, r.campaign_id, r.created_at, r.scam_family
      FROM report_indicators ri JOIN reports r ON r.id = ri.report_id
      WHERE ri.kind = ${kind} AND ri.value = ${value} AND NOT r.campaign_pinned AND r.grouped_at IS NOT NULL
        AND r.status NOT IN ('en_attente_confirmation', 'fusionne')
      ORDER BY r.created_at, r.id`,
  );
}
