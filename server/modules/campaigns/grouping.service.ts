import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import { recordAuditBatch, SYSTEM_CONTEXT } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { WATCHLIST_MATCH_QUEUE } from '../../platform/jobs/queues.js';
import { recordOpenedBuckets, syncBandKeyFilter, type OpenedBuckets } from './band-key-filter.js';
import { keepStillPending, loadNeighbourhood, recordSightings, toPlanBatch, type PreparedReport } from './grouping-load.js';
import { planGrouping } from './grouping-plan.js';
import { groupingAuditEvents, writePlan } from './grouping-write.js';
import * as repo from './grouping.repo.js';
import { bandKeys, textSignature } from './minhash.js';
import { extractReportIndicators, reportSourceOf } from './report-indicators.js';

export interface GroupingDeps {
  config: Pick<Config, 'campaignLinkLimit' | 'indicatorExpiryDays'>;
  database: Database;
  jobs: Pick<JobQueue, 'enqueueMany'>;
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
/**
 * Smallest batch that uses the band-key filter (band-key-filter.ts). A report filed alone asks the
 * database about its 16 keys directly: building a filter (every key read once) pays off over a drain,
 * not in the grouping of one report.
 */
const BAND_KEY_FILTER_MIN_BATCH = 100;

/** What can be worked out of a report before taking any lock: indicators, MinHash signature, bands. */
function prepareReport(row: repo.PendingReportRow): PreparedReport {
  const analysis = row.analysis_indicators === null || row.analysis_indicators === undefined ? null : { indicators: row.analysis_indicators };
  const indicators = extractReportIndicators(reportSourceOf(row, analysis));
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

/** Pending reports read and prepared, and where the next read starts. */
interface PreparedBatch {
  prepared: PreparedReport[];
  last: { createdAt: Date; id: string } | null;
}

/** Reports prepared between two yields to the event loop (see readAndPrepare). */
const PREPARE_SLICE = 100;

/**
 * Reads a batch of pending reports (the oldest first, or the given ones) and works out their indicators,
 * signature and bands. It yields to the event loop every PREPARE_SLICE reports: a drain prepares the next
 * batch while the current one is grouped, and the current batch's statements must not wait behind it.
 */
async function readAndPrepare(
  deps: GroupingDeps,
  options: { batchSize?: number; reportIds?: readonly string[]; after?: { createdAt: Date; id: string } },
): Promise<PreparedBatch> {
  const pending = await repo.findPendingReports(deps.database.db, options.batchSize ?? DEFAULT_BATCH_SIZE, { only: options.reportIds, after: options.after });
  const prepared: PreparedReport[] = [];
  for (let start = 0; start < pending.length; start += PREPARE_SLICE) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const row of pending.slice(start, start + PREPARE_SLICE)) prepared.push(prepareReport(row));
  }
  const last = prepared.at(-1);
  return { prepared, last: last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** Groups prepared reports, then queues each grouped report for the watchlists (after commit, in one statement). */
async function groupAndQueue(deps: GroupingDeps, prepared: readonly PreparedReport[]): Promise<GroupingOutcome> {
  const outcome = await groupPrepared(deps, prepared);
  await deps.jobs.enqueueMany(WATCHLIST_MATCH_QUEUE, outcome.groupedReportIds.map((reportId) => ({ reportId })));
  return outcome;
}

/**
 * Groups one batch of pending reports (the oldest first, or the given ones): works out their indicators,
 * signature and bands, then links each to campaigns in one transaction under the grouping lock, so two
 * workers never create two campaigns for one cluster. After commit, the grouped reports are queued for
 * the watchlists. `read` is how many pending reports were read (0: nothing left); `grouped` may be
 * smaller when another worker took some first.
 */
export async function groupPendingBatch(
  deps: GroupingDeps,
  options: { batchSize?: number; reportIds?: readonly string[]; after?: { createdAt: Date; id: string } } = {},
): Promise<GroupingOutcome & { read: number; last: { createdAt: Date; id: string } | null }> {
  // Parsing and hashing happen before the transaction opens: it only reads, decides and writes.
  const { prepared, last } = await readAndPrepare(deps, options);
  if (prepared.length === 0) return { ...EMPTY, groupedReportIds: [], read: 0, last: null };
  return { ...(await groupAndQueue(deps, prepared)), read: prepared.length, last };
}

function addUp(total: GroupingOutcome, part: GroupingOutcome, keepIds = true): void {
  total.grouped += part.grouped;
  total.failed += part.failed;
  total.campaignsCreated += part.campaignsCreated;
  total.campaignsMerged += part.campaignsMerged;
  total.indicatorsHeld += part.indicatorsHeld;
  if (keepIds) total.groupedReportIds.push(...part.groupedReportIds);
}

/**
 * One transaction for the batch; if it fails, each report alone, so that one report the grouping
 * cannot take does not hold back the others (it stays pending). When no report goes through alone
 * either, the cause is not a report (the database is down…): the error is thrown, the job retried.
 */
async function groupPrepared(deps: GroupingDeps, prepared: readonly PreparedReport[]): Promise<GroupingOutcome> {
  try {
    return await committedBatch(deps, prepared);
  } catch (err) {
    if (prepared.length === 1) throw err;
    const total: GroupingOutcome = { ...EMPTY, groupedReportIds: [] };
    for (const report of prepared) {
      try {
        addUp(total, await committedBatch(deps, [report]));
      } catch {
        total.failed += 1;
      }
    }
    if (total.failed === prepared.length) throw err;
    return total;
  }
}

/** One batch in its own transaction; once committed, the buckets it opened join the band-key filter. */
async function committedBatch(deps: GroupingDeps, prepared: readonly PreparedReport[]): Promise<GroupingOutcome> {
  const { outcome, openedBuckets } = await deps.database.db.transaction((tx) => applyBatch(tx, deps, prepared));
  recordOpenedBuckets(deps.database, openedBuckets);
  return outcome;
}

/**
 * Groups every pending report, batch after batch, until none is left; its outcome lists no ids (`onBatch`: after each, for progress).
 * The next batch is read and prepared while the current one is grouped: reading and preparing depend on
 * nothing the grouping writes (the reports it reads are pending ones, and whether they still are is
 * checked again under the lock), so the processor works on one while the database works on the other.
 */
export async function groupPendingReports(
  deps: GroupingDeps,
  options: { batchSize?: number; onBatch?: (total: Readonly<GroupingOutcome>) => void } = {},
): Promise<GroupingOutcome> {
  const total: GroupingOutcome = { ...EMPTY, groupedReportIds: [] };
  let next = readAndPrepare(deps, { batchSize: options.batchSize });
  try {
    for (let i = 0; i < MAX_BATCHES_PER_DRAIN; i++) {
      const batch = await next;
      if (batch.prepared.length === 0) break;
      next = readAndPrepare(deps, { batchSize: options.batchSize, after: batch.last ?? undefined });
      // Handled here so that a failed read is not reported unhandled while this batch is grouped; it is
      // thrown when awaited, at the next turn.
      next.catch(() => undefined);
      // A drain may cover a million reports: it counts them, it does not keep their ids (each batch has
      // already queued its own for the watchlists).
      addUp(total, await groupAndQueue(deps, batch.prepared), false);
      options.onBatch?.(total);
    }
  } finally {
    // A batch read ahead and not grouped (the drain failed or reached its limit) stays pending: wait for
    // the read so that no query outlives the drain.
    await next.catch(() => undefined);
  }
  return total;
}

/**
 * Groups a batch inside its transaction, in four steps: load (under the grouping lock: the reports still
 * pending, their sightings recorded, what they can link to), plan (pure: grouping-plan.ts), write (the
 * plan's campaigns, placements, buckets and counters), audit (one batch of entries).
 */
async function applyBatch(tx: Executor, deps: GroupingDeps, prepared: readonly PreparedReport[]): Promise<{ outcome: GroupingOutcome; openedBuckets: OpenedBuckets | null }> {
  const { campaignLinkLimit, indicatorExpiryDays } = deps.config;
  await repo.lockGrouping(tx);
  const batch = await keepStillPending(tx, prepared);
  if (batch.length === 0) return { outcome: { ...EMPTY, groupedReportIds: [] }, openedBuckets: null };
  const sightings = await recordSightings(tx, batch, indicatorExpiryDays);
  const bandKeys = batch.length >= BAND_KEY_FILTER_MIN_BATCH ? await syncBandKeyFilter(tx, deps.database) : null;
  const neighbourhood = await loadNeighbourhood(tx, batch, sightings, { linkLimit: campaignLinkLimit, bandKeys });

  const planBatch = toPlanBatch(batch, sightings, neighbourhood.campaigns);
  const plan = planGrouping({
    batch: planBatch,
    indicators: neighbourhood.indicators,
    indicatorCampaigns: neighbourhood.indicatorCampaigns,
    loneCarriers: neighbourhood.loneCarriers,
    bandCandidates: neighbourhood.bandCandidates,
    knownReports: neighbourhood.knownReports,
    campaigns: neighbourhood.campaigns,
    linkLimit: campaignLinkLimit,
    newCampaignId: randomUUID,
  });

  const { created, openedBuckets } = await writePlan(tx, plan, {
    batch,
    planBatch,
    foundBandKeys: neighbourhood.foundBandKeys,
    sightedIndicatorIds: sightings.upsertedIds,
    indicatorExpiryDays,
  });
  await recordAuditBatch(tx, SYSTEM_CONTEXT, groupingAuditEvents(plan, created, { indicators: neighbourhood.indicators, references: neighbourhood.references, linkLimit: campaignLinkLimit }));
  const outcome = {
    grouped: batch.length,
    failed: 0,
    campaignsCreated: created.length,
    campaignsMerged: plan.merges.length,
    indicatorsHeld: plan.held.length,
    groupedReportIds: batch.map((r) => r.id),
  };
  return { outcome, openedBuckets };
}

/** Marks indicators and published values past their expiry date. */
export async function sweepExpiredIndicators(database: Database): Promise<number> {
  return repo.expireIndicators(database.db);
}
