import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { users } from '../../platform/db/schema.js';
import { campaigns, reportAttachments, reports, type IndicatorStatus } from '../../platform/db/schema-reports.js';
import type { ExportIndicator, SharedIndicatorKind } from './indicator-formats.js';

export async function findCampaign(db: Executor, id: string) {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row ?? null;
}

/** Whether the campaign holds at least one (confirmed) report of the département. */
export async function campaignHasReportIn(db: Executor, campaignId: string, departement: string): Promise<boolean> {
  const answer = await rows<{ found: boolean }>(
    db,
    sql`
      SELECT EXISTS (
        SELECT 1 FROM reports
        WHERE campaign_id = ${campaignId} AND departement = ${departement} AND status <> 'en_attente_confirmation'
      ) AS found`,
  );
  return answer[0]?.found === true;
}

/**
 * The campaign's indicators with one of the statuses, each with how many of the campaign's reports carry
 * it. Organisation names are left out (see indicator-formats.ts); so are unconfirmed reports. A
 * départemental exporter (`departement`) gets only those carried by at least one of his département's
 * reports: a campaign shared with other départements is not his to share whole (docs/campaigns.md).
 */
export async function listCampaignIndicators(db: Executor, campaignId: string, statuses: readonly IndicatorStatus[], departement: string | null): Promise<ExportIndicator[]> {
  const found = await rows<{ kind: SharedIndicatorKind; value: string; status: IndicatorStatus; first_seen: string; last_seen: string; reports: number }>(
    db,
    sql`
      SELECT i.kind, i.value, i.status,
             to_char(i.first_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first_seen,
             to_char(i.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_seen,
             count(DISTINCT r.id)::int AS reports
      FROM reports r
      JOIN report_indicators ri ON ri.report_id = r.id
      JOIN indicators i ON i.kind = ri.kind AND i.value = ri.value
      WHERE r.campaign_id = ${campaignId}
        AND r.status <> 'en_attente_confirmation'
        AND ri.kind IN ('phone', 'domain', 'url', 'email')
        AND i.status IN (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})
      GROUP BY i.id
      ${departement === null ? sql`` : sql`HAVING bool_or(r.departement = ${departement})`}
      ORDER BY i.kind, i.value COLLATE "C"`,
  );
  return found.map((r) => ({
    kind: r.kind,
    value: r.value,
    status: r.status,
    firstSeen: new Date(r.first_seen),
    lastSeen: new Date(r.last_seen),
    reports: Number(r.reports),
  }));
}

export async function findReport(db: Executor, id: string) {
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  return row ?? null;
}

export async function findCampaignLabel(db: Executor, id: string) {
  const [row] = await db.select({ reference: campaigns.reference, label: campaigns.label }).from(campaigns).where(eq(campaigns.id, id));
  return row ?? null;
}

export async function listAttachments(db: Executor, reportId: string) {
  return db.select().from(reportAttachments).where(eq(reportAttachments.reportId, reportId)).orderBy(asc(reportAttachments.createdAt), asc(reportAttachments.fileName));
}

export async function findReporterAccount(db: Executor, userId: string) {
  const [row] = await db.select({ displayName: users.displayName, email: users.email }).from(users).where(eq(users.id, userId));
  return row ?? null;
}
