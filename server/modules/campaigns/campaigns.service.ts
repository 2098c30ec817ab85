import { randomUUID } from 'node:crypto';
import type {
  TCampaignList,
  TCampaignListQuery,
  TCampaignMerge,
  TCampaignPage,
  TCampaignSplit,
  TCampaignSummary,
  TCampaignUpdate,
} from '../../../contracts/campaigns.schemas.js';
import { recordAudit, recordAuditBatch, type AuditContext } from '../../platform/audit/audit.js';
import { isInScope, type Actor } from '../../platform/authz/policy.js';
import type { Executor } from '../../platform/db/client.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { buildCampaignLabel, displayValue, strongestIndicator } from './campaign-label.js';
import * as repo from './campaigns.repo.js';
import * as grouping from './grouping.repo.js';

// What agents do with campaigns. Every change takes the grouping lock first, so it never interleaves
// with an automatic grouping batch, then locks the campaign row; the audit entry is written in the
// same transaction. Départemental agents see (and act on) campaigns holding at least one report of
// their département; national agents see all. Out of scope answers 404.

function toSummary(c: repo.CampaignRecord): TCampaignSummary {
  return {
    id: c.id,
    reference: c.reference,
    label: c.label,
    status: c.status,
    scamFamily: c.scamFamily,
    reportCount: c.reportCount,
    firstReportAt: c.firstReportAt,
    lastReportAt: c.lastReportAt,
    qualifiedAt: c.qualifiedAt,
  };
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/** Campaigns the actor may see, most recently reported first. */
export async function listCampaigns(deps: ServiceDeps, actor: Actor, query: TCampaignListQuery): Promise<TCampaignList> {
  const { items, total } = await repo.listCampaigns(deps.database.db, query, actor.departement);
  return { items: items.map(toSummary), total, page: query.page, pageSize: repo.PAGE_SIZE };
}

/**
 * A campaign's page: header, reports per day and per département, indicators with their life, and its
 * reports (receipt, dates, channel, département, status — never who reported). Throws NOT_FOUND when
 * the campaign is merged, unknown or out of the actor's scope.
 */
export async function readCampaign(deps: ServiceDeps, actor: Actor, id: string): Promise<TCampaignPage> {
  const db = deps.database.db;
  const campaign = await repo.findVisibleCampaign(db, id, actor.departement);
  if (!campaign) throw new AppError('NOT_FOUND');
  const [timeline, departements, indicators, reports] = [
    await repo.campaignTimeline(db, id),
    await repo.campaignDepartements(db, id),
    await repo.campaignIndicators(db, id),
    await repo.campaignReports(db, id),
  ];
  return {
    campaign: { ...toSummary(campaign), summary: campaign.summary, createdAt: campaign.createdAt, updatedAt: campaign.updatedAt },
    timeline,
    departements,
    indicators: indicators.map((i) => ({
      id: i.id,
      kind: i.kind,
      value: i.value,
      display: displayValue(i.kind, i.value),
      status: i.status,
      sightings: Number(i.sightings),
      reportCount: Number(i.report_count),
      firstSeenAt: iso(i.first_seen_at)!,
      lastSeenAt: iso(i.last_seen_at)!,
      expiresAt: iso(i.expires_at),
      published: i.published,
    })),
    reports: reports.map((r) => ({
      id: r.id,
      receiptNumber: r.receipt_number,
      createdAt: iso(r.created_at)!,
      occurredOn: r.occurred_on,
      channel: r.channel,
      departement: r.departement,
      status: r.status,
      pinned: r.campaign_pinned,
      inScope: isInScope(actor, r.departement),
    })),
    reportsShown: reports.length,
  };
}

/** Opens the change: grouping lock, then the campaign row, in scope and live. */
async function lockCampaign(tx: Executor, actor: Actor, id: string): Promise<repo.CampaignRecord> {
  await grouping.lockGrouping(tx);
  const campaign = await repo.findVisibleCampaign(tx, id, actor.departement, true);
  if (!campaign) throw new AppError('NOT_FOUND');
  return campaign;
}

async function reload(tx: Executor, id: string): Promise<TCampaignSummary> {
  return toSummary((await repo.findVisibleCampaign(tx, id, null))!);
}

/** Edits label, summary or family; a new label follows onto the campaign's published indicators. */
export async function updateCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCampaignUpdate): Promise<TCampaignSummary> {
  return deps.database.db.transaction(async (tx) => {
    const before = await lockCampaign(tx, actor, id);
    await repo.updateCampaignFields(tx, id, input);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (input.label !== undefined) changes.label = { before: before.label, after: input.label };
    if (input.summary !== undefined) changes.summary = { before: before.summary.length, after: input.summary.length };
    if (input.scamFamily !== undefined) changes.scamFamily = { before: before.scamFamily, after: input.scamFamily };
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.updated', entityType: 'campaign', entityId: id, details: { changes } });
    return reload(tx, id);
  });
}

/** Checks that the reports belong to the campaign and that the actor may move them. */
async function movableReports(tx: Executor, actor: Actor, campaign: repo.CampaignRecord, reportIds: readonly string[], field: string): Promise<string[]> {
  const unique = [...new Set(reportIds)];
  const found = await repo.reportsInCampaign(tx, campaign.id, unique);
  if (found.length !== unique.length) throw fieldError(field, 'Certains signalements ne font pas partie de cette campagne.');
  if (found.some((r) => !isInScope(actor, r.departement))) throw fieldError(field, 'Vous ne pouvez déplacer que des signalements de votre département.');
  if (found.length >= campaign.reportCount) throw fieldError(field, 'Laissez au moins un signalement dans la campagne d’origine.');
  return unique;
}

/**
 * Moves the chosen reports into a new campaign, placed by hand (automatic grouping will not move them
 * back nor merge the two campaigns). Throws VALIDATION_FAILED (reportIds) for reports not in the
 * campaign, outside the actor's département, or all of them.
 */
export async function splitCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCampaignSplit): Promise<TCampaignSummary> {
  return deps.database.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, actor, id);
    const moved = await movableReports(tx, actor, campaign, input.reportIds, 'reportIds');
    const [reference] = await grouping.nextCampaignReferences(tx, 1, new Date().getUTCFullYear());
    const label = input.label ?? buildCampaignLabel(campaign.scamFamily, strongestIndicator(await repo.linkingIndicatorsOf(tx, moved)));
    const newId = randomUUID();
    const now = new Date();
    await grouping.insertCampaigns(tx, [{ id: newId, reference: reference!, label, scamFamily: campaign.scamFamily, reportCount: 0, firstReportAt: now, lastReportAt: now }]);
    await repo.placeReports(tx, moved, newId);
    await repo.recountCampaigns(tx, [id, newId]);
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.split', entityType: 'campaign', entityId: id, details: { newCampaignId: newId, newReference: reference, reportIds: moved } });
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.created', entityType: 'campaign', entityId: newId, details: { reference, label, automatic: false, splitFrom: id, reportCount: moved.length } });
    return reload(tx, newId);
  });
}

/**
 * Absorbs another campaign (named by its reference) into this one: its reports, indicators and
 * published values. Throws VALIDATION_FAILED (reference) when it is unknown, out of scope, or this one.
 */
export async function mergeIntoCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCampaignMerge): Promise<TCampaignSummary> {
  return deps.database.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, actor, id);
    const other = await repo.findVisibleCampaignByReference(tx, input.reference, actor.departement);
    if (!other) throw fieldError('reference', `Aucune campagne ${input.reference} parmi celles que vous pouvez voir.`);
    if (other.id === campaign.id) throw fieldError('reference', 'Choisissez une autre campagne que celle-ci.');
    await grouping.lockCampaigns(tx, [other.id]);
    await grouping.mergeCampaigns(tx, [{ from: other.id, into: campaign.id }]);
    await recordAudit(tx, ctx, {
      action: 'campaigns.campaign.merged',
      entityType: 'campaign',
      entityId: campaign.id,
      details: { automatic: false, absorbed: other.id, absorbedReference: other.reference, reportCount: other.reportCount },
    });
    return reload(tx, id);
  });
}

/** Takes one report out of the campaign, for good: placed by hand, automatic grouping leaves it alone. */
export async function removeReport(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, reportId: string): Promise<TCampaignSummary> {
  return deps.database.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, actor, id);
    const [found] = await repo.reportsInCampaign(tx, id, [reportId]);
    if (!found || !isInScope(actor, found.departement)) throw new AppError('NOT_FOUND');
    if (campaign.reportCount <= 1) throw new AppError('INVALID_STATE', undefined, 'C’est le dernier signalement de la campagne : fermez plutôt la campagne.');
    await repo.placeReports(tx, [reportId], null);
    await repo.recountCampaigns(tx, [id]);
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.updated', entityType: 'campaign', entityId: id, details: { change: 'report_removed', reportId } });
    return reload(tx, id);
  });
}

/**
 * Qualifies the campaign: publishes its linking indicators (numbers, domains, links, addresses) into
 * fraud_indicators with its label and report counts, so every later analysis flags them and registry
 * changes using them are held; its new and in-progress reports become « qualifié ». Qualifying again
 * publishes indicators that appeared since.
 */
export async function qualifyCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<{ campaign: TCampaignSummary; published: number; reportsQualified: number }> {
  return deps.database.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, actor, id);
    if (campaign.status === 'close') throw new AppError('INVALID_STATE', undefined, 'Cette campagne est close : elle ne peut plus être qualifiée.');
    await repo.setCampaignStatus(tx, id, 'qualifiee', actor.userId);
    const publishable = (await repo.publishableIndicators(tx, id)).map((i) => i.id);
    const published = await repo.publishIndicators(tx, publishable, { id, label: campaign.label }, deps.config.indicatorExpiryDays);
    const qualified = await repo.qualifyCampaignReports(tx, id, actor.departement);
    await recordAudit(tx, ctx, {
      action: 'campaigns.campaign.qualified',
      entityType: 'campaign',
      entityId: id,
      details: { reference: campaign.reference, previousStatus: campaign.status, published, reportsQualified: qualified.length },
    });
    await recordAuditBatch(
      tx,
      ctx,
      qualified.map((r) => ({ action: 'reports.report.status_changed', entityType: 'report', entityId: r.id, details: { from: r.from, to: 'qualifie', campaignId: id } })),
    );
    return { campaign: await reload(tx, id), published, reportsQualified: qualified.length };
  });
}

/** Closes the campaign (nothing left to do). Its published indicators live on until they expire. */
export async function closeCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<TCampaignSummary> {
  return deps.database.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, actor, id);
    if (campaign.status === 'close') throw new AppError('INVALID_STATE', undefined, 'Cette campagne est déjà close.');
    await repo.setCampaignStatus(tx, id, 'close', null);
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.closed', entityType: 'campaign', entityId: id, details: { reference: campaign.reference, previousStatus: campaign.status } });
    return reload(tx, id);
  });
}
