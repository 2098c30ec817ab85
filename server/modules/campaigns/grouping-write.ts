// The write and audit steps of the grouping (grouping.service.ts): a plan (grouping-plan.ts) becomes
// campaigns, merges, report placements, LSH buckets, counters and indicator guards, then audit entries —
// all in the batch's transaction.

import type { AuditEvent } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/client.js';
import { recountCampaigns } from './campaigns.repo.js';
import type { OpenedBuckets } from './band-key-filter.js';
import type { BatchReport, GroupingPlan, NewCampaign, PlanIndicator } from './grouping-plan.types.js';
import type { PreparedReport } from './grouping-load.js';
import * as repo from './grouping.repo.js';

export type CreatedCampaign = NewCampaign & { reference: string };

/** What the write step needs besides the plan. */
export interface PlanWriteContext {
  batch: readonly PreparedReport[];
  /** The batch as the plan read it (pinned reports left out). */
  planBatch: readonly BatchReport[];
  /** Band keys whose bucket a report outside the batch already opened. */
  foundBandKeys: ReadonlySet<string>;
  /** Indicators whose sightings the batch recorded: their published values are refreshed. */
  sightedIndicatorIds: readonly string[];
  indicatorExpiryDays: number;
}

/**
 * Writes the plan, in this order: campaigns created and merged, reports placed, texts indexed, counters.
 * Returns the new campaigns and the buckets opened (for the band-key filter, once committed).
 */
export async function writePlan(tx: Executor, plan: GroupingPlan, context: PlanWriteContext): Promise<{ created: CreatedCampaign[]; openedBuckets: OpenedBuckets | null }> {
  const created = await createCampaigns(tx, plan);
  await repo.mergeCampaigns(tx, plan.merges);
  await placeReports(tx, plan, context.batch);
  const openedBuckets = await indexTexts(tx, plan, context.batch, context.foundBandKeys);
  await updateCounters(tx, plan, context.planBatch);
  await repo.refreshPublishedIndicators(tx, context.sightedIndicatorIds, context.indicatorExpiryDays);
  return { created, openedBuckets };
}

async function createCampaigns(tx: Executor, plan: GroupingPlan): Promise<CreatedCampaign[]> {
  const references = await repo.nextCampaignReferences(tx, plan.newCampaigns.length, new Date().getUTCFullYear());
  const created = plan.newCampaigns.map((c, i) => ({ ...c, reference: references[i]! }));
  await repo.insertCampaigns(
    tx,
    created.map((c) => ({ id: c.id, reference: c.reference, label: c.label, scamFamily: c.scamFamily, reportCount: c.members.length, firstReportAt: c.firstReportAt, lastReportAt: c.lastReportAt })),
  );
  return created;
}

/** Stamps the batch's reports grouped in their campaign, and moves the single reports picked up. */
async function placeReports(tx: Executor, plan: GroupingPlan, batch: readonly PreparedReport[]): Promise<void> {
  // Pinned reports (placed by an agent before being grouped) stay where they are.
  await repo.completeBatchReports(tx, batch.map((r) => ({ reportId: r.id, campaignId: plan.batchCampaign.get(r.id) ?? null, keep: r.pinned })));
  await repo.assignReports(tx, [...plan.pickedUp].map(([reportId, campaignId]) => ({ reportId, campaignId })));
}

/** Opens the buckets no report holds yet (each to the first indexed report falling in it) and records the indexed signatures. */
async function indexTexts(tx: Executor, plan: GroupingPlan, batch: readonly PreparedReport[], foundBandKeys: ReadonlySet<string>): Promise<OpenedBuckets | null> {
  const indexed = batch.filter((r) => plan.indexed.has(r.id));
  const opened = new Map<number, string>();
  for (const r of indexed) {
    for (const key of r.bandKeys) if (!foundBandKeys.has(String(key)) && !opened.has(key)) opened.set(key, r.id);
  }
  const batches = await repo.insertBandBuckets(tx, [...opened].map(([key, reportId]) => ({ key, reportId })));
  await repo.insertIndexedTexts(tx, indexed.map((r) => ({ reportId: r.id, campaignId: plan.batchCampaign.get(r.id) ?? null, signature: r.signature! })));
  return batches === null ? null : { keys: [...opened.keys()], batches };
}

/** Campaign counters and dates, campaign indicator counts, indicator guards. */
async function updateCounters(tx: Executor, plan: GroupingPlan, planBatch: readonly BatchReport[]): Promise<void> {
  await repo.growCampaigns(tx, [...plan.growth].map(([campaignId, g]) => ({ campaignId, added: g.added.length, first: g.firstReportAt, last: g.lastReportAt })));
  await repo.addCampaignIndicatorCounts(tx, [...plan.indicatorCounts].flatMap(([campaignId, counts]) => [...counts].map(([indicatorId, count]) => ({ campaignId, indicatorId, count }))));
  await repo.updateIndicatorGuards(tx, [...plan.indicatorChanges].map(([id, c]) => ({ id, ...c })));
  // Reports that came with a campaign may already be counted in it: recount those campaigns from their reports.
  const placed = planBatch.filter((r) => r.campaignId !== null).map((r) => plan.batchCampaign.get(r.id)).filter((c): c is string => !!c);
  await recountCampaigns(tx, [...new Set(placed)]);
}

/** What the audit trail says of a batch: campaigns created and merged, reports grouped, indicators held. */
export function groupingAuditEvents(
  plan: GroupingPlan,
  created: readonly CreatedCampaign[],
  context: { indicators: ReadonlyMap<string, PlanIndicator>; references: ReadonlyMap<string, string>; linkLimit: number },
): AuditEvent[] {
  return [
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
      details: { automatic: true, absorbed: m.from, absorbedReference: context.references.get(m.from) ?? null },
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
      details: { kind: context.indicators.get(id)!.kind, value: context.indicators.get(id)!.value, soloLinks: plan.indicatorChanges.get(id)?.soloLinks ?? null, limit: context.linkLimit },
    })),
  ];
}
