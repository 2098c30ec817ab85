// The load step of the grouping (grouping.service.ts), under the grouping lock: the batch's sightings
// recorded, then what the batch can link to — campaigns carrying its indicators, single reports carrying
// them, reports sharing a text band — read and shaped as the plan's input (grouping-plan.types.ts).

import type { Executor } from '../../platform/db/client.js';
import type { BandKeyFilter } from './band-key-filter.js';
import type { IndicatorKind } from '../../platform/db/schema-reports.js';
import { isCommonValue } from './common-values.js';
import { isLinkingStatus } from './grouping-plan.js';
import type { BatchReport, KnownCampaign, KnownReport, PlanIndicator } from './grouping-plan.types.js';
import * as repo from './grouping.repo.js';
import * as cache from './grouping-cache.js';
import type { ReportIndicator } from './report-indicators.js';

/** What can be worked out of a report before taking any lock: indicators, MinHash signature, bands. */
export interface PreparedReport {
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

/** The batch's indicators once their sightings are recorded. */
export interface RecordedSightings {
  /** Indicator id → its state after the upsert. */
  indicators: ReadonlyMap<string, PlanIndicator>;
  /** kind + value (keyOf) → indicator id. */
  idOfKey: ReadonlyMap<string, string>;
  /** Indicator id → reports that carried it before this batch. */
  seenBefore: ReadonlyMap<string, number>;
}

/** What the batch can link to outside itself, as the plan reads it. */
export interface Neighbourhood {
  /** The batch's indicators and those of the single reports it may pick up. */
  indicators: ReadonlyMap<string, PlanIndicator>;
  indicatorCampaigns: ReadonlyMap<string, readonly string[]>;
  loneCarriers: ReadonlyMap<string, readonly string[]>;
  bandCandidates: ReadonlyMap<string, readonly string[]>;
  knownReports: ReadonlyMap<string, KnownReport>;
  /** Live campaigns involved, locked for the transaction. */
  campaigns: ReadonlyMap<string, KnownCampaign>;
  /** Live campaign id → its reference (named in the audit of a merge). */
  references: ReadonlyMap<string, string>;
  /** Band keys whose bucket a report outside the batch already opened. */
  foundBandKeys: ReadonlySet<string>;
}

type BucketRow = { key: string; report_id: string };
type IndexedText = { report_id: string; campaign_id: string | null; signature: Int32Array };

export const keyOf = (kind: IndicatorKind, value: string) => `${kind}\u0000${value}`;
/** Filing date of a report known only through its campaign: never used (it joins no campaign). */
const EPOCH = new Date(0);

/** Of the prepared reports, those still pending now that the lock is held (another worker may have taken some). */
export async function keepStillPending(tx: Executor, prepared: readonly PreparedReport[]): Promise<PreparedReport[]> {
  const still = await repo.filterStillPending(tx, prepared.map((r) => r.id));
  return prepared.filter((r) => still.has(r.id));
}

/**
 * Writes the batch's report indicators and adds its sightings to each indicator (created when new:
 * common values never link). Returns the indicators' state and how often each was seen before.
 */
export async function recordSightings(tx: Executor, batch: readonly PreparedReport[], expiryDays: number): Promise<RecordedSightings & { upsertedIds: string[] }> {
  await repo.insertReportIndicators(tx, batch.flatMap((r) => r.indicators.map((i) => ({ reportId: r.id, kind: i.kind, value: i.value }))));
  const sightings = sightingsOf(batch);
  const upserted = await repo.upsertIndicators(tx, [...sightings.values()], expiryDays);
  const indicators = new Map<string, PlanIndicator>();
  const idOfKey = new Map<string, string>();
  const seenBefore = new Map<string, number>();
  for (const u of upserted) {
    indicators.set(u.id, { id: u.id, kind: u.kind, value: u.value, status: u.status, soloLinks: Number(u.solo_links) });
    idOfKey.set(keyOf(u.kind, u.value), u.id);
    seenBefore.set(u.id, Number(u.sightings) - (sightings.get(keyOf(u.kind, u.value))?.reports ?? 0));
  }
  return { indicators, idOfKey, seenBefore, upsertedIds: upserted.map((u) => u.id) };
}

/** One sighting per distinct indicator of the batch: how many reports, first and last seen. */
function sightingsOf(batch: readonly PreparedReport[]): Map<string, repo.IndicatorSighting> {
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
  return sightings;
}

/**
 * Reads what the batch can link to outside itself: campaigns and single reports carrying its linking
 * indicators, reports owning the LSH buckets its texts fall into (asked only of the keys `bandKeys` may
 * hold, when there is a filter), and locks the live campaigns among them.
 */
export async function loadNeighbourhood(
  tx: Executor,
  batch: readonly PreparedReport[],
  sightings: RecordedSightings,
  options: { linkLimit: number; bandKeys: BandKeyFilter | null },
): Promise<Neighbourhood> {
  const { linkLimit } = options;
  const linking = [...sightings.indicators.values()].filter((i) => isLinkingStatus(i.status)).map((i) => i.id);
  const campaignRows = await repo.findIndicatorCampaigns(tx, linking);
  const withCampaign = new Set(campaignRows.map((r) => r.indicator_id));
  const loneRows = await repo.findLoneCarriers(tx, linking.filter((id) => !withCampaign.has(id) && (sightings.seenBefore.get(id) ?? 0) > 0), linkLimit + 1);
  const bucketRows = await findBucketOwners(tx, batch, options.bandKeys);
  const indexedTexts = await readIndexedTexts(tx, [...new Set(bucketRows.map((r) => r.report_id))]);
  const knownRows = await loadKnownReports(tx, loneRows, indexedTexts);
  const indicators = new Map(sightings.indicators);
  const loneIndicators = await loadLoneIndicators(tx, knownRows, indicators);
  const campaignStates = await repo.lockCampaigns(tx, [
    ...new Set([
      ...campaignRows.map((r) => r.campaign_id),
      ...knownRows.flatMap((r) => (r.campaign_id ? [r.campaign_id] : [])),
      ...batch.flatMap((r) => (r.campaignId ? [r.campaignId] : [])),
    ]),
  ]);
  const campaigns = new Map<string, KnownCampaign>(campaignStates.map((c) => [c.id, { id: c.id, since: new Date(c.since), hasPinned: c.has_pinned }]));
  const knownReports = knownReportsOf(knownRows, loneIndicators, campaigns);
  return {
    indicators,
    indicatorCampaigns: groupBy(campaignRows.filter((r) => campaigns.has(r.campaign_id)), (r) => r.indicator_id, (r) => r.campaign_id),
    loneCarriers: groupBy(loneRows.filter((r) => knownReports.has(r.report_id)), (r) => r.indicator_id, (r) => r.report_id),
    bandCandidates: groupBy(bucketRows.filter((r) => knownReports.has(r.report_id)), (r) => r.key, (r) => r.report_id),
    knownReports,
    campaigns,
    references: new Map(campaignStates.map((c) => [c.id, c.reference])),
    foundBandKeys: new Set(bucketRows.map((r) => r.key)),
  };
}

/** The batch's reports as the plan reads them; pinned reports stay out (an agent placed them). */
export function toPlanBatch(batch: readonly PreparedReport[], sightings: RecordedSightings, campaigns: ReadonlyMap<string, KnownCampaign>): BatchReport[] {
  return batch
    .filter((r) => !r.pinned)
    .map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      campaignId: r.campaignId && campaigns.has(r.campaignId) ? r.campaignId : null,
      scamFamily: r.scamFamily,
      indicatorIds: r.indicators.map((i) => sightings.idOfKey.get(keyOf(i.kind, i.value))!),
      signature: r.signature,
      bandKeys: r.bandKeys,
    }));
}

/**
 * The report owning each bucket the batch's texts fall into (from the cache, else read), batch reports
 * aside. A key the filter says no bucket has is not read: it has none.
 */
async function findBucketOwners(tx: Executor, batch: readonly PreparedReport[], bandKeys: BandKeyFilter | null): Promise<BucketRow[]> {
  const batchIds = new Set(batch.map((r) => r.id));
  const bucketRows: BucketRow[] = [];
  const unknownKeys: string[] = [];
  for (const key of new Set(batch.flatMap((r) => r.bandKeys))) {
    if (bandKeys && !bandKeys.mayHold(key)) continue;
    const owner = cache.bucketOwners.get(String(key));
    if (owner) bucketRows.push({ key: String(key), report_id: owner });
    else unknownKeys.push(String(key));
  }
  for (const row of await repo.findBandBuckets(tx, unknownKeys)) {
    cache.bucketOwners.set(row.key, row.report_id);
    bucketRows.push(row);
  }
  return bucketRows.filter((r) => !batchIds.has(r.report_id));
}

/** The campaign and signature of reports found in buckets: the narrow indexed_texts rows, signatures cached. */
async function readIndexedTexts(tx: Executor, owners: readonly string[]): Promise<IndexedText[]> {
  const rows = await repo.findIndexedTexts(tx, owners, owners.filter((id) => !cache.signatures.get(id)));
  return rows.flatMap((t) => {
    const signature = t.signature ?? cache.signatures.get(t.report_id);
    if (!signature) return [];
    cache.signatures.set(t.report_id, signature);
    return [{ ...t, signature }];
  });
}

/** A report the batch may link to, with its text signature when it owns buckets (only owners are compared). */
type KnownRow = repo.KnownReportRow & { signature: Int32Array | null };

/**
 * Reports the batch may link to: those in a campaign are known through indexed_texts alone; the others
 * (they may join a campaign now) are read in full, with the single indicator carriers. Signatures are
 * those of indexed_texts: a text is compared only with the reports owning the buckets it falls into.
 */
async function loadKnownReports(tx: Executor, loneRows: readonly { report_id: string }[], indexedTexts: readonly IndexedText[]): Promise<KnownRow[]> {
  const inCampaign = indexedTexts.filter((t) => t.campaign_id !== null);
  const inCampaignIds = new Set(inCampaign.map((t) => t.report_id));
  const signatureOf = new Map(indexedTexts.map((t) => [t.report_id, t.signature]));
  const knownIds = new Set([...loneRows.map((r) => r.report_id), ...indexedTexts.filter((t) => t.campaign_id === null).map((t) => t.report_id)]);
  const grouped = await repo.findGroupedReports(tx, [...knownIds].filter((id) => !inCampaignIds.has(id)));
  return [
    ...grouped.map((r) => ({ ...r, signature: signatureOf.get(r.id) ?? null })),
    ...inCampaign.map((t) => ({ id: t.report_id, created_at: EPOCH, campaign_id: t.campaign_id, campaign_pinned: false, scam_family: null, signature: t.signature })),
  ];
}

/** Report → indicator ids of the known reports without campaign; their indicators not yet in `indicators` are added. */
async function loadLoneIndicators(tx: Executor, knownRows: readonly KnownRow[], indicators: Map<string, PlanIndicator>): Promise<Map<string, string[]>> {
  const loneIndicators = new Map<string, string[]>();
  const loneKnown = knownRows.filter((r) => r.campaign_id === null).map((r) => r.id);
  for (const row of await repo.findIndicatorsOfReports(tx, loneKnown)) {
    if (!indicators.has(row.id)) indicators.set(row.id, { id: row.id, kind: row.kind, value: row.value, status: row.status, soloLinks: Number(row.solo_links) });
    loneIndicators.set(row.report_id, [...(loneIndicators.get(row.report_id) ?? []), row.id]);
  }
  return loneIndicators;
}

/** Known reports as the plan reads them; those of a campaign no longer live (merged meanwhile) are left out. */
function knownReportsOf(
  knownRows: readonly KnownRow[],
  loneIndicators: ReadonlyMap<string, string[]>,
  campaigns: ReadonlyMap<string, KnownCampaign>,
): Map<string, KnownReport> {
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
  return knownReports;
}

function groupBy<T>(rows: readonly T[], keyOfRow: (row: T) => string, valueOfRow: (row: T) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const key = keyOfRow(row);
    const list = groups.get(key);
    if (list) list.push(valueOfRow(row));
    else groups.set(key, [valueOfRow(row)]);
  }
  return groups;
}
