import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import { recordAuditBatch, SYSTEM_CONTEXT, type AuditEvent } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/client.js';
import type { IndicatorKind } from '../../platform/db/schema-reports.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { WATCHLIST_MATCH_QUEUE } from '../../platform/jobs/queues.js';
import { isCommonValue } from './common-values.js';
import { isLinkingStatus, planGrouping, type BatchReport, type KnownCampaign, type KnownReport, type PlanIndicator } from './grouping-plan.js';
import { recountCampaigns } from './campaigns.repo.js';
import * as repo from './grouping.repo.js';
import * as cache from './grouping-cache.js';
import { bandKeys, textSignature } from './minhash.js';
import { extractReportIndicators, type ReportIndicator } from './report-indicators.js';

export interface GroupingDeps {
  config: Pick<Config, 'campaignLinkLimit' | 'indicatorExpiryDays'>;
  database: Database;
  jobs: Pick<JobQueue, 'enqueue'>;
}

export interface GroupingOutcome {
  grouped: number;
  /** Reports that failed even alone: left pending, retried by the next drain. */
  failed: number;
  campaignsCreated: number;
  campaignsMerged: number;
  indicatorsHeld: number;
  groupedReportIds: string[];
}

/**
 * Reports per batch: one transaction and a fixed number of statements each. A full batch holds the
 * grouping lock about a second on the embedded database; a report filed alone is a batch of one.
 */
export const DEFAULT_BATCH_SIZE = 2000;
const MAX_BATCHES_PER_DRAIN = 10_000;

interface PreparedReport {
  id: string;
  createdAt: Date;
  pinned: boolean;
  /** Already in a campaign before being grouped (placed there by another path): it stays linked to it. */
  campaignId: string | null;
  scamFamily: string | null;
  indicators: ReportIndicator[];
  signature: Int32Array | null;
  bandKeys: number[];
}

const keyOf = (kind: IndicatorKind, value: string) => `${kind}\u0000${value}`;
/** Filing date of a report known only through its campaign: never used (it joins no campaign). */
const EPOCH = new Date(0);

/** What can be worked out of a report before taking any lock: indicators, MinHash signature, bands. */
function prepareReport(row: repo.PendingReportRow): PreparedReport {
  const indicators = extractReportIndicators({
    channel: row.channel,
    callerNumber: row.caller_number,
    sender: row.sender,
    links: row.links,
    organisationName: row.organisation_name,
    pastedText: row.pasted_text,
    description: row.description,
    analysis: row.analysis_indicators === null || row.analysis_indicators === undefined ? null : { indicators: row.analysis_indicators },
    reporterAddresses: [row.reporter_email, row.reporter_user_email].filter((a): a is string => !!a),
    reporterPhones: row.reporter_phones ?? [],
  });
  const signature = row.pasted_text.trim() === '' ? null : textSignature(row.pasted_text);
  return {
    id: row.id,
    createdAt: new Date(row.created_at),
    pinned: row.campaign_pinned,
    campaignId: row.campaign_id,
    scamFamily: row.scam_family,
    indicators,
    signature,
    bandKeys: signature ? bandKeys(signature) : [],
  };
}

const EMPTY: GroupingOutcome = { grouped: 0, failed: 0, campaignsCreated: 0, campaignsMerged: 0, indicatorsHeld: 0, groupedReportIds: [] };

/**
 * Groups one batch of pending reports (the oldest first, or the given ones): works out their indicators,
 * signature and bands, then links each to campaigns in one transaction under the grouping lock, so two
 * workers never create two campaigns for one cluster. After commit, each grouped report is queued for
 * the watchlists. `read` is how many pending reports were read (0: nothing left); `grouped` may be
 * smaller when another worker took some first.
 */
export async function groupPendingBatch(
  deps: GroupingDeps,
  options: { batchSize?: number; reportIds?: readonly string[]; after?: { createdAt: Date; id: string } } = {},
): Promise<GroupingOutcome & { read: number; last: { createdAt: Date; id: string } | null }> {
  const pending = await repo.findPendingReports(deps.database.db, options.batchSize ?? DEFAULT_BATCH_SIZE, { only: options.reportIds, after: options.after });
  if (pending.length === 0) return { ...EMPTY, groupedReportIds: [], read: 0, last: null };
  // Parsing and hashing happen before the transaction opens: it only reads, decides and writes.
  const prepared = pending.map(prepareReport);
  const outcome = await groupPrepared(deps, prepared);
  for (const reportId of outcome.groupedReportIds) await deps.jobs.enqueue(WATCHLIST_MATCH_QUEUE, { reportId });
  const lastRead = prepared.at(-1)!;
  return { ...outcome, read: pending.length, last: { createdAt: lastRead.createdAt, id: lastRead.id } };
}

function addUp(total: GroupingOutcome, part: GroupingOutcome): void {
  total.grouped += part.grouped;
  total.failed += part.failed;
  total.campaignsCreated += part.campaignsCreated;
  total.campaignsMerged += part.campaignsMerged;
  total.indicatorsHeld += part.indicatorsHeld;
  total.groupedReportIds.push(...part.groupedReportIds);
}

/**
 * One transaction for the batch; if it fails, each report alone, so that one report the grouping
 * cannot take does not hold back the others (it stays pending). When no report goes through alone
 * either, the cause is not a report (the database is down…): the error is thrown, the job retried.
 */
async function groupPrepared(deps: GroupingDeps, prepared: readonly PreparedReport[]): Promise<GroupingOutcome> {
  try {
    return await deps.database.db.transaction((tx) => applyBatch(tx, deps, prepared));
  } catch (err) {
    if (prepared.length === 1) throw err;
    const total: GroupingOutcome = { ...EMPTY, groupedReportIds: [] };
    for (const report of prepared) {
      try {
        addUp(total, await deps.database.db.transaction((tx) => applyBatch(tx, deps, [report])));
      } catch {
        total.failed += 1;
      }
    }
    if (total.failed === prepared.length) throw err;
    return total;
  }
}

/** Groups every pending report, batch after batch, until none is left. */
export async function groupPendingReports(deps: GroupingDeps, options: { batchSize?: number } = {}): Promise<GroupingOutcome> {
  const total: GroupingOutcome = { ...EMPTY, groupedReportIds: [] };
  let after: { createdAt: Date; id: string } | undefined;
  for (let i = 0; i < MAX_BATCHES_PER_DRAIN; i++) {
    const batch = await groupPendingBatch(deps, { ...options, after });
    if (batch.read === 0) break;
    after = batch.last ?? undefined;
    addUp(total, batch);
  }
  return total;
}

async function applyBatch(tx: Executor, deps: GroupingDeps, prepared: readonly PreparedReport[]): Promise<GroupingOutcome> {
  const { campaignLinkLimit, indicatorExpiryDays } = deps.config;
  await repo.lockGrouping(tx);
  const still = await repo.filterStillPending(tx, prepared.map((r) => r.id));
  const batch = prepared.filter((r) => still.has(r.id));
  if (batch.length === 0) return { ...EMPTY, groupedReportIds: [] };
  const batchIds = new Set(batch.map((r) => r.id));

  await repo.insertReportIndicators(tx, batch.flatMap((r) => r.indicators.map((i) => ({ reportId: r.id, kind: i.kind, value: i.value }))));
  const sightings = new Map<string, repo.IndicatorSighting>();
  for (const r of batch) {
    for (const i of r.indicators) {
      const key = keyOf(i.kind, i.value);
      const s = sightings.get(key);
      if (!s) {
        sightings.set(key, { kind: i.kind, value: i.value, initialStatus: isCommonValue(i.kind, i.value) ? 'commun' : 'actif', reports: 1, firstSeenAt: r.createdAt, lastSeenAt: r.createdAt });
      } else {
        s.reports += 1;
        if (r.createdAt < s.firstSeenAt) s.firstSeenAt = r.createdAt;
        if (r.createdAt > s.lastSeenAt) s.lastSeenAt = r.createdAt;
      }
    }
  }
  const upserted = await repo.upsertIndicators(tx, [...sightings.values()], indicatorExpiryDays);
  const indicators = new Map<string, PlanIndicator>();
  const idOfKey = new Map<string, string>();
  const seenBefore = new Map<string, number>();
  for (const u of upserted) {
    indicators.set(u.id, { id: u.id, kind: u.kind, value: u.value, status: u.status, soloLinks: Number(u.solo_links) });
    idOfKey.set(keyOf(u.kind, u.value), u.id);
    seenBefore.set(u.id, Number(u.sightings) - (sightings.get(keyOf(u.kind, u.value))?.reports ?? 0));
  }
  // What the batch can link to, outside itself.
  const linking = [...indicators.values()].filter((i) => isLinkingStatus(i.status)).map((i) => i.id);
  const campaignRows = await repo.findIndicatorCampaigns(tx, linking);
  const withCampaign = new Set(campaignRows.map((r) => r.indicator_id));
  const loneRows = await repo.findLoneCarriers(tx, linking.filter((id) => !withCampaign.has(id) && (seenBefore.get(id) ?? 0) > 0), campaignLinkLimit + 1);
  const batchKeys = [...new Set(batch.flatMap((r) => r.bandKeys.map(String)))];
  const bucketRows: { key: string; report_id: string }[] = [];
  const unknownKeys: string[] = [];
  for (const key of batchKeys) {
    const owner = cache.bucketOwners.get(key);
    if (owner) bucketRows.push({ key, report_id: owner });
    else unknownKeys.push(key);
  }
  for (const row of await repo.findBandBuckets(tx, unknownKeys)) {
    cache.bucketOwners.set(row.key, row.report_id);
    bucketRows.push(row);
  }
  for (let i = bucketRows.length - 1; i >= 0; i--) if (batchIds.has(bucketRows[i]!.report_id)) bucketRows.splice(i, 1);
  // Reports found in buckets: the narrow indexed_texts rows give their signature and campaign; only
  // those without campaign (they may join one now) are read in full, with the single indicator carriers.
  const owners = [...new Set(bucketRows.map((r) => r.report_id))];
  const indexedTexts = (await repo.findIndexedTexts(tx, owners, owners.filter((id) => !cache.signatures.get(id)))).flatMap((t) => {
    const signature = t.signature ?? cache.signatures.get(t.report_id);
    if (!signature) return [];
    cache.signatures.set(t.report_id, signature);
    return [{ ...t, signature }];
  });
  const inCampaign = indexedTexts.filter((t) => t.campaign_id !== null);
  const inCampaignIds = new Set(inCampaign.map((t) => t.report_id));
  const knownIds = new Set([...loneRows.map((r) => r.report_id), ...indexedTexts.filter((t) => t.campaign_id === null).map((t) => t.report_id)]);
  const knownRows = [
    ...(await repo.findGroupedReports(tx, [...knownIds].filter((id) => !inCampaignIds.has(id)))),
    ...inCampaign.map((t) => ({ id: t.report_id, created_at: EPOCH, campaign_id: t.campaign_id, campaign_pinned: false, scam_family: null, signature: t.signature })),
  ];
  const loneKnown = knownRows.filter((r) => r.campaign_id === null).map((r) => r.id);
  const loneIndicators = new Map<string, string[]>();
  for (const row of await repo.findIndicatorsOfReports(tx, loneKnown)) {
    if (!indicators.has(row.id)) indicators.set(row.id, { id: row.id, kind: row.kind, value: row.value, status: row.status, soloLinks: Number(row.solo_links) });
    loneIndicators.set(row.report_id, [...(loneIndicators.get(row.report_id) ?? []), row.id]);
  }
  const campaignIds = new Set([
    ...campaignRows.map((r) => r.campaign_id),
    ...knownRows.flatMap((r) => (r.campaign_id ? [r.campaign_id] : [])),
    ...batch.flatMap((r) => (r.campaignId ? [r.campaignId] : [])),
  ]);
  const campaignStates = await repo.lockCampaigns(tx, [...campaignIds]);
  const campaigns = new Map<string, KnownCampaign>(campaignStates.map((c) => [c.id, { id: c.id, since: new Date(c.since), hasPinned: c.has_pinned }]));
  const campaignState = new Map(campaignStates.map((c) => [c.id, c]));

  const indicatorCampaigns = new Map<string, string[]>();
  for (const r of campaignRows) if (campaigns.has(r.campaign_id)) indicatorCampaigns.set(r.indicator_id, [...(indicatorCampaigns.get(r.indicator_id) ?? []), r.campaign_id]);
  const knownReports = new Map<string, KnownReport>();
  for (const r of knownRows) {
    if (r.campaign_id !== null && !campaigns.has(r.campaign_id)) continue;
    knownReports.set(r.id, {
      id: r.id,
      createdAt: new Date(r.created_at),
      campaignId: r.campaign_id,
      pinned: r.campaign_pinned,
      scamFamily: r.scam_family,
      signature: r.signature,
      indicatorIds: loneIndicators.get(r.id) ?? [],
    });
  }
  const loneCarriers = new Map<string, string[]>();
  for (const r of loneRows) if (knownReports.has(r.report_id)) loneCarriers.set(r.indicator_id, [...(loneCarriers.get(r.indicator_id) ?? []), r.report_id]);
  const bandCandidates = new Map<string, string[]>();
  for (const r of bucketRows) if (knownReports.has(r.report_id)) bandCandidates.set(r.key, [...(bandCandidates.get(r.key) ?? []), r.report_id]);

  const planBatch: BatchReport[] = batch
    .filter((r) => !r.pinned)
    .map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      campaignId: r.campaignId && campaigns.has(r.campaignId) ? r.campaignId : null,
      scamFamily: r.scamFamily,
      indicatorIds: r.indicators.map((i) => idOfKey.get(keyOf(i.kind, i.value))!),
      signature: r.signature,
      bandKeys: r.bandKeys,
    }));
  const plan = planGrouping({
    batch: planBatch,
    indicators,
    indicatorCampaigns,
    loneCarriers,
    bandCandidates,
    knownReports,
    campaigns,
    linkLimit: campaignLinkLimit,
    newCampaignId: randomUUID,
  });

  const references = await repo.nextCampaignReferences(tx, plan.newCampaigns.length, new Date().getUTCFullYear());
  const created = plan.newCampaigns.map((c, i) => ({ ...c, reference: references[i]! }));
  await repo.insertCampaigns(tx, created.map((c) => ({ id: c.id, reference: c.reference, label: c.label, scamFamily: c.scamFamily, reportCount: c.members.length, firstReportAt: c.firstReportAt, lastReportAt: c.lastReportAt })));
  await repo.mergeCampaigns(tx, plan.merges);
  // Pinned reports (placed by an agent before being grouped) stay where they are.
  await repo.completeBatchReports(tx, batch.map((r) => ({ reportId: r.id, campaignId: plan.batchCampaign.get(r.id) ?? null, keep: r.pinned, signature: r.signature })));
  await repo.assignReports(tx, [...plan.pickedUp].map(([reportId, campaignId]) => ({ reportId, campaignId })));
  const found = new Set(bucketRows.map((r) => r.key));
  const opened = new Map<number, string>();
  for (const r of batch) {
    if (!plan.indexed.has(r.id)) continue;
    for (const key of r.bandKeys) if (!found.has(String(key)) && !opened.has(key)) opened.set(key, r.id);
  }
  await repo.insertBandBuckets(tx, [...opened].map(([key, reportId]) => ({ key, reportId })));
  await repo.insertIndexedTexts(
    tx,
    batch.filter((r) => plan.indexed.has(r.id)).map((r) => ({ reportId: r.id, campaignId: plan.batchCampaign.get(r.id) ?? null, signature: r.signature! })),
  );
  await repo.growCampaigns(tx, [...plan.growth].map(([campaignId, g]) => ({ campaignId, added: g.added.length, first: g.firstReportAt, last: g.lastReportAt })));
  await repo.addCampaignIndicatorCounts(tx, [...plan.indicatorCounts].flatMap(([campaignId, counts]) => [...counts].map(([indicatorId, count]) => ({ campaignId, indicatorId, count }))));
  await repo.updateIndicatorGuards(tx, [...plan.indicatorChanges].map(([id, c]) => ({ id, ...c })));
  // Reports that came with a campaign may already be counted in it: recount those campaigns from their reports.
  const placed = planBatch.filter((r) => r.campaignId !== null).map((r) => plan.batchCampaign.get(r.id)).filter((c): c is string => !!c);
  await recountCampaigns(tx, [...new Set(placed)]);
  await repo.refreshPublishedIndicators(tx, upserted.map((u) => u.id), indicatorExpiryDays);

  const events: AuditEvent[] = [
    ...created.map((c): AuditEvent => ({
      action: 'campaigns.campaign.created',
      entityType: 'campaign',
      entityId: c.id,
      details: { reference: c.reference, label: c.label, automatic: true, reportCount: c.members.length, reportIds: c.members.slice(0, 100) },
    })),
    ...plan.merges.map((m): AuditEvent => ({
      action: 'campaigns.campaign.merged',
      entityType: 'campaign',
      entityId: m.into,
      details: { automatic: true, absorbed: m.from, absorbedReference: campaignState.get(m.from)?.reference ?? null },
    })),
    // One entry per batch for the reports joining existing campaigns: an entry per campaign would cost
    // more than the grouping itself (each entry is hashed into the chain).
    ...(plan.growth.size > 0
      ? [{
          action: 'campaigns.campaign.reports_grouped' as const,
          entityType: 'campaign',
          entityId: null,
          details: { automatic: true, campaigns: Object.fromEntries([...plan.growth].map(([campaignId, g]) => [campaignId, g.added])) },
        }]
      : []),
    ...plan.held.map((id): AuditEvent => ({
      action: 'campaigns.indicator.held',
      entityType: 'indicator',
      entityId: id,
      details: { kind: indicators.get(id)!.kind, value: indicators.get(id)!.value, soloLinks: plan.indicatorChanges.get(id)?.soloLinks ?? null, limit: campaignLinkLimit },
    })),
  ];
  await recordAuditBatch(tx, SYSTEM_CONTEXT, events);
  return {
    grouped: batch.length,
    failed: 0,
    campaignsCreated: created.length,
    campaignsMerged: plan.merges.length,
    indicatorsHeld: plan.held.length,
    groupedReportIds: batch.map((r) => r.id),
  };
}

/** Marks indicators and published values past their expiry date. */
export async function sweepExpiredIndicators(database: Database): Promise<number> {
  return repo.expireIndicators(database.db);
}
