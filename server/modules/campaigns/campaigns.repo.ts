import { sql } from 'drizzle-orm';
import type { CampaignStatus } from '../../../contracts/campaigns.schemas.js';
import type { ReportChannel, ReportStatus } from '../../../contracts/report-vocabulary.js';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import type { IndicatorKind, IndicatorStatus } from '../../platform/db/schema-reports.js';
import { publicLabelSql } from './public-label.js';

// Agents' reads and hand-made changes of campaigns. Membership changes recompute what they touch
// (counters, campaign_indicators) from the reports themselves: agents move tens of reports, not
// thousands, and a recount cannot drift.

const uuids = (values: readonly string[]) => sql`${sql.param(values)}::uuid[]`;
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export interface CampaignRecord {
  id: string;
  reference: string;
  label: string;
  status: CampaignStatus;
  scamFamily: string | null;
  summary: string;
  reportCount: number;
  firstReportAt: string | null;
  lastReportAt: string | null;
  qualifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Approved public label (else the family's label is public), and who proposed it. */
  publicLabel: string | null;
  publicLabelProposedBy: string | null;
  publicLabelApprovedAt: string | null;
  /** A public label waiting for a second agent's approval. */
  publicLabelProposal: string | null;
  publicLabelProposalBy: string | null;
  publicLabelProposalAt: string | null;
}

interface CampaignRowRaw {
  id: string;
  reference: string;
  label: string;
  status: CampaignStatus;
  scam_family: string | null;
  summary: string;
  report_count: number;
  first_report_at: string | Date | null;
  last_report_at: string | Date | null;
  qualified_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  public_label: string | null;
  public_label_proposed_by: string | null;
  public_label_approved_at: string | Date | null;
  public_label_proposal: string | null;
  public_label_proposal_by: string | null;
  public_label_proposal_at: string | Date | null;
}

function toRecord(r: CampaignRowRaw): CampaignRecord {
  return {
    id: r.id,
    reference: r.reference,
    label: r.label,
    status: r.status,
    scamFamily: r.scam_family,
    summary: r.summary,
    reportCount: Number(r.report_count),
    firstReportAt: iso(r.first_report_at),
    lastReportAt: iso(r.last_report_at),
    qualifiedAt: iso(r.qualified_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    publicLabel: r.public_label,
    publicLabelProposedBy: r.public_label_proposed_by,
    publicLabelApprovedAt: iso(r.public_label_approved_at),
    publicLabelProposal: r.public_label_proposal,
    publicLabelProposalBy: r.public_label_proposal_by,
    publicLabelProposalAt: iso(r.public_label_proposal_at),
  };
}

const COLUMNS = sql.raw(
  'c.id, c.reference, c.label, c.status, c.scam_family, c.summary, c.report_count, c.first_report_at, c.last_report_at, c.qualified_at, c.created_at, c.updated_at, ' +
    'c.public_label, c.public_label_proposed_by, c.public_label_approved_at, c.public_label_proposal, c.public_label_proposal_by, c.public_label_proposal_at',
);
/** A départemental actor sees a campaign holding at least one of its département's reports. */
const visibleIn = (departement: string | null) =>
  departement === null ? sql`` : sql`AND EXISTS (SELECT 1 FROM reports r WHERE r.campaign_id = c.id AND r.departement = ${departement})`;

/** A live (not merged) campaign visible from `departement` (null: national), locked when `forUpdate`. */
export async function findVisibleCampaign(db: Executor, id: string, departement: string | null, forUpdate = false): Promise<CampaignRecord | null> {
  const found = await rows<CampaignRowRaw>(
    db,
    sql`
      SELECT ${COLUMNS} FROM campaigns c
      WHERE c.id = ${id} AND c.merged_into IS NULL ${visibleIn(departement)}
      ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`,
  );
  return found[0] ? toRecord(found[0]) : null;
}

export async function findVisibleCampaignByReference(db: Executor, reference: string, departement: string | null): Promise<CampaignRecord | null> {
  const found = await rows<CampaignRowRaw>(
    db,
    sql`SELECT ${COLUMNS} FROM campaigns c WHERE c.reference = ${reference} AND c.merged_into IS NULL ${visibleIn(departement)}`,
  );
  return found[0] ? toRecord(found[0]) : null;
}

export const PAGE_SIZE = 50;

export async function listCampaigns(
  db: Executor,
  filters: { status?: CampaignStatus; family?: string; page: number },
  departement: string | null,
): Promise<{ items: CampaignRecord[]; total: number }> {
  const found = await rows<CampaignRowRaw & { total: number }>(
    db,
    sql`
      SELECT ${COLUMNS}, count(*) OVER () AS total FROM campaigns c
      WHERE c.merged_into IS NULL
        ${filters.status ? sql`AND c.status = ${filters.status}` : sql``}
        ${filters.family ? sql`AND c.scam_family = ${filters.family}` : sql``}
        ${visibleIn(departement)}
      ORDER BY c.last_report_at DESC NULLS LAST, c.id
      LIMIT ${PAGE_SIZE} OFFSET ${(filters.page - 1) * PAGE_SIZE}`,
  );
  return { items: found.map(toRecord), total: found[0] ? Number(found[0].total) : 0 };
}

export interface CampaignCounts {
  /** Reports per day (UTC date of filing), by day. */
  timeline: { day: string; count: number }[];
  /** Reports per département (null: none), most first. */
  departements: { departement: string | null; count: number }[];
}

/**
 * The campaign page's two counts, read from campaign_report_counts (migration 0027, kept exact by
 * trigger): a campaign of 17,500 reports is ~1,200 kept rows instead of its index entries read twice.
 * Same rows and order as counting its reports (campaignDepartements for the départements).
 */
export async function campaignCounts(db: Executor, campaignId: string): Promise<CampaignCounts> {
  const found = await rows<{ dimension: 'day' | 'departement'; day: string | null; departement: string | null; n: number }>(
    db,
    sql`
      SELECT dimension, to_char(day, 'YYYY-MM-DD') AS day, departement, n
      FROM campaign_report_counts WHERE campaign_id = ${campaignId} AND n <> 0
      ORDER BY dimension, campaign_report_counts.day, n DESC, departement NULLS LAST`,
  );
  const counts: CampaignCounts = { timeline: [], departements: [] };
  for (const row of found) {
    if (row.dimension === 'day') counts.timeline.push({ day: row.day!, count: Number(row.n) });
    else counts.departements.push({ departement: row.departement, count: Number(row.n) });
  }
  return counts;
}

export async function campaignDepartements(db: Executor, campaignId: string): Promise<{ departement: string | null; count: number }[]> {
  const found = await rows<{ departement: string | null; count: number }>(
    db,
    sql`
      SELECT departement, count(*)::int AS count FROM reports WHERE campaign_id = ${campaignId}
      GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST`,
  );
  return found.map((r) => ({ departement: r.departement, count: Number(r.count) }));
}

export interface CampaignIndicatorRow {
  id: string;
  kind: IndicatorKind;
  value: string;
  status: IndicatorStatus;
  sightings: number;
  report_count: number;
  first_seen_at: string | Date;
  last_seen_at: string | Date;
  expires_at: string | Date | null;
  published: 'active' | 'false_positive' | 'expired' | null;
}

/**
 * An indicator of the campaign carried by at least one of its reports of `departement` (null: national,
 * no condition): what a départemental reader may see, and what a qualification may publish.
 */
const carriedInCampaignBy = (departement: string | null) =>
  departement === null
    ? sql``
    : sql`AND EXISTS (SELECT 1 FROM report_indicators ri JOIN reports r ON r.id = ri.report_id
                      WHERE r.campaign_id = ci.campaign_id AND ri.kind = i.kind AND ri.value = i.value AND r.departement = ${departement})`;

/**
 * The campaign's indicators, linking ones first, then by how many of its reports carry them; for a
 * départemental reader (`departement`), only those his département's reports carry.
 */
export async function campaignIndicators(db: Executor, campaignId: string, departement: string | null, limit = 500): Promise<CampaignIndicatorRow[]> {
  return rows<CampaignIndicatorRow>(
    db,
    sql`
      SELECT i.id, i.kind, i.value, i.status, i.sightings, ci.report_count, i.first_seen_at, i.last_seen_at, i.expires_at, f.status AS published
      FROM campaign_indicators ci
      JOIN indicators i ON i.id = ci.indicator_id
      LEFT JOIN fraud_indicators f ON f.kind = i.kind AND f.value = i.value
      WHERE ci.campaign_id = ${campaignId} ${carriedInCampaignBy(departement)}
      ORDER BY (i.status IN ('actif', 'approuve')) DESC, ci.report_count DESC, i.kind, i.value
      LIMIT ${limit}`,
  );
}

export interface CampaignReportRow {
  id: string;
  receipt_number: string;
  created_at: string | Date;
  occurred_on: string | null;
  channel: ReportChannel;
  departement: string | null;
  status: ReportStatus;
  campaign_pinned: boolean;
}

/**
 * The campaign's reports, most recent first — for a départemental reader (`departement`), only his
 * département's. No reporter field is read here.
 */
export async function campaignReports(db: Executor, campaignId: string, departement: string | null, limit = 500): Promise<CampaignReportRow[]> {
  return rows<CampaignReportRow>(
    db,
    sql`
      SELECT id, receipt_number, created_at, occurred_on::text AS occurred_on, channel, departement, status, campaign_pinned
      FROM reports WHERE campaign_id = ${campaignId} ${departement === null ? sql`` : sql`AND departement = ${departement}`}
      ORDER BY created_at DESC, id LIMIT ${limit}`,
  );
}

/**
 * How many of the campaign's indicators a départemental reader does not see (none for a national one):
 * all of them less those his département's reports carry. Counted as a difference so the « carried »
 * test is a semi-join the planner may drive from report_indicators, as campaignIndicators is; under
 * NOT it ran once per indicator over every report of the campaign (17,500 index entries each).
 */
export async function countIndicatorsNotCarriedBy(db: Executor, campaignId: string, departement: string | null): Promise<number> {
  if (departement === null) return 0;
  const found = await rows<{ n: number }>(
    db,
    sql`
      SELECT (SELECT count(*) FROM campaign_indicators ci JOIN indicators i ON i.id = ci.indicator_id WHERE ci.campaign_id = ${campaignId})
           - (SELECT count(*) FROM campaign_indicators ci JOIN indicators i ON i.id = ci.indicator_id
              WHERE ci.campaign_id = ${campaignId} ${carriedInCampaignBy(departement)}) AS n`,
  );
  return Number(found[0]?.n ?? 0);
}

/** Of `reportIds`, those in the campaign, with their département. */
export async function reportsInCampaign(db: Executor, campaignId: string, reportIds: readonly string[]): Promise<{ id: string; departement: string | null }[]> {
  return rows<{ id: string; departement: string | null }>(db, sql`SELECT id, departement FROM reports WHERE campaign_id = ${campaignId} AND id = ANY(${uuids(reportIds)}) FOR UPDATE`);
}

export async function updateCampaignFields(tx: Executor, id: string, fields: { label?: string; summary?: string; scamFamily?: string | null }): Promise<void> {
  await tx.execute(sql`
    UPDATE campaigns SET
      label = ${fields.label === undefined ? sql`label` : sql`${fields.label}`},
      summary = ${fields.summary === undefined ? sql`summary` : sql`${fields.summary}`},
      scam_family = ${fields.scamFamily === undefined ? sql`scam_family` : sql`${fields.scamFamily}`},
      updated_at = now()
    WHERE id = ${id}`);
  // The label is the agents' working name: it never reaches fraud_indicators. The family's label may.
  if (fields.scamFamily !== undefined) await refreshPublishedLabel(tx, id);
}

/** Rewrites the public name on the campaign's published values from its approved label or family. */
export async function refreshPublishedLabel(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`
    UPDATE fraud_indicators AS f SET campaign_label = ${publicLabelSql('c')}, updated_at = now()
    FROM campaigns c WHERE c.id = f.campaign_id AND f.campaign_id = ${id}`);
}

/** Records a public label proposal (replacing any earlier one) by `userId`. */
export async function proposePublicLabel(tx: Executor, id: string, label: string, userId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE campaigns SET public_label_proposal = ${label}, public_label_proposal_by = ${userId}, public_label_proposal_at = now(), updated_at = now()
    WHERE id = ${id}`);
}

/** The pending proposal becomes the public label, approved by `userId` (the database refuses its proposer). */
export async function approvePublicLabel(tx: Executor, id: string, userId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE campaigns SET
      public_label = public_label_proposal, public_label_proposed_by = public_label_proposal_by,
      public_label_approved_by = ${userId}, public_label_approved_at = now(),
      public_label_proposal = NULL, public_label_proposal_by = NULL, public_label_proposal_at = NULL, updated_at = now()
    WHERE id = ${id} AND public_label_proposal IS NOT NULL`);
  await refreshPublishedLabel(tx, id);
}

export async function setCampaignStatus(tx: Executor, id: string, status: CampaignStatus, qualifiedBy: string | null): Promise<void> {
  await tx.execute(sql`
    UPDATE campaigns SET status = ${status}, updated_at = now()
      ${status === 'qualifiee' ? sql`, qualified_at = now(), qualified_by = ${qualifiedBy}` : sql``}
    WHERE id = ${id}`);
}

/** Moves reports into a campaign (or out of any, with null), marking them placed by hand. */
export async function placeReports(tx: Executor, reportIds: readonly string[], campaignId: string | null): Promise<void> {
  await tx.execute(sql`UPDATE reports SET campaign_id = ${campaignId}, campaign_pinned = true, updated_at = now() WHERE id = ANY(${uuids(reportIds)})`);
}

/** Recounts reports, first and last report date, and indicator counts of the campaigns from their reports. */
export async function recountCampaigns(tx: Executor, campaignIds: readonly string[]): Promise<void> {
  if (campaignIds.length === 0) return;
  await tx.execute(sql`
    UPDATE campaigns c SET
      report_count = coalesce(s.n, 0), first_report_at = s.f, last_report_at = s.l, updated_at = now()
    FROM (SELECT id FROM unnest(${uuids(campaignIds)}) AS id) AS t
    LEFT JOIN (SELECT campaign_id, count(*)::int AS n, min(created_at) AS f, max(created_at) AS l FROM reports
               WHERE campaign_id = ANY(${uuids(campaignIds)}) GROUP BY campaign_id) AS s ON s.campaign_id = t.id
    WHERE c.id = t.id`);
  await tx.execute(sql`DELETE FROM campaign_indicators WHERE campaign_id = ANY(${uuids(campaignIds)})`);
  await tx.execute(sql`
    INSERT INTO campaign_indicators (campaign_id, indicator_id, report_count)
    SELECT r.campaign_id, i.id, count(*)::int
    FROM reports r
    JOIN report_indicators ri ON ri.report_id = r.id
    JOIN indicators i ON i.kind = ri.kind AND i.value = ri.value
    WHERE r.campaign_id = ANY(${uuids(campaignIds)})
    GROUP BY 1, 2`);
}

/**
 * The campaign's indicators that may be published: linking ones of a kind analyses look up, carried by
 * reports the actor acts on (`departement`; null: national). The policy already refuses a départemental
 * agent a shared campaign; the query keeps the rule even if a caller forgot it.
 */
export async function publishableIndicators(tx: Executor, campaignId: string, departement: string | null): Promise<{ id: string }[]> {
  return rows<{ id: string }>(
    tx,
    sql`
      SELECT i.id FROM campaign_indicators ci JOIN indicators i ON i.id = ci.indicator_id
      WHERE ci.campaign_id = ${campaignId} AND i.status IN ('actif', 'approuve') AND i.kind IN ('phone', 'domain', 'url', 'email')
        ${carriedInCampaignBy(departement)}`,
  );
}

/**
 * Publishes indicators into fraud_indicators (what analyses and registry holds read): count of reports,
 * the campaign's public label (see public-label.ts — never its working label), active until last seen +
 * expiryDays. A value marked false positive stays so.
 */
export async function publishIndicators(tx: Executor, indicatorIds: readonly string[], campaign: { id: string; publicLabel: string | null }, expiryDays: number): Promise<number> {
  if (indicatorIds.length === 0) return 0;
  const published = await rows<{ id: string }>(
    tx,
    sql`
      INSERT INTO fraud_indicators AS f (kind, value, status, report_count, campaign_label, campaign_id, first_seen_at, last_seen_at, expires_at)
      SELECT i.kind, i.value, 'active', i.sightings, ${campaign.publicLabel}::text, ${campaign.id}::uuid, i.first_seen_at, i.last_seen_at,
             i.last_seen_at + make_interval(days => ${expiryDays}::int)
      FROM indicators i WHERE i.id = ANY(${uuids(indicatorIds)})
      ON CONFLICT (kind, value) DO UPDATE SET
        report_count = excluded.report_count,
        campaign_label = excluded.campaign_label,
        campaign_id = excluded.campaign_id,
        first_seen_at = LEAST(f.first_seen_at, excluded.first_seen_at),
        last_seen_at = GREATEST(f.last_seen_at, excluded.last_seen_at),
        expires_at = excluded.expires_at,
        status = CASE WHEN f.status = 'false_positive' THEN 'false_positive' ELSE 'active' END,
        updated_at = now()
      RETURNING id`,
  );
  return published.length;
}

/**
 * Sets the campaign's new and in-progress reports to qualifie — only those of `departement` when given
 * (a departmental agent decides for its own council's reports, not for another's) — and returns them
 * with their former status.
 */
export async function qualifyCampaignReports(tx: Executor, campaignId: string, departement: string | null): Promise<{ id: string; from: ReportStatus }[]> {
  return rows<{ id: string; from: ReportStatus }>(
    tx,
    sql`
      WITH old AS (
        SELECT id, status FROM reports
        WHERE campaign_id = ${campaignId} AND status IN ('nouveau', 'en_cours') ${departement ? sql`AND departement = ${departement}` : sql``}
        FOR UPDATE)
      UPDATE reports r SET status = 'qualifie', qualified_at = now(), updated_at = now(), version = r.version + 1
      FROM old WHERE r.id = old.id
      RETURNING r.id, old.status AS "from"`,
  );
}

/** Label material of a set of reports: their linking indicators with how many of them carry each. */
export async function linkingIndicatorsOf(tx: Executor, reportIds: readonly string[]): Promise<{ kind: IndicatorKind; value: string; reports: number }[]> {
  const found = await rows<{ kind: IndicatorKind; value: string; reports: number }>(
    tx,
    sql`
      SELECT i.kind, i.value, count(*)::int AS reports
      FROM report_indicators ri JOIN indicators i ON i.kind = ri.kind AND i.value = ri.value
      WHERE ri.report_id = ANY(${uuids(reportIds)}) AND i.status IN ('actif', 'approuve')
      GROUP BY 1, 2`,
  );
  return found.map((r) => ({ ...r, reports: Number(r.reports) }));
}
