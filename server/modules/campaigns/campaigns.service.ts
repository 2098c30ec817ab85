import { randomUUID } from 'node:crypto';
import type {
  TCampaignList,
  TCampaignListQuery,
  TCampaignMerge,
  TCampaignPage,
  TCampaignPublicLabel,
  TCampaignPublicLabelApproval,
  TCampaignPublicLabelProposal,
  TCampaignPublicLabelState,
  TCampaignSplit,
  TCampaignSummary,
  TCampaignUpdate,
  TCampaignWithdrawnValue,
} from '../../../contracts/campaigns.schemas.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import { recordAudit, recordAuditBatch, type AuditContext } from '../../platform/audit/audit.js';
import { isInScope, type Actor } from '../../platform/authz/policy.js';
import type { Executor } from '../../platform/db/client.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { buildCampaignLabel, displayValue, strongestIndicator } from './campaign-label.js';
import { campaignAccess, distinctDepartements, SHARED_CAMPAIGN_REASON } from './campaigns.policy.js';
import * as repo from './campaigns.repo.js';
import * as grouping from './grouping.repo.js';
import { publicLabelOf } from './public-label.js';
import { campaignWithdrawnValues, type WithdrawnValueRow } from './withdrawn-values.repo.js';
import { inTransactionUnlessShared, SharedRefusal } from './shared-refusal.js';

// What agents do with campaigns. Every change takes the grouping lock first, so it never interleaves
// with an automatic grouping batch, then locks the campaign row, then asks the policy
// (campaigns.policy.ts) with the départements of its reports as they are under the lock; the audit
// entry is written in the same transaction. A départemental agent reads campaigns holding at least one
// report of his département and changes only those whose every report is of his département; national
// agents read and change all. Out of scope answers 404; shared answers 403 CAMPAIGN_SHARED, audited.

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

/** « 07/12/2026 »: the day as agents in France read it. */
const frenchDay = (at: Date) => at.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });

/** A withdrawn value as the page lists it, with why it is gone, from what its audit entry holds. */
function toWithdrawnValue(w: WithdrawnValueRow): TCampaignWithdrawnValue {
  const at = new Date(w.withdrawn_at);
  const rules = w.extraction_version === null ? '' : ` (règles d’extraction version ${w.extraction_version})`;
  return {
    kind: w.kind,
    value: w.value,
    display: displayValue(w.kind, w.value),
    withdrawnAt: at.toISOString(),
    reason: `Retrait automatique : plus lue dans les signalements relus le ${frenchDay(at)}${rules}.`,
  };
}

/** Campaigns the actor may see, most recently reported first. */
export async function listCampaigns(deps: ServiceDeps, actor: Actor, query: TCampaignListQuery): Promise<TCampaignList> {
  const { items, total } = await repo.listCampaigns(deps.database.db, query, actor.departement);
  return { items: items.map(toSummary), total, page: query.page, pageSize: repo.PAGE_SIZE };
}

/**
 * A campaign's page: header, reports per day and per département, indicators with their life, the
 * published values the indicator backfill withdrew, and its reports (receipt, dates, channel, département, status — never who reported). Throws NOT_FOUND when
 * the campaign is merged, unknown or out of the actor's scope.
 */
export async function readCampaign(deps: ServiceDeps, actor: Actor, id: string): Promise<TCampaignPage> {
  const db = deps.database.db;
  const campaign = await repo.findVisibleCampaign(db, id, actor.departement);
  if (!campaign) throw new AppError('NOT_FOUND');
  // The page's reads run side by side on the pool (one round trip instead of four) before the policy
  // decides from the départements: when it hides the campaign, nothing read is returned.
  const [{ timeline, departements }, indicators, hiddenIndicators, reports, withdrawn] = await Promise.all([
    repo.campaignCounts(db, id),
    repo.campaignIndicators(db, id, actor.departement),
    repo.countIndicatorsNotCarriedBy(db, id, actor.departement),
    repo.campaignReports(db, id, actor.departement),
    campaignWithdrawnValues(db, id, actor.departement),
  ]);
  const access = campaignAccess(actor, departements.map((d) => d.departement));
  if (access === 'hidden') throw new AppError('NOT_FOUND');
  const readable = departements.filter((d) => isInScope(actor, d.departement)).reduce((n, d) => n + d.count, 0);
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
    indicatorsOtherDepartements: hiddenIndicators,
    withdrawn: { items: withdrawn.values.map(toWithdrawnValue), total: withdrawn.total, otherDepartements: withdrawn.otherDepartements },
    reportsOtherDepartements: departements.reduce((n, d) => n + d.count, 0) - readable,
    reportsShown: reports.length,
    access: access === 'change' ? { canChange: true, reason: null } : { canChange: false, reason: SHARED_CAMPAIGN_REASON },
    publicLabel: publicLabelView(campaign, actor),
  };
}

function publicLabelView(campaign: repo.CampaignRecord, actor: Actor): TCampaignPublicLabel {
  const current = publicLabelOf(campaign);
  return {
    current,
    source: campaign.publicLabel !== null ? 'approuve' : current !== null ? 'famille' : null,
    proposal:
      campaign.publicLabelProposal === null
        ? null
        : { label: campaign.publicLabelProposal, proposedAt: campaign.publicLabelProposalAt!, proposedByMe: campaign.publicLabelProposalBy === actor.userId },
  };
}

/**
 * Opens the change: grouping lock, then the campaign row, in scope and live (else NOT_FOUND), then the
 * policy over its reports' départements (else SharedRefusal, turned into an audited 403 by
 * `changeCampaign`).
 */
async function lockCampaign(tx: Executor, actor: Actor, id: string, operation: string): Promise<repo.CampaignRecord> {
  await grouping.lockGrouping(tx);
  const campaign = await repo.findVisibleCampaign(tx, id, actor.departement, true);
  if (!campaign) throw new AppError('NOT_FOUND');
  await assertMayChange(tx, actor, campaign.id, operation);
  return campaign;
}

async function assertMayChange(tx: Executor, actor: Actor, campaignId: string, operation: string): Promise<void> {
  const departements = (await repo.campaignDepartements(tx, campaignId)).map((d) => d.departement);
  const access = campaignAccess(actor, departements);
  if (access === 'hidden') throw new AppError('NOT_FOUND');
  if (access === 'read') throw new SharedRefusal('campaign', campaignId, operation, distinctDepartements(departements));
}

/** One change of a campaign in a transaction; a shared campaign is refused, audited, answered 403. */
const changeCampaign = <T>(deps: ServiceDeps, ctx: AuditContext, work: (tx: Executor) => Promise<T>): Promise<T> =>
  inTransactionUnlessShared(deps, ctx, SHARED_CAMPAIGN_REASON, work);

async function reload(tx: Executor, id: string): Promise<TCampaignSummary> {
  return toSummary((await repo.findVisibleCampaign(tx, id, null))!);
}

/**
 * Edits label, summary or family. The label is the agents' working name and never reaches the public
 * check page; a new family changes the public name of its published values only when no public label
 * was approved. Throws NOT_FOUND, CAMPAIGN_SHARED.
 */
export async function updateCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCampaignUpdate): Promise<TCampaignSummary> {
  return changeCampaign(deps, ctx, async (tx) => {
    const before = await lockCampaign(tx, actor, id, 'update');
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
 * campaign, outside the actor's département, or all of them; NOT_FOUND, CAMPAIGN_SHARED.
 */
export async function splitCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCampaignSplit): Promise<TCampaignSummary> {
  return changeCampaign(deps, ctx, async (tx) => {
    const campaign = await lockCampaign(tx, actor, id, 'split');
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
 * published values. Throws VALIDATION_FAILED (reference) when it is unknown, out of scope, or this one;
 * NOT_FOUND; CAMPAIGN_SHARED when either campaign is shared with another département.
 */
export async function mergeIntoCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCampaignMerge): Promise<TCampaignSummary> {
  return changeCampaign(deps, ctx, async (tx) => {
    const campaign = await lockCampaign(tx, actor, id, 'merge');
    const other = await repo.findVisibleCampaignByReference(tx, input.reference, actor.departement);
    if (!other) throw fieldError('reference', `Aucune campagne ${input.reference} parmi celles que vous pouvez voir.`);
    if (other.id === campaign.id) throw fieldError('reference', 'Choisissez une autre campagne que celle-ci.');
    await grouping.lockCampaigns(tx, [other.id]);
    // Absorbing changes the other campaign too: the actor must own it as well.
    await assertMayChange(tx, actor, other.id, 'merge');
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

/**
 * Takes one report out of the campaign, for good: placed by hand, automatic grouping leaves it alone.
 * Throws NOT_FOUND, CAMPAIGN_SHARED, INVALID_STATE (the last report).
 */
export async function removeReport(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, reportId: string): Promise<TCampaignSummary> {
  return changeCampaign(deps, ctx, async (tx) => {
    const campaign = await lockCampaign(tx, actor, id, 'remove_report');
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
 * publishes indicators that appeared since. Only indicators carried by reports the actor acts on are
 * published, under the campaign's public name (public-label.ts), never its working label. Throws
 * NOT_FOUND, CAMPAIGN_SHARED, INVALID_STATE (closed).
 */
export async function qualifyCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<{ campaign: TCampaignSummary; published: number; reportsQualified: number }> {
  return changeCampaign(deps, ctx, async (tx) => {
    const campaign = await lockCampaign(tx, actor, id, 'qualify');
    if (campaign.status === 'close') throw new AppError('INVALID_STATE', undefined, 'Cette campagne est close : elle ne peut plus être qualifiée.');
    await repo.setCampaignStatus(tx, id, 'qualifiee', actor.userId);
    const publishable = (await repo.publishableIndicators(tx, id, actor.departement)).map((i) => i.id);
    const published = await repo.publishIndicators(tx, publishable, { id, publicLabel: publicLabelOf(campaign) }, deps.config.indicatorExpiryDays);
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

/**
 * Closes the campaign (nothing left to do). Its published indicators live on until they expire. Throws
 * NOT_FOUND, CAMPAIGN_SHARED, INVALID_STATE (already closed).
 */
export async function closeCampaign(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<TCampaignSummary> {
  return changeCampaign(deps, ctx, async (tx) => {
    const campaign = await lockCampaign(tx, actor, id, 'close');
    if (campaign.status === 'close') throw new AppError('INVALID_STATE', undefined, 'Cette campagne est déjà close.');
    await repo.setCampaignStatus(tx, id, 'close', null);
    await recordAudit(tx, ctx, { action: 'campaigns.campaign.closed', entityType: 'campaign', entityId: id, details: { reference: campaign.reference, previousStatus: campaign.status } });
    return reload(tx, id);
  });
}

async function publicLabelState(tx: Executor, actor: Actor, id: string): Promise<TCampaignPublicLabelState> {
  const campaign = (await repo.findVisibleCampaign(tx, id, null))!;
  return { campaign: toSummary(campaign), publicLabel: publicLabelView(campaign, actor) };
}

/**
 * Proposes the name the public check page will show for this campaign (replacing an earlier proposal).
 * Nothing public changes until a second agent approves it. Throws NOT_FOUND, CAMPAIGN_SHARED.
 */
export async function proposePublicLabel(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCampaignPublicLabelProposal): Promise<TCampaignPublicLabelState> {
  return changeCampaign(deps, ctx, async (tx) => {
    const campaign = await lockCampaign(tx, actor, id, 'propose_public_label');
    await repo.proposePublicLabel(tx, id, input.label, actor.userId);
    await recordAudit(tx, ctx, {
      action: 'campaigns.campaign.public_label_proposed',
      entityType: 'campaign',
      entityId: id,
      details: { label: input.label, replacedProposal: campaign.publicLabelProposal, current: publicLabelOf(campaign) },
    });
    return publicLabelState(tx, actor, id);
  });
}

/**
 * A second agent approves the pending public label, naming the text he read: it becomes the name every
 * published value of the campaign shows. Throws NOT_FOUND, CAMPAIGN_SHARED, INVALID_STATE (nothing
 * proposed), STALE_VERSION (the proposal changed since), FOUR_EYES_REQUIRED (its proposer; audited).
 */
export async function approvePublicLabel(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TCampaignPublicLabelApproval): Promise<TCampaignPublicLabelState> {
  let refusedOwnProposal = false;
  try {
    return await changeCampaign(deps, ctx, async (tx) => {
      const campaign = await lockCampaign(tx, actor, id, 'approve_public_label');
      if (campaign.publicLabelProposal === null) throw new AppError('INVALID_STATE', undefined, 'Aucun libellé public n’attend d’approbation pour cette campagne.');
      if (campaign.publicLabelProposal !== input.label) throw new AppError('STALE_VERSION');
      if (campaign.publicLabelProposalBy === actor.userId) {
        refusedOwnProposal = true;
        throw new AppError('FOUR_EYES_REQUIRED', undefined, 'Le libellé public doit être approuvé par un autre agent que celui qui l’a proposé.');
      }
      await repo.approvePublicLabel(tx, id, actor.userId);
      await recordAudit(tx, ctx, {
        action: 'campaigns.campaign.public_label_approved',
        entityType: 'campaign',
        entityId: id,
        details: { label: campaign.publicLabelProposal, proposedBy: campaign.publicLabelProposalBy, previous: publicLabelOf(campaign) },
      });
      return publicLabelState(tx, actor, id);
    });
  } catch (err) {
    if (refusedOwnProposal) {
      await recordAccessDenial(deps.database, ctx, {
        entityType: 'campaign',
        entityId: id,
        permission: 'campaign:manage',
        details: { rule: 'four_eyes', operation: 'approve_public_label' },
      });
    }
    throw err;
  }
}
