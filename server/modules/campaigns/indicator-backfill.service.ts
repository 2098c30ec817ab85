import type { Config } from '../../config.js';
import { recordAuditBatch, SYSTEM_CONTEXT, type AuditEvent } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/client.js';
import type { IndicatorKind } from '../../platform/db/schema-reports.js';
import { recountCampaigns } from './campaigns.repo.js';
import { isCommonValue } from './common-values.js';
import * as repo from './indicator-backfill.repo.js';
import { insertReportIndicators, lockGrouping } from './grouping.repo.js';
import { currentReportIndicators, INDICATOR_EXTRACTION_VERSION, reportSourceOf, type ReportIndicator } from './report-indicators.js';

// Reports filed before the indicator extraction was fixed (issue 14) keep the values the old rules read
// (a reference taken for a phone number, a link with its closing bracket). This reads every grouped
// report again with today's extraction and replaces the rows that differ, once per extraction version
// (docs/campaigns.md « Indicators read again after an upgrade »). It moves no report between campaigns
// and changes no agent's decision; a published value no report carries any more is withdrawn, audited.

export interface BackfillDeps {
  config: Pick<Config, 'indicatorExpiryDays'>;
  database: Database;
}

/** Reports per batch: one short transaction under the grouping lock each (the reading is done before). */
export const BACKFILL_BATCH_SIZE = 500;

/** Why a published value was withdrawn, as the audit journal shows it (French: agents read it). */
export const WITHDRAWAL_REASON =
  'Retrait automatique : après la mise à jour des règles d’extraction, aucun signalement ne porte plus cette valeur (elle avait été lue à tort, par exemple une référence prise pour un numéro).';

const PUBLISHABLE_KINDS: ReadonlySet<IndicatorKind> = new Set(['phone', 'domain', 'url', 'email']);

const keyOf = (kind: IndicatorKind, value: string) => `${kind}\u0000${value}`;
const emptyCounts = (): repo.BackfillCounts => ({ reportsRead: 0, reportsChanged: 0, rowsAdded: 0, rowsRemoved: 0, valuesWithdrawn: 0 });

interface ReadReport {
  id: string;
  createdAt: Date;
  today: ReportIndicator[];
}

/**
 * Reads every grouped report's indicators again with today's extraction, batch after batch (keyset on
 * the id), then once more those grouped while it ran (filed before the upgrade, they were grouped from
 * their stored analysis), and records the counts on the version's marker. Safe to run again: a second
 * run finds nothing to change. Progress goes through `onBatch`, counts only.
 */
export async function backfillReportIndicators(
  deps: BackfillDeps,
  options: { batchSize?: number; onBatch?: (total: Readonly<repo.BackfillCounts>) => void } = {},
): Promise<repo.BackfillCounts> {
  const total = emptyCounts();
  const since = await repo.catchUpSince(deps.database.db);
  await walk(deps, total, null, options);
  await walk(deps, total, since, options);
  await repo.finishRun(deps.database.db, INDICATOR_EXTRACTION_VERSION, total);
  return total;
}

async function walk(
  deps: BackfillDeps,
  total: repo.BackfillCounts,
  groupedSince: Date | null,
  options: { batchSize?: number; onBatch?: (total: Readonly<repo.BackfillCounts>) => void },
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const batch = await repo.readGroupedReports(deps.database.db, options.batchSize ?? BACKFILL_BATCH_SIZE, after, groupedSince);
    if (batch.length === 0) return;
    // The CPU part (reading the texts) happens before the transaction opens.
    const read = batch.map((r) => ({ id: r.id, createdAt: new Date(r.created_at), today: currentReportIndicators(reportSourceOf(r, r.analysis)) }));
    const part = await deps.database.db.transaction((tx) => applyBatch(tx, deps, read));
    total.reportsRead += batch.length;
    total.reportsChanged += part.reportsChanged;
    total.rowsAdded += part.rowsAdded;
    total.rowsRemoved += part.rowsRemoved;
    total.valuesWithdrawn += part.valuesWithdrawn;
    after = batch.at(-1)!.id;
    options.onBatch?.(total);
  }
}

interface ReportChange {
  reportId: string;
  createdAt: Date;
  added: ReportIndicator[];
  removed: repo.StoredReportIndicator[];
}

/** Each report's rows against today's reading, under the grouping lock (the rows as they are now). */
async function diffBatch(tx: Executor, read: readonly ReadReport[]): Promise<ReportChange[]> {
  const stored = new Map<string, repo.StoredReportIndicator[]>();
  for (const row of await repo.readReportIndicators(tx, read.map((r) => r.id))) {
    stored.set(row.report_id, [...(stored.get(row.report_id) ?? []), row]);
  }
  return read.flatMap((report) => {
    const now = stored.get(report.id) ?? [];
    const today = new Set(report.today.map((i) => keyOf(i.kind, i.value)));
    const before = new Set(now.map((i) => keyOf(i.kind, i.value)));
    const added = report.today.filter((i) => !before.has(keyOf(i.kind, i.value)));
    const removed = now.filter((i) => !today.has(keyOf(i.kind, i.value)));
    return added.length === 0 && removed.length === 0 ? [] : [{ reportId: report.id, createdAt: report.createdAt, added, removed }];
  });
}

/** One sighting change per distinct value added: how many reports, first and last filed. */
function addedSightings(changes: readonly ReportChange[]): repo.AddedSighting[] {
  const sightings = new Map<string, repo.AddedSighting>();
  for (const change of changes) {
    for (const i of change.added) {
      const s = sightings.get(keyOf(i.kind, i.value));
      if (!s) {
        const initialStatus = isCommonValue(i.kind, i.value) ? 'commun' : 'actif';
        sightings.set(keyOf(i.kind, i.value), { kind: i.kind, value: i.value, initialStatus, reports: 1, firstSeenAt: change.createdAt, lastSeenAt: change.createdAt });
      } else {
        s.reports += 1;
        if (change.createdAt < s.firstSeenAt) s.firstSeenAt = change.createdAt;
        if (change.createdAt > s.lastSeenAt) s.lastSeenAt = change.createdAt;
      }
    }
  }
  return [...sightings.values()];
}

function removedCounts(changes: readonly ReportChange[]): { kind: IndicatorKind; value: string; reports: number }[] {
  const counts = new Map<string, { kind: IndicatorKind; value: string; reports: number }>();
  for (const i of changes.flatMap((c) => c.removed)) {
    const c = counts.get(keyOf(i.kind, i.value));
    if (c) c.reports += 1;
    else counts.set(keyOf(i.kind, i.value), { kind: i.kind, value: i.value, reports: 1 });
  }
  return [...counts.values()];
}

/**
 * Replaces the batch's rows that differ from today's reading: sightings follow, the campaigns holding
 * the changed reports are recounted (their `campaign_indicators`, hence their page and their exports),
 * published values no report carries any more are withdrawn; each changed report and each withdrawn
 * value is audited in the same transaction.
 */
async function applyBatch(tx: Executor, deps: BackfillDeps, read: readonly ReadReport[]): Promise<Omit<repo.BackfillCounts, 'reportsRead'>> {
  await lockGrouping(tx);
  const changes = await diffBatch(tx, read);
  if (changes.length === 0) return { reportsChanged: 0, rowsAdded: 0, rowsRemoved: 0, valuesWithdrawn: 0 };
  const removed = changes.flatMap((c) => c.removed.map((i) => ({ reportId: c.reportId, kind: i.kind, value: i.value })));
  const added = changes.flatMap((c) => c.added.map((i) => ({ reportId: c.reportId, kind: i.kind, value: i.value })));
  await repo.deleteReportIndicators(tx, removed);
  await insertReportIndicators(tx, added);
  const lessSeen = removedCounts(changes);
  const moreSeen = addedSightings(changes);
  await repo.removeSightings(tx, lessSeen);
  await repo.addSightings(tx, moreSeen, deps.config.indicatorExpiryDays);

  const campaignOf = await repo.readCampaignsOf(tx, changes.map((c) => c.reportId));
  await recountCampaigns(tx, [...new Set([...campaignOf.values()].filter((id): id is string => id !== null))]);
  const removedValues = lessSeen.filter((v) => PUBLISHABLE_KINDS.has(v.kind));
  const withdrawn = await repo.withdrawUncarriedPublished(tx, removedValues);
  await repo.refreshPublishedCounts(tx, [...removedValues, ...moreSeen.filter((v) => PUBLISHABLE_KINDS.has(v.kind))]);

  await recordAuditBatch(tx, SYSTEM_CONTEXT, [
    ...changes.map((c): AuditEvent => ({
      action: 'campaigns.report.indicators_reread',
      entityType: 'report',
      entityId: c.reportId,
      details: {
        extractionVersion: INDICATOR_EXTRACTION_VERSION,
        campaignId: campaignOf.get(c.reportId) ?? null,
        added: c.added.map((i) => ({ kind: i.kind, value: i.value })),
        removed: c.removed.map((i) => ({ kind: i.kind, value: i.value, status: i.status })),
      },
    })),
    ...withdrawn.map((w): AuditEvent => ({
      action: 'campaigns.indicator.withdrawn',
      entityType: 'indicator',
      entityId: w.indicator_id ?? w.id,
      reason: WITHDRAWAL_REASON,
      details: {
        kind: w.kind,
        value: w.value,
        campaignId: w.campaign_id,
        previousPublication: w.previous,
        indicatorStatus: w.indicator_status,
        extractionVersion: INDICATOR_EXTRACTION_VERSION,
      },
    })),
  ]);
  return { reportsChanged: changes.length, rowsAdded: added.length, rowsRemoved: removed.length, valuesWithdrawn: withdrawn.length };
}

/**
 * Queues the backfill of this extraction version unless it was queued or run already (one marker row per
 * version, whatever the number of instances starting). Returns whether this call queued it.
 */
export async function enqueueBackfillOnce(database: Database, enqueue: () => Promise<void>): Promise<boolean> {
  const claim = await repo.claimRun(database.db, INDICATOR_EXTRACTION_VERSION);
  if (claim !== 'enqueue') return false;
  await enqueue();
  return true;
}
